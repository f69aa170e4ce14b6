"""Screens of pilots and impact. Thin: parse (through the action's schema), call a selector or a
service, render. Write actions on the pilot's page are POSTs that redirect back to it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors, flash_errors
from urbanforum.core.lists import list_page
from urbanforum.core.schemas import parse
from urbanforum.impact import registry, selectors, services
from urbanforum.impact.forms import ImpactForm, PilotEditForm, PilotForm
from urbanforum.impact.models import Pilot
from urbanforum.impact.schemas import (
    IMPACT_FIELDS,
    KpiInput,
    MeasurementInput,
    MilestoneInput,
    ProgressInput,
)
from urbanforum.impact.selectors import PilotFilters
from urbanforum.procurement.process_link import get_process, may_attach, process_for_request
from urbanforum.procurement.selectors import organisations_for_join


def _progress_labels() -> dict[str, str]:
    # "%%": the msgid the template's {% translate "Progress (%)" %} looks up; `% {}` unescapes it.
    return {"progress": _("Progress (%%)") % {}}


def _get(request: HttpRequest, slug: str) -> Pilot:
    pilot = selectors.pilot_visible(user=request.user, slug=slug)
    if pilot is None:
        raise Http404(_("No such pilot."))
    return pilot


def _posted(request: HttpRequest, *names: str) -> dict[str, str]:
    return {name: request.POST.get(name, "") for name in names}


def _act(
    request: AuthedRequest,
    pilot: Pilot,
    call: Callable[[], object],
    done: str,
    labels: dict[str, str] | None = None,
) -> HttpResponse:
    """Check that the user edits the pilot, run the action (`call` parses its input and calls the
    service), say what happened, and go back to the pilot's page. `labels` name the posted
    fields as the page's form does, for the error messages."""
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    try:
        call()
    except ValidationError as exc:
        flash_errors(request, exc, labels)
    else:
        messages.success(request, done)
    return redirect("impact:detail", slug=pilot.slug)


def pilot_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=PilotFilters,
        rows=lambda f: selectors.pilot_list(user=request.user, search=f.search, city=f.city),
        template="impact/list.html",
        fragment="impact/_results.html",
        extra={"can_add": request.user.has_perm("impact.add_pilot")},
    )


@login_required
def pilot_create(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("impact.add_pilot"):
        raise PermissionDenied
    orgs = organisations_for_join(request.user)
    process = process_for_request(request)
    form = PilotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = next(
            (o for o in orgs if str(o.pk) == request.POST.get("organisation")),
            orgs[0] if orgs else None,
        )
        if org is None:
            raise PermissionDenied
        try:
            pilot = services.pilot_create(
                actor=request.user, organisation=org, data=form.validated, process=process
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("impact:detail", slug=pilot.slug)
    return render(
        request, "impact/form.html", {"form": form, "organisations": orgs, "process": process}
    )


def process_pilots(request: HttpRequest, slug: str) -> HttpResponse:
    """The Action-phase feature of a collaboration process: its pilots."""
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No such process."))
    return render(
        request,
        "impact/process.html",
        {
            "process": process,
            "pilots": selectors.pilots_of_process(user=request.user, process=process),
            "can_add": may_attach(request.user, process)
            and request.user.has_perm("impact.add_pilot"),
        },
    )


def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)
    views = selectors.kpi_views(pilot=pilot, user=request.user)
    charts = [
        {"id": f"kpi-chart-{v.kpi.pk}", "spec": selectors.kpi_chart(v), "view": v} for v in views
    ]
    return render(
        request,
        "impact/detail.html",
        {
            "pilot": pilot,
            "kpis": views,
            "charts": charts,
            "milestones": selectors.milestones(pilot=pilot),
            "impact": selectors.impact_view(pilot=pilot),
            "can_edit": request.user.has_perm("impact.change_pilot", pilot),
            # What other apps show on a pilot's page (reviews: its review rounds).
            "sections": registry.pilot_sections(pilot, request.user),
        },
    )


@login_required
@require_POST
def kpi_add(request: AuthedRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)

    def call() -> object:
        data = parse(KpiInput, _posted(request, "name", "unit", "baseline", "target", "direction"))
        return services.kpi_add(actor=request.user, pilot=pilot, data=data)

    return _act(request, pilot, call, _("The KPI was added."))


@login_required
@require_POST
def measurement_add(request: AuthedRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)
    kpi = selectors.kpi_of(pilot=pilot, pk=request.POST.get("kpi"))
    if kpi is None:
        raise Http404

    def call() -> object:
        data = parse(MeasurementInput, _posted(request, "date", "value", "note"))
        return services.measurement_add(actor=request.user, kpi=kpi, data=data)

    return _act(request, pilot, call, _("The value was recorded."))


@login_required
@require_POST
def measurements_import(request: AuthedRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)
    upload = request.FILES.get("file")
    text = (
        upload.read().decode("utf-8-sig", errors="replace")
        if upload
        else request.POST.get("csv", "")
    )
    return _act(
        request,
        pilot,
        lambda: services.measurements_import(actor=request.user, pilot=pilot, text=text),
        _("The values were imported."),
    )


@login_required
@require_POST
def milestone_add(request: AuthedRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)

    def call() -> object:
        data = parse(MilestoneInput, _posted(request, "title", "due_date", "progress"))
        return services.milestone_add(actor=request.user, pilot=pilot, data=data)

    return _act(request, pilot, call, _("The milestone was added."), _progress_labels())


@login_required
@require_POST
def milestone_progress(request: AuthedRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _get(request, slug)
    m = selectors.milestone_of(pilot=pilot, pk=pk)
    if m is None:
        raise Http404

    def call() -> object:
        data = parse(ProgressInput, _posted(request, "progress"))
        return services.milestone_progress(actor=request.user, milestone=m, progress=data.progress)

    return _act(request, pilot, call, _("The progress was saved."), _progress_labels())


@login_required
def impact_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    assessment = selectors.impact_assessment(pilot=pilot)
    initial = model_to_dict(assessment, fields=IMPACT_FIELDS) if assessment else None
    form = ImpactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.impact_set(actor=request.user, pilot=pilot, data=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The impact assessment was saved."))
            return redirect("impact:detail", slug=pilot.slug)
    return render(request, "impact/impact_form.html", {"form": form, "pilot": pilot})


@login_required
def pilot_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    """The pilot's edit page: status, provider, procurement and contract, this city's share."""
    pilot = _get(request, slug)
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    assessment = selectors.impact_assessment(pilot=pilot)
    initial = {
        **model_to_dict(
            pilot,
            fields=[
                "title",
                "solution_name",
                "description",
                "start_date",
                "end_date",
                "budget_eur",
                "status",
            ],
        ),
        "provider": pilot.provider.slug if pilot.provider else "",
        "procurement": pilot.procurement.reference if pilot.procurement else "",
        "contract": pilot.contract_id,
        "share": assessment.share if assessment else None,
    }
    form = PilotEditForm(
        request.POST or None, initial=initial, choices=selectors.pilot_edit_choices(pilot=pilot)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_edit(actor=request.user, pilot=pilot, data=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The pilot was saved."))
            return redirect("impact:detail", slug=pilot.slug)
    return render(request, "impact/pilot_edit.html", {"form": form, "pilot": pilot})


@login_required
@require_POST
def pilot_complete(request: AuthedRequest, slug: str) -> HttpResponse:
    pilot = _get(request, slug)
    return _act(
        request,
        pilot,
        lambda: services.pilot_complete(actor=request.user, pilot=pilot),
        _("The pilot is completed."),
    )
