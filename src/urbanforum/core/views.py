from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbanforum.core.pagination import paginate
from urbanforum.core.selectors import AuditFilters, audit_list


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("core.view_audit"):
        raise PermissionDenied("Only coordinators can read the audit log.")
    filters = AuditFilters(
        action=request.GET.get("action", ""),
        actor=request.GET.get("actor", ""),
        target_type=request.GET.get("target_type", ""),
    )
    page_info = paginate(
        audit_list(filters=filters), page=request.GET.get("page"), per_page=50, params=request.GET
    )
    return render(request, "core/audit_log.html", {"page_info": page_info, "filters": filters})
