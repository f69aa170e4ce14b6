from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation, OrganisationKind, Role
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.marketplace import selectors, services
from urbanforum.marketplace.forms import ExpertForm, SolutionCreateForm, SolutionForm
from urbanforum.marketplace.models import Expert, Solution


def solution_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    filters = selectors.SolutionFilters(
        search=g.get("q", "").strip(),
        domain=g.get("domain", ""),
        maturity=g.get("maturity", ""),
        country=g.get("country", ""),
        language=g.get("language", ""),
    )
    context = {
        "page_info": paginate(
            selectors.solution_list(user=request.user, filters=filters),
            page=g.get("page"),
            params=g,
        ),
        "filters": filters,
        "facets": selectors.solution_facets(),
        "can_add": request.user.has_perm("marketplace.add_solution"),
    }
    template = (
        "marketplace/_solutions.html"
        if request.headers.get("HX-Request")
        else "marketplace/solution_list.html"
    )
    return render(request, template, context)


def _solution(request: HttpRequest, slug: str) -> Solution:
    solution = selectors.solution_get(slug=slug)
    if solution is None or not request.user.has_perm("marketplace.view_solution", solution):
        raise Http404("No such solution.")
    return solution


def solution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    solution = _solution(request, slug)
    return render(
        request,
        "marketplace/solution_detail.html",
        {
            "solution": solution,
            "can_edit": request.user.has_perm("marketplace.change_solution", solution),
        },
    )


def providers_for(user: Any) -> Any:
    if user.is_coordinator:
        return Organisation.objects.filter(kind=OrganisationKind.COMPANY)
    return Organisation.objects.filter(
        kind=OrganisationKind.COMPANY,
        memberships__user=user,
        memberships__role__in=[Role.EDITOR, Role.ADMIN],
    ).distinct()


@login_required
def solution_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not user.has_perm("marketplace.add_solution"):
        raise PermissionDenied(_("Only editors of a company can offer solutions."))
    form = SolutionCreateForm(request.POST or None, providers=providers_for(user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        provider = data.pop("provider")
        try:
            solution = services.solution_create(actor=user, provider=provider, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The solution was saved."))
            return redirect("marketplace:solution_detail", slug=solution.slug)
    return render(request, "marketplace/form.html", {"form": form, "title": _("Offer a solution")})


@login_required
def solution_edit(request: HttpRequest, slug: str) -> HttpResponse:
    solution = _solution(request, slug)
    user = current_user(request)
    if not user.has_perm("marketplace.change_solution", solution):
        raise PermissionDenied(_("Only editors of the provider can edit the solution."))
    initial = {name: getattr(solution, name) for name in SolutionForm.base_fields}
    form = SolutionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.solution_update(actor=user, solution=solution, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The solution was saved."))
            return redirect("marketplace:solution_detail", slug=solution.slug)
    return render(request, "marketplace/form.html", {"form": form, "title": _("Edit the solution")})


def expert_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    filters = selectors.ExpertFilters(
        search=g.get("q", "").strip(),
        domain=g.get("domain", ""),
        country=g.get("country", ""),
        language=g.get("language", ""),
    )
    context = {
        "page_info": paginate(
            selectors.expert_list(user=request.user, filters=filters), page=g.get("page"), params=g
        ),
        "filters": filters,
        "facets": selectors.expert_facets(),
        "can_add": request.user.has_perm("marketplace.add_expert"),
    }
    template = (
        "marketplace/_experts.html"
        if request.headers.get("HX-Request")
        else "marketplace/expert_list.html"
    )
    return render(request, template, context)


def _expert(request: HttpRequest, slug: str) -> Expert:
    expert = selectors.expert_get(slug=slug)
    if expert is None or not request.user.has_perm("marketplace.view_expert", expert):
        raise Http404("No such expert.")
    return expert


def expert_detail(request: HttpRequest, slug: str) -> HttpResponse:
    expert = _expert(request, slug)
    return render(
        request,
        "marketplace/expert_detail.html",
        {"expert": expert, "can_edit": request.user.has_perm("marketplace.change_expert", expert)},
    )


@login_required
def expert_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not user.has_perm("marketplace.add_expert"):
        raise PermissionDenied(
            _("Only experts without a profile (and coordinators) can create one.")
        )
    form = ExpertForm(request.POST or None, initial={"name": user.display_name})
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_create(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The expert profile was saved."))
            return redirect("marketplace:expert_detail", slug=expert.slug)
    return render(request, "marketplace/form.html", {"form": form, "title": _("Expert profile")})


@login_required
def expert_edit(request: HttpRequest, slug: str) -> HttpResponse:
    expert = _expert(request, slug)
    user = current_user(request)
    if not user.has_perm("marketplace.change_expert", expert):
        raise PermissionDenied(_("Only the expert (and coordinators) can edit this profile."))
    initial = {name: getattr(expert, name) for name in ExpertForm.base_fields}
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_update(actor=user, expert=expert, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The expert profile was saved."))
            return redirect("marketplace:expert_detail", slug=expert.slug)
    return render(
        request, "marketplace/form.html", {"form": form, "title": _("Edit the expert profile")}
    )
