from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.marketplace import selectors, services
from urbanforum.marketplace.forms import ExpertForm, SolutionCreateForm, SolutionForm
from urbanforum.marketplace.models import Expert, Solution


def solution_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.SolutionFilters,
        rows=lambda f: selectors.solution_list(user=request.user, filters=f),
        facets=selectors.solution_facets,
        template="marketplace/solution_list.html",
        fragment="marketplace/_solutions.html",
        extra={"can_add": request.user.has_perm("marketplace.add_solution")},
    )


def _solution(request: HttpRequest, slug: str) -> Solution:
    solution = selectors.solution_get(slug=slug)
    if solution is None or not request.user.has_perm("marketplace.view_solution", solution):
        raise Http404(_("No such solution."))
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


@login_required
def solution_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("marketplace.add_solution"):
        raise PermissionDenied(_("Only editors of a company can offer solutions."))
    form = SolutionCreateForm(request.POST or None, providers=selectors.providers_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            solution = services.solution_create(
                actor=user, provider=form.cleaned_data["provider"], fields=form.validated
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The solution was saved."))
            return redirect("marketplace:solution_detail", slug=solution.slug)
    return render(request, "marketplace/form.html", {"form": form, "title": _("Offer a solution")})


@login_required
def solution_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    solution = _solution(request, slug)
    user = request.user
    if not user.has_perm("marketplace.change_solution", solution):
        raise PermissionDenied(_("Only editors of the provider can edit the solution."))
    initial = {name: getattr(solution, name) for name in SolutionForm.base_fields}
    form = SolutionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.solution_update(actor=user, solution=solution, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The solution was saved."))
            return redirect("marketplace:solution_detail", slug=solution.slug)
    return render(request, "marketplace/form.html", {"form": form, "title": _("Edit the solution")})


def expert_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.ExpertFilters,
        rows=lambda f: selectors.expert_list(user=request.user, filters=f),
        facets=selectors.expert_facets,
        template="marketplace/expert_list.html",
        fragment="marketplace/_experts.html",
        extra={"can_add": request.user.has_perm("marketplace.add_expert")},
    )


def _expert(request: HttpRequest, slug: str) -> Expert:
    expert = selectors.expert_get(slug=slug)
    if expert is None or not request.user.has_perm("marketplace.view_expert", expert):
        raise Http404(_("No such expert."))
    return expert


def expert_detail(request: HttpRequest, slug: str) -> HttpResponse:
    expert = _expert(request, slug)
    return render(
        request,
        "marketplace/expert_detail.html",
        {"expert": expert, "can_edit": request.user.has_perm("marketplace.change_expert", expert)},
    )


@login_required
def expert_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("marketplace.add_expert"):
        raise PermissionDenied(
            _("Only experts without a profile (and coordinators) can create one.")
        )
    form = ExpertForm(request.POST or None, initial={"name": user.display_name})
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_create(actor=user, fields=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The expert profile was saved."))
            return redirect("marketplace:expert_detail", slug=expert.slug)
    return render(request, "marketplace/form.html", {"form": form, "title": _("Expert profile")})


@login_required
def expert_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    expert = _expert(request, slug)
    user = request.user
    if not user.has_perm("marketplace.change_expert", expert):
        raise PermissionDenied(_("Only the expert (and coordinators) can edit this profile."))
    initial = {name: getattr(expert, name) for name in ExpertForm.base_fields}
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_update(actor=user, expert=expert, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The expert profile was saved."))
            return redirect("marketplace:expert_detail", slug=expert.slug)
    return render(
        request, "marketplace/form.html", {"form": form, "title": _("Edit the expert profile")}
    )
