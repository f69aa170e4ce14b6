"""JSON twin of the audit log (coordinators only)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.core.api import Page
from urbanforum.core.models import AuditEvent
from urbanforum.core.selectors import AuditFilters, audit_list

router = Router(tags=["audit"])


class AuditOut(Schema):
    id: int
    created_at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    target_label: str
    changes: dict[str, Any]

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return str(obj.actor_label)


class AuditFilterIn(Schema):
    action: str = ""
    actor: str = ""
    target_type: str = ""


@router.get("/audit", response=list[AuditOut])
@paginate(Page)
def list_audit(request: HttpRequest, filters: Query[AuditFilterIn]) -> QuerySet[AuditEvent]:
    if not request.user.has_perm("core.view_audit"):
        raise PermissionDenied(_("Only coordinators can read the audit log."))
    return audit_list(viewer=request.user, filters=AuditFilters(**filters.dict()))
