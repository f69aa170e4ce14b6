"""allauth adapter: after sign-up, verify the person by their e-mail domain; a new person's
language is the one their sign-up page was shown in."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest

from urbanforum.accounts.models import User
from urbanforum.accounts.services import user_verify_by_domain
from urbanforum.core.i18n import supported_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: User, form: forms.Form, commit: bool = True
    ) -> User:
        # A new person reads what the page they signed up on was shown in (cookie or browser).
        language = supported_language(getattr(request, "LANGUAGE_CODE", ""))
        if language:
            user.preferred_language = language
        saved: User = super().save_user(request, user, form, commit=commit)
        if commit:
            user_verify_by_domain(user=saved)
        return saved
