"""allauth adapter: after sign-up, verify the person by their e-mail domain."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest

from urbanforum.accounts.models import User
from urbanforum.accounts.services import user_verify_by_domain


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: User, form: forms.Form, commit: bool = True
    ) -> User:
        saved: User = super().save_user(request, user, form, commit=commit)
        if commit:
            user_verify_by_domain(user=saved)
        return saved
