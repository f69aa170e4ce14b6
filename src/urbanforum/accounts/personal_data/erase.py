"""Erasing a person (account deletion): the steps, run by `accounts.services.account_delete`
inside its transaction.

The user row stays, pseudonymised (a random "former-member-…" name, no address, no password, no
roles), so that what the person wrote in shared spaces keeps its author — shown as "former member"
— and nothing others built on disappears. Everything that is only theirs goes (per the registry);
the audit trail keeps every entry, with the person's address and name replaced by the pseudonym.
"""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django.utils import timezone

from urbanforum.accounts.models import ApiToken, Invitation, Membership, User
from urbanforum.accounts.personal_data.export import audit_entries
from urbanforum.accounts.personal_data.registry import Erasure, relations_to_users

PSEUDONYM_DOMAIN = "former-member.invalid"  # .invalid: never a deliverable address (RFC 2606)


def new_pseudonym() -> str:
    return f"former-member-{secrets.token_hex(5)}"


def labels_of(user: User) -> tuple[str, ...]:
    """How the person's identity was copied into text: address, full name (longest first, so a
    name inside an address is not replaced half-way)."""
    found = {user.email}
    if user.full_name.strip():
        found.add(user.full_name.strip())
    return tuple(sorted(found, key=len, reverse=True))


def replace_labels(text: str, erasure: Erasure) -> str:
    for label in erasure.labels:
        text = text.replace(label, erasure.pseudonym)
    return text


def replace_in(value: Any, erasure: Erasure) -> Any:
    """`replace_labels` in every text (keys too) of a JSON value."""
    if isinstance(value, str):
        return replace_labels(value, erasure)
    if isinstance(value, list):
        return [replace_in(v, erasure) for v in value]
    if isinstance(value, dict):
        return {replace_labels(str(k), erasure): replace_in(v, erasure) for k, v in value.items()}
    return value


def pseudonymise_audit(erasure: Erasure) -> int:
    """Every audit entry by or about the person stays, with the pseudonym instead of them."""
    count = 0
    for entry in audit_entries(erasure.user):
        if entry.actor_id == erasure.user.pk:
            entry.actor_label = erasure.pseudonym
        entry.target_label = replace_labels(entry.target_label, erasure)[:255]
        entry.changes = replace_in(entry.changes, erasure)
        entry.save(update_fields=["actor_label", "target_label", "changes"])
        count += 1
    return count


def pseudonymise_admin_log(erasure: Erasure) -> None:
    user = erasure.user
    about = LogEntry.objects.filter(
        Q(user=user)
        | Q(content_type__app_label="accounts", content_type__model="user", object_id=str(user.pk))
    )
    for entry in about:
        entry.object_repr = replace_labels(entry.object_repr, erasure)[:200]
        entry.save(update_fields=["object_repr"])


def erase_related(erasure: Erasure) -> dict[str, int]:
    """Run the registry: delete the person's own rows, keep shared ones, call custom erasers."""
    deleted: dict[str, int] = {}
    for relation in relations_to_users():
        entry = relation.entry
        if entry.erase is not None:
            entry.erase(erasure)
        if entry.on_erase == "delete":
            q = Q()
            for f in relation.fields:
                q |= Q(**{f.name: erasure.user})
            count, _ = relation.model._default_manager.filter(q).delete()
            if count:
                deleted[relation.label] = count
    return deleted


def erase_access(user: User) -> dict[str, int]:
    """Accounts' own part: memberships, API tokens, invitations to the address and the e-mail
    addresses go (counted for the audit entry)."""
    return {
        "memberships": Membership.objects.filter(user=user).delete()[0],
        "api_tokens": ApiToken.objects.filter(user=user).delete()[0],
        "invitations": Invitation.objects.filter(email__iexact=user.email).delete()[0],
        "email_addresses": EmailAddress.objects.filter(user=user).delete()[0],
    }


def pseudonymise_user(user: User, erasure: Erasure) -> None:
    """The user row stays (shared content points at it) with nothing personal left; it can never
    log in again."""
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"{erasure.pseudonym}@{PSEUDONYM_DOMAIN}"
    user.full_name = ""
    user.job_title = ""
    user.preferred_language = "en"
    user.is_coordinator = user.is_expert = user.is_staff = user.is_superuser = False
    user.is_active = False
    user.last_login = None
    user.erased_at = timezone.now()
    user.set_unusable_password()  # also ends every session (their hash depends on the password)
    user.save()
