"""The audit trail: services call `record` for every write; `audit_trail` says who reads it.

It runs inside the service's transaction, so a write that rolls back leaves no audit entry either.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from urbanforum.core.models import AuditEvent
from urbanforum.core.policies import EVERYTHING, NOTHING, VisibilityPolicy, is_coordinator


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` (e.g. "organisation.update") to `target`."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)[:255]
    return AuditEvent.objects.create(
        actor=user,
        actor_label=(user.email if user is not None else "system"),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        changes=_jsonable(changes or {}),
    )


def diff(instance: models.Model, fields: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changes, as {field: [old, new]}."""
    changed: dict[str, list[Any]] = {}
    for name, new in fields.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [_jsonable(old), _jsonable(new)]
    return changed


class AuditTrailPolicy(VisibilityPolicy[AuditEvent]):
    """The trail names people and what they changed: coordinators read it, no one else."""

    model = AuditEvent

    def rule(self, user: Any) -> Q:
        return EVERYTHING if is_coordinator(user) else NOTHING


audit_trail = AuditTrailPolicy()
