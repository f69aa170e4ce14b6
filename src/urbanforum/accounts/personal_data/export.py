"""Everything the platform holds about a person, as one JSON document (docs/personal-data.md)."""

from __future__ import annotations

import json
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from urbanforum.accounts.models import ApiToken, Invitation, Membership, User
from urbanforum.accounts.personal_data.registry import (
    Relation,
    exported_fields,
    fields_of,
    indirect_entries,
    relations_to_users,
)
from urbanforum.core.models import AuditEvent

FORMAT = "urbanforum-personal-data/1"


def _value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _profile(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "is_coordinator": user.is_coordinator,
        "is_expert": user.is_expert,
        "is_staff": user.is_staff,
        "date_joined": _value(user.date_joined),
        "last_login": _value(user.last_login),
    }


def _memberships(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": m.organisation.slug,
            "organisation_name": m.organisation.name,
            "role": m.role,
            "verified_via": m.verified_via,
            "created_at": _value(m.created_at),
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


def _tokens(user: User) -> list[dict[str, Any]]:
    # Metadata only: the key was shown once and only its hash is stored; neither is exported.
    return [
        {
            "id": t.pk,
            "name": t.name,
            "prefix": t.prefix,
            "created_at": _value(t.created_at),
            "last_used_at": _value(t.last_used_at),
            "revoked_at": _value(t.revoked_at),
        }
        for t in ApiToken.objects.filter(user=user)
    ]


def _email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user)
    ]


def _invitations(user: User) -> list[dict[str, Any]]:
    """Invitations sent to the person's address (without their secret token)."""
    return [
        {
            "organisation": i.organisation.slug,
            "role": i.role,
            "created_at": _value(i.created_at),
            "expires_at": _value(i.expires_at),
            "accepted_at": _value(i.accepted_at),
        }
        for i in Invitation.objects.filter(email__iexact=user.email).select_related("organisation")
    ]


def audit_entries(user: User) -> Any:
    """Audit entries by the person, about their account, or naming their address."""
    return (
        AuditEvent.objects.annotate(changes_text=Cast("changes", TextField()))
        .filter(
            Q(actor=user)
            | Q(target_type="accounts.user", target_id=str(user.pk))
            | Q(target_label__icontains=user.email)
            | Q(changes_text__icontains=user.email)
        )
        .order_by("created_at", "pk")
    )


def _mentions(value: Any, email: str) -> bool:
    return email in json.dumps(value, default=str).lower()


def _about(value: Any, email: str) -> Any:
    """The parts of an entry's changes that name the person: of a list, the items that do (a
    bid opening lists every bid: only the person's own is theirs); of a mapping, the keys."""
    if isinstance(value, list):
        return [v for v in value if _mentions(v, email)]
    if isinstance(value, dict):
        return {k: _about(v, email) for k, v in value.items() if _mentions(v, email)}
    return value


def _audit(user: User) -> list[dict[str, Any]]:
    email = user.email.lower()
    return [
        {
            "at": _value(e.created_at),
            "by_me": e.actor_id == user.pk,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "target_label": e.target_label,
            # Another person's action that names this person: only what is about them.
            "changes": e.changes
            if e.actor_id == user.pk
            or (e.target_type, e.target_id) == ("accounts.user", str(user.pk))
            else _about(e.changes, email),
        }
        for e in audit_entries(user)
    ]


def _rows(relation: Relation, user: User) -> list[dict[str, Any]]:
    names = exported_fields(relation)
    q = Q()
    for f in relation.fields:
        q |= Q(**{f.name: user})
    rows = []
    for obj in relation.model._default_manager.filter(q).order_by("pk"):
        row = {name: _value(getattr(obj, name)) for name in names}
        row["_as"] = [f.name for f in relation.fields if getattr(obj, f.attname) == user.pk]
        rows.append(row)
    return rows


# Sections that accounts writes itself (above); the generic records skip these models.
_OWN = {"account.emailaddress", "accounts.membership", "accounts.apitoken"}


def personal_data(user: User) -> dict[str, Any]:
    """The export: the person's profile, e-mail addresses, memberships, invitations, API tokens
    (metadata), audit entries, and `records`: per model related to them, the rows and the
    fields of each that the model's registration allows (see registry)."""
    records: dict[str, Any] = {}
    for relation in relations_to_users():
        if relation.label in _OWN:
            continue
        rows = _rows(relation, user)
        if rows:
            records[relation.label] = {
                "description": relation.entry.description
                or str(relation.model._meta.verbose_name_plural),
                "kept_on_deletion": relation.entry.on_erase == "keep",
                "rows": rows,
            }
    for entry in indirect_entries():
        assert entry.rows is not None
        names = fields_of(entry)
        indirect = [
            {name: _value(getattr(obj, name)) for name in names}
            for obj in entry.rows(user).order_by("pk")
        ]
        if indirect:
            records[entry.model._meta.label_lower] = {
                "description": entry.description or str(entry.model._meta.verbose_name_plural),
                "kept_on_deletion": True,
                "rows": indirect,
            }
    return {
        "format": FORMAT,
        "exported_at": _value(timezone.now()),
        "profile": _profile(user),
        "email_addresses": _email_addresses(user),
        "memberships": _memberships(user),
        "invitations": _invitations(user),
        "api_tokens": _tokens(user),
        "audit": _audit(user),
        "records": records,
    }
