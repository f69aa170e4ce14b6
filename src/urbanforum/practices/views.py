from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.cities.selectors import cities_edited_by
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.core.taxonomy import DOMAIN_LABELS, SDG_GOALS
from urbanforum.practices import related, selectors, services
from urbanforum.practices.forms import PracticeCreateForm, PracticeForm
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.sources import listed_sources, provenance


def practice_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.PracticeFilters,
        rows=lambda f: selectors.practice_list(user=request.user, filters=f),
        facets=selectors.practice_facets,
        template="practices/list.html",
        fragment="practices/_results.html",
        extra={
            "can_add": request.user.has_perm("practices.add_goodpractice"),
            "domain_labels": DOMAIN_LABELS,
        },
    )


def _get(request: HttpRequest, slug: str) -> GoodPractice:
    """The practice, or 404 — also when the user may not see it (a draft stays private)."""
    practice = selectors.practice_get(slug=slug)
    if practice is None or not request.user.has_perm("practices.view_goodpractice", practice):
        raise Http404(_("No such practice."))
    return practice


def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _get(request, slug)
    context = {
        "practice": practice,
        "can_edit": request.user.has_perm("practices.change_goodpractice", practice),
        "domain_labels": DOMAIN_LABELS,
        "sdg_goals": SDG_GOALS,
        "origin": related.related(practice, request.user),
        "provenance": provenance(practice, has_partners=practice.partner_cities.exists()),
        "sources": listed_sources(practice),
    }
    return render(request, "practices/detail.html", context)


@login_required
def practice_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("practices.add_goodpractice"):
        raise PermissionDenied(_("Only editors of a city administration can add good practices."))
    form = PracticeCreateForm(request.POST or None, cities=cities_edited_by(user))
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(
                actor=user, city=form.cleaned_data["city"], fields=form.validated
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The practice was saved."))
            return redirect("practices:detail", slug=practice.slug)
    return render(request, "practices/form.html", {"form": form, "practice": None})


@login_required
def practice_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    practice = _get(request, slug)
    user = request.user
    if not user.has_perm("practices.change_goodpractice", practice):
        raise PermissionDenied(_("Only editors of the practice's city or author can edit it."))
    initial = {name: getattr(practice, name) for name in PracticeForm.base_fields}
    form = PracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(actor=user, practice=practice, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The practice was saved."))
            return redirect("practices:detail", slug=practice.slug)
    return render(request, "practices/form.html", {"form": form, "practice": practice})
