"""allauth adapter: domain membership once the address is confirmed; absolute, header-safe mail."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress, EmailConfirmation
from django import forms
from django.http import HttpRequest

from urbanforum.accounts.models import User
from urbanforum.accounts.services import user_verify_by_domain
from urbanforum.core.mail import absolute_url, header_safe


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: User, form: forms.Form, commit: bool = True
    ) -> User:
        saved: User = super().save_user(request, user, form, commit=commit)
        if commit:
            # Nothing happens here for a fresh sign-up (the address is not confirmed yet); it
            # matters only where an address arrives already verified.
            user_verify_by_domain(user=saved)
        return saved

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        confirmed: bool = super().confirm_email(request, email_address)
        if confirmed:
            user = User.objects.get(pk=email_address.user_id)
            user_verify_by_domain(user=user)
        return confirmed

    def format_email_subject(self, subject: str) -> str:
        return header_safe(super().format_email_subject(subject))

    def get_email_confirmation_url(
        self, request: HttpRequest, emailconfirmation: EmailConfirmation
    ) -> str:
        # From URBANFORUM_SITE_URL, not from the request's Host header (which a client chooses).
        relative: Any = super().get_email_confirmation_url(request, emailconfirmation)
        return absolute_url(_path_of(str(relative)))

    def get_reset_password_from_key_url(self, key: str) -> str:
        relative: Any = super().get_reset_password_from_key_url(key)
        return absolute_url(_path_of(str(relative)))


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
