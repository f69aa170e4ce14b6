"""Reads of core's own records: the audit trail, through its policy."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from urbanforum.core.audit import audit_trail
from urbanforum.core.models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target_type: str = ""


def audit_list(
    *, viewer: AbstractBaseUser | AnonymousUser, filters: AuditFilters
) -> QuerySet[AuditEvent]:
    """The entries `viewer` may read (coordinators: all), newest first."""
    qs = audit_trail.queryset(viewer)
    if filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.actor:
        qs = qs.filter(actor_label__icontains=filters.actor)
    if filters.target_type:
        qs = qs.filter(target_type=filters.target_type)
    return qs.order_by("-created_at", "-id")
