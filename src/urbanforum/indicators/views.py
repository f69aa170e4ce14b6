from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
from urbanforum.indicators import selectors, services
from urbanforum.indicators.forms import UploadForm
from urbanforum.indicators.models import FLAG_LABELS, ImportBatch
from urbanforum.indicators.steps_text import described


def catalogue(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.IndicatorFilters,
        rows=lambda filters: selectors.indicator_list(filters=filters),
        template="indicators/catalogue.html",
        fragment="indicators/catalogue.html",  # the page has no htmx part
        extra={
            "frameworks": selectors.framework_list(),
            "coverage": selectors.data_coverage(),
            "can_import": request.user.has_perm("indicators.import_observations"),
        },
    )


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404(_("No such indicator."))
    return list_page(
        request,
        filters=selectors.ObservationFilters,
        # The indicator is the page's own; the query string filters by city and country.
        rows=lambda filters: selectors.observation_list(
            filters=selectors.ObservationFilters(
                indicator=code, city=filters.city, country=filters.country
            )
        ),
        template="indicators/indicator_detail.html",
        fragment="indicators/indicator_detail.html",  # the page has no htmx part
        extra={"indicator": indicator, "flag_labels": FLAG_LABELS},
    )


def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    framework = selectors.framework_get(code=code)
    if framework is None:
        raise Http404(_("No such framework."))
    return render(
        request,
        "indicators/framework_detail.html",
        {
            "framework": framework,
            "tree": selectors.framework_tree(framework=framework),
            "steps": described(list(framework.steps or [])),
        },
    )


def framework_yaml(request: HttpRequest, code: str) -> HttpResponse:
    framework = selectors.framework_get(code=code)
    if framework is None:
        raise Http404(_("No such framework."))
    response = HttpResponse(
        selectors.framework_yaml(framework=framework),
        content_type="application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{framework.code}.yaml"'
    return response


def _require_import(request: AuthedRequest) -> None:
    if not request.user.has_perm("indicators.import_observations"):
        raise PermissionDenied(
            _("Editors of a city administration and coordinators can import data.")
        )


@login_required
def import_list(request: AuthedRequest) -> HttpResponse:
    _require_import(request)
    return list_page(
        request,
        filters=selectors.ImportFilters,
        rows=lambda filters: selectors.import_batch_list(viewer=request.user),
        template="indicators/import_list.html",
        fragment="indicators/import_list.html",  # the page has no htmx part
    )


@login_required
def import_new(request: AuthedRequest) -> HttpResponse:
    _require_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_preview(
                actor=request.user,
                filename=upload.name,
                content=upload.read(),
                fmt=form.cleaned_data.get("format") or None,
                source=form.cleaned_data.get("source", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("indicators:import_detail", pk=batch.pk)
    return render(request, "indicators/import_new.html", {"form": form})


def _batch(request: AuthedRequest, pk: int, perm: str) -> ImportBatch:
    batch = selectors.import_batch_get(pk=pk)
    if batch is None:
        raise Http404(_("No such import."))
    if not request.user.has_perm(perm, batch):
        raise PermissionDenied(
            _("Only the person who uploaded the file and coordinators can see or confirm it.")
        )
    return batch


@login_required
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk, "indicators.view_importbatch")
    return render(
        request, "indicators/import_detail.html", {"batch": batch, "report": batch.report}
    )


@login_required
@require_POST
def import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk, "indicators.commit_importbatch")
    try:
        services.import_commit(actor=request.user, batch=batch)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The file was imported."))
    return redirect("indicators:import_detail", pk=batch.pk)
