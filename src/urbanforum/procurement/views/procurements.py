"""The procurement's own screens: the list, start and edit, its page, its process's list, OCDS."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors, kept_input
from urbanforum.core.lists import list_page
from urbanforum.procurement import ocds, selectors, services
from urbanforum.procurement.forms import ProcurementChangesForm, ProcurementForm
from urbanforum.procurement.process_link import (
    get_process,
    is_in_phase,
    may_attach,
    process_for_request,
)
from urbanforum.procurement.selectors import ProcurementFilters
from urbanforum.procurement.views._common import procurement_or_404


def procurement_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=ProcurementFilters,
        rows=lambda f: selectors.procurement_list(
            user=request.user, search=f.search, status=f.status
        ),
        template="procurement/list.html",
        fragment="procurement/_results.html",
        extra={"can_add": request.user.has_perm("procurement.add_jointprocurement")},
    )


@login_required
def procurement_create(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("procurement.add_jointprocurement"):
        raise PermissionDenied(
            _("Only editors of a city administration can start a joint procurement.")
        )
    orgs = selectors.organisations_for_join(request.user)
    process = process_for_request(request)
    initial = (
        {"title": process.title, "description": process.challenge.problem_statement}
        if process
        else None
    )
    form = ProcurementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        org = next(
            (o for o in orgs if str(o.pk) == request.POST.get("lead_organisation")),
            orgs[0] if orgs else None,
        )
        if org is None:
            raise PermissionDenied
        try:
            p = services.procurement_create(
                actor=request.user, lead_organisation=org, data=form.validated, process=process
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The joint procurement was created. Add lots and invite cities.")
            )
            return redirect("procurement:detail", ref=p.reference)
    return render(
        request,
        "procurement/form.html",
        {"form": form, "organisations": orgs, "procurement": None, "process": process},
    )


@login_required
def procurement_edit(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    if not request.user.has_perm("procurement.change_jointprocurement", p):
        raise PermissionDenied
    initial = {f: getattr(p, f) for f in ProcurementChangesForm.base_fields}
    initial["cpv_codes"] = ", ".join(p.cpv_codes)
    form = ProcurementChangesForm(request.POST or None, initial=initial, procurement=p)
    if request.method == "POST" and form.is_valid():
        try:
            services.procurement_update(actor=request.user, procurement=p, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("procurement:detail", ref=p.reference)
    return render(request, "procurement/form.html", {"form": form, "procurement": p})


def procurement_detail(request: HttpRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    context = selectors.procurement_page(procurement=p, user=request.user)
    context["kept_input"] = kept_input(request)  # an action refused: its form keeps the input
    return render(request, "procurement/detail.html", context)


def process_procurement(request: HttpRequest, slug: str) -> HttpResponse:
    """The Action-phase feature of a collaboration process: its joint procurements."""
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No such process."))
    return render(
        request,
        "procurement/process.html",
        {
            "process": process,
            "procurements": selectors.procurements_of_process(user=request.user, process=process),
            "can_add": may_attach(request.user, process)
            and request.user.has_perm("procurement.add_jointprocurement"),
            "in_action": is_in_phase(process, "action"),
        },
    )


def procurement_ocds(request: HttpRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    return JsonResponse(ocds.build_package([p]), json_dumps_params={"indent": 1})


def ocds_all(request: HttpRequest) -> HttpResponse:
    """Every procurement the public may see as one release package (drafts are not public)."""
    package = ocds.build_package(list(selectors.exportable()))
    return JsonResponse(package, json_dumps_params={"indent": 1})
