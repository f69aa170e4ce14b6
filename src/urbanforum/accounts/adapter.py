"""allauth adapter: after sign-up, verify the person by their e-mail domain."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: Any, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from urbanforum.accounts.services import user_verify_by_domain

            user_verify_by_domain(user=user)
        return user
