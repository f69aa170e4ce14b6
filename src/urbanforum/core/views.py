from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbanforum.accounts.models import Organisation
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_map_points
from urbanforum.core.pagination import paginate
from urbanforum.core.selectors import AuditFilters, audit_list


def home(request: HttpRequest) -> HttpResponse:
    bsr = City.objects.filter(is_bsr=True)
    context = {
        "city_count": City.objects.count(),
        "bsr_count": bsr.count(),
        "country_count": City.objects.values("country").distinct().count(),
        "organisation_count": Organisation.objects.count(),
        "largest": bsr.exclude(population=None).order_by("-population")[:12],
        "map_points": city_map_points(
            qs=bsr.exclude(population=None).order_by("-population"), limit=400
        ),
        "by_country": bsr.values("country").annotate(n=Count("id")).order_by("-n"),
    }
    return render(request, "core/home.html", context)


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
