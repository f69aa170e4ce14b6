from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Role
from urbanforum.cities.models import City
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.core.taxonomy import DOMAIN_LABELS, SDG_GOALS
from urbanforum.practices import selectors, services
from urbanforum.practices.forms import PracticeCreateForm, PracticeForm
from urbanforum.practices.models import GoodPractice


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def filters_from(params: Any) -> selectors.PracticeFilters:
    return selectors.PracticeFilters(
        search=params.get("q", "").strip(),
        domain=params.get("domain", ""),
        sdg=_int(params.get("sdg")),
        country=params.get("country", ""),
        size=params.get("size", ""),
        language=params.get("language", ""),
        city=params.get("city", ""),
    )


def ranked_for(user: Any, text: str) -> list[int] | None:
    """The matching engine's ranking for a search text (cross-lingual); None if it fails."""
    if not text:
        return None
    from urbanforum.matching.selectors import ranked_ids

    return ranked_ids(user=user, text=text, kind="practice")


def practice_list(request: HttpRequest) -> HttpResponse:
    filters = filters_from(request.GET)
    qs = selectors.practice_list(
        user=request.user, filters=filters, ranked=ranked_for(request.user, filters.search)
    )
    context = {
        "page_info": paginate(qs, page=request.GET.get("page"), params=request.GET),
        "filters": filters,
        "facets": selectors.practice_facets(),
        "can_add": request.user.has_perm("practices.add_goodpractice"),
        "domain_labels": DOMAIN_LABELS,
    }
    template = (
        "practices/_results.html" if request.headers.get("HX-Request") else "practices/list.html"
    )
    return render(request, template, context)


def _get(slug: str) -> GoodPractice:
    practice = selectors.practice_get(slug=slug)
    if practice is None:
        raise Http404("No such practice.")
    return practice


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _get(slug)
    if not request.user.has_perm("practices.view_goodpractice", practice):
        raise Http404("No such practice.")
    context = {
        "practice": practice,
        "can_edit": request.user.has_perm("practices.change_goodpractice", practice),
        "domain_labels": DOMAIN_LABELS,
        "sdg_goals": SDG_GOALS,
    }
    return render(request, "practices/detail.html", context)


def creatable_cities(user: Any) -> QuerySet[City]:
    if user.is_coordinator:
        return City.objects.filter(Q(is_bsr=True) | Q(administration__isnull=False)).order_by(
            "name"
        )
    return City.objects.filter(
        administration__memberships__user=user,
        administration__memberships__role__in=[Role.EDITOR, Role.ADMIN],
    ).distinct()


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not user.has_perm("practices.add_goodpractice"):
        raise PermissionDenied(_("Only editors of a city administration can add good practices."))
    form = PracticeCreateForm(request.POST or None, cities=creatable_cities(user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        city = data.pop("city")
        try:
            practice = services.practice_create(actor=user, city=city, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The practice was saved."))
            return redirect("practices:detail", slug=practice.slug)
    return render(request, "practices/form.html", {"form": form, "practice": None})


@login_required
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _get(slug)
    user = current_user(request)
    if not user.has_perm("practices.view_goodpractice", practice):
        raise Http404("No such practice.")
    if not user.has_perm("practices.change_goodpractice", practice):
        raise PermissionDenied(_("Only editors of the practice's city or author can edit it."))
    initial = {name: getattr(practice, name) for name in PracticeForm.base_fields}
    form = PracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(actor=user, practice=practice, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The practice was saved."))
            return redirect("practices:detail", slug=practice.slug)
    return render(request, "practices/form.html", {"form": form, "practice": practice})
