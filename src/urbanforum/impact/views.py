"""Screens of pilots and impact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.impact import selectors, services
from urbanforum.impact.models import ImpactAssessment, Milestone, Pilot, PilotStatus
from urbanforum.procurement.process_link import get_process, may_attach, process_for_request
from urbanforum.procurement.selectors import organisations_for_join

DATE = forms.DateInput(attrs={"type": "date"})


class PilotForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    solution_name = forms.CharField(label=gettext_lazy("Solution"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea, required=False
    )
    start_date = forms.DateField(label=gettext_lazy("Start"), widget=DATE)
    end_date = forms.DateField(label=gettext_lazy("End"), widget=DATE)
    budget_eur = forms.DecimalField(
        label=gettext_lazy("Budget (EUR)"), max_digits=14, decimal_places=2
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=PilotStatus.choices, initial=PilotStatus.RUNNING
    )


class ImpactForm(forms.ModelForm):
    class Meta:
        model = ImpactAssessment
        fields = [f for f in services.IMPACT_FIELDS]
        widgets = {
            k: forms.Textarea(attrs={"rows": 2})
            for k in ("system_boundary", "data_sources", "assumptions")
        }


def _get(slug: str) -> Pilot:
    pilot = selectors.pilot_get(slug=slug)
    if pilot is None:
        raise Http404("No such pilot.")
    return pilot


def _act(request: HttpRequest, pilot: Pilot, call: Callable[[], Any], done: str) -> HttpResponse:
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    try:
        call()
    except ValidationError as exc:
        for field, errs in (
            exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
        ):
            for e in errs:
                messages.error(request, f"{field}: {e}" if field and field != "__all__" else e)
    else:
        messages.success(request, done)
    return redirect("impact:detail", slug=pilot.slug)


def pilot_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.pilot_list(search=request.GET.get("q", "").strip())
    return render(
        request,
        "impact/list.html",
        {
            "page_info": paginate(qs, page=request.GET.get("page"), params=request.GET),
            "q": request.GET.get("q", ""),
            "can_add": request.user.has_perm("impact.add_pilot"),
        },
    )


@login_required
def pilot_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("impact.add_pilot"):
        raise PermissionDenied
    user = current_user(request)
    orgs = organisations_for_join(user)
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
            extra = {"process": process} if process else {}
            pilot = services.pilot_create(
                actor=user, organisation=org, **form.cleaned_data, **extra
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
        raise Http404("No such process.")
    return render(
        request,
        "impact/process.html",
        {
            "process": process,
            "pilots": selectors.pilot_list().filter(process=process),
            "can_add": may_attach(request.user, process)
            and request.user.has_perm("impact.add_pilot"),
        },
    )


def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(slug)
    views = selectors.kpi_views(pilot=pilot)
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
            "milestones": pilot.milestones.all(),
            "impact": selectors.impact_view(pilot=pilot),
            "can_edit": request.user.has_perm("impact.change_pilot", pilot),
            "review_rounds": [
                r
                for r in pilot.review_rounds.all()
                if request.user.has_perm("reviews.view_round", r)
            ],
        },
    )


@login_required
@require_POST
def kpi_add(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(slug)
    return _act(
        request,
        pilot,
        lambda: services.kpi_add(
            actor=current_user(request),
            pilot=pilot,
            name=request.POST.get("name", ""),
            unit=request.POST.get("unit", ""),
            baseline=request.POST.get("baseline", ""),
            target=request.POST.get("target", ""),
            direction=request.POST.get("direction", "increase"),
        ),
        _("The KPI was added."),
    )


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError({"date": [_("Give a date (YYYY-MM-DD).")]}) from exc


@login_required
@require_POST
def measurement_add(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(slug)
    kpi = get_object_or_404(pilot.kpis, pk=request.POST.get("kpi") or 0)
    return _act(
        request,
        pilot,
        lambda: services.measurement_add(
            actor=current_user(request),
            kpi=kpi,
            date=_date(request.POST.get("date", "")),
            value=request.POST.get("value", ""),
            note=request.POST.get("note", ""),
        ),
        _("The value was recorded."),
    )


@login_required
@require_POST
def measurements_import(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(slug)
    upload = request.FILES.get("file")
    text = (
        upload.read().decode("utf-8-sig", errors="replace")
        if upload
        else request.POST.get("csv", "")
    )
    return _act(
        request,
        pilot,
        lambda: services.measurements_import(actor=current_user(request), pilot=pilot, text=text),
        _("The values were imported."),
    )


@login_required
@require_POST
def milestone_add(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(slug)
    progress = request.POST.get("progress", "0")
    return _act(
        request,
        pilot,
        lambda: services.milestone_add(
            actor=current_user(request),
            pilot=pilot,
            title=request.POST.get("title", ""),
            due_date=_date(request.POST.get("due_date", "")),
            progress=int(progress) if progress.isdigit() else 0,
        ),
        _("The milestone was added."),
    )


@login_required
@require_POST
def milestone_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pilot = _get(slug)
    m = get_object_or_404(Milestone, pilot=pilot, pk=pk)
    progress = request.POST.get("progress", "")
    return _act(
        request,
        pilot,
        lambda: services.milestone_progress(
            actor=current_user(request),
            milestone=m,
            progress=int(progress) if progress.isdigit() else 101,
        ),
        _("The progress was saved."),
    )


@login_required
def impact_edit(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = _get(slug)
    if not request.user.has_perm("impact.change_pilot", pilot):
        raise PermissionDenied
    instance = ImpactAssessment.objects.filter(pilot=pilot).first() or ImpactAssessment(pilot=pilot)
    form = ImpactForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.IMPACT_FIELDS if k in form.cleaned_data}
        try:
            services.impact_set(actor=current_user(request), pilot=pilot, **fields)
        except ValidationError as exc:
            apply_errors(form, exc)  # type: ignore[arg-type]
        else:
            messages.success(request, _("The impact assessment was saved."))
            return redirect("impact:detail", slug=pilot.slug)
    return render(request, "impact/impact_form.html", {"form": form, "pilot": pilot})
