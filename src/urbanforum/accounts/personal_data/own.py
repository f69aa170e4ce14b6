"""Accounts' own registrations (and those of the third-party models it looks after)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry

from urbanforum.accounts.models import ApiToken, Invitation, Membership
from urbanforum.accounts.personal_data.registry import PersonalData, register


def register_own() -> None:
    register(PersonalData(EmailAddress, "delete", "E-mail addresses of the account"))
    register(PersonalData(Membership, "delete", "Memberships of organisations"))
    register(
        PersonalData(
            ApiToken,
            "delete",
            "API tokens (name, prefix, dates; never the key or its hash)",
            fields=("id", "name", "prefix", "created_at", "last_used_at", "revoked_at"),
        )
    )
    register(
        PersonalData(
            Invitation,
            "keep",
            "Invitations the person sent or accepted (the organisation's record; no token)",
            exclude=("token",),
        )
    )
    register(
        PersonalData(
            LogEntry,
            "keep",
            "Changes made in the admin site (kept like the audit trail; names pseudonymised)",
        )
    )
