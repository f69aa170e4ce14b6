from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.indicators import selectors, services
from urbanforum.indicators.models import FLAG_LABELS, ImportBatch, ImportFormat


def catalogue(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    page_info = paginate(
        selectors.indicator_list(search=q), page=request.GET.get("page"), params=request.GET
    )
    return render(
        request,
        "indicators/catalogue.html",
        {
            "page_info": page_info,
            "q": q,
            "frameworks": selectors.framework_list(),
            "coverage": selectors.data_coverage(),
            "can_import": request.user.has_perm("indicators.import_observations"),
        },
    )


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404("No such indicator.")
    filters = selectors.ObservationFilters(
        indicator=code,
        city=request.GET.get("city", "").strip(),
        country=request.GET.get("country", "").strip(),
    )
    page_info = paginate(
        selectors.observation_list(filters=filters),
        page=request.GET.get("page"),
        params=request.GET,
    )
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "page_info": page_info,
            "filters": filters,
            "flag_labels": FLAG_LABELS,
        },
    )


def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    framework = selectors.framework_get(code=code)
    if framework is None:
        raise Http404("No such framework.")
    return render(
        request,
        "indicators/framework_detail.html",
        {
            "framework": framework,
            "tree": selectors.framework_tree(framework=framework),
        },
    )


def framework_yaml(request: HttpRequest, code: str) -> HttpResponse:
    framework = selectors.framework_get(code=code)
    if framework is None:
        raise Http404("No such framework.")
    response = HttpResponse(
        selectors.framework_yaml(framework=framework),
        content_type="application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{framework.code}.yaml"'
    return response


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV or XLSX with the columns city, indicator, year, value (optional: unit, source, flags); "
            "or a Eurostat bulk TSV (coordinators)."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Detect from the file")), *ImportFormat.choices],
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Where the numbers come from, e.g. 'City statistics office 2024'."),
    )


def _require_import(request: HttpRequest) -> None:
    if not request.user.has_perm("indicators.import_observations"):
        raise PermissionDenied(
            _("Editors of a city administration and coordinators can import data.")
        )


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    page_info = paginate(
        selectors.import_batch_list(user=request.user),
        page=request.GET.get("page"),
        params=request.GET,
    )
    return render(request, "indicators/import_list.html", {"page_info": page_info})


@login_required
def import_new(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_preview(
                actor=current_user(request),
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


def _batch(request: HttpRequest, pk: int, perm: str) -> ImportBatch:
    batch = selectors.import_batch_get(pk=pk)
    if batch is None:
        raise Http404("No such import.")
    if not request.user.has_perm(perm, batch):
        raise PermissionDenied(
            _("Only the person who uploaded the file and coordinators can see or confirm it.")
        )
    return batch


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk, "indicators.view_importbatch")
    return render(
        request, "indicators/import_detail.html", {"batch": batch, "report": batch.report}
    )


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk, "indicators.commit_importbatch")
    try:
        services.import_commit(actor=current_user(request), batch=batch)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The file was imported."))
    return redirect("indicators:import_detail", pk=batch.pk)
