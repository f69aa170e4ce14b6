"""The browser's forms of the accounts actions; each validates through its action's schema
(accounts.schemas), the same class the API takes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import OrganisationKind, Role
from urbanforum.accounts.schemas import (
    AccountDeletion,
    InvitationInput,
    OrganisationChanges,
    OrganisationInput,
    ProfileInput,
    TokenInput,
)
from urbanforum.core.forms import SchemaForm


class _OrganisationFields(SchemaForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    country = forms.CharField(label=_("Country (ISO code, e.g. FI)"), max_length=2, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    email_domains = forms.CharField(
        label=_("E-mail domains"),
        required=False,
        help_text=_("People who sign up with these domains become verified members, e.g. hel.fi"),
    )


class OrganisationForm(_OrganisationFields):
    schema = OrganisationInput


class OrganisationEditForm(_OrganisationFields):
    """The same fields; every field of the form is sent, so every one may change."""

    schema = OrganisationChanges


class InvitationForm(SchemaForm):
    schema = InvitationInput

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProfileForm(SchemaForm):
    schema = ProfileInput

    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )


class TokenForm(SchemaForm):
    schema = TokenInput

    name = forms.CharField(label=_("Token name"), max_length=100)


class AccountDeletionForm(SchemaForm):
    schema = AccountDeletion

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
