from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from urbanforum.core.models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target_type: str = ""


def audit_list(*, filters: AuditFilters) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.actor:
        qs = qs.filter(actor_label__icontains=filters.actor)
    if filters.target_type:
        qs = qs.filter(target_type=filters.target_type)
    return qs.order_by("-created_at", "-id")
