from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from urbanforum.core.lists import list_page
from urbanforum.core.selectors import AuditFilters, audit_list


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("core.view_audit"):
        raise PermissionDenied(_("Only coordinators can read the audit log."))
    return list_page(
        request,
        filters=AuditFilters,
        rows=lambda filters: audit_list(viewer=request.user, filters=filters),
        per_page=50,
        template="core/audit_log.html",
        fragment="core/audit_log.html",  # the page has no htmx part
    )
