"""Screens (POST actions on the procurement's page) of the draft: join, lots, demand, award
criteria, documents, publication."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.schemas import parse
from urbanforum.procurement import services
from urbanforum.procurement.models import Lot
from urbanforum.procurement.schemas import (
    CriteriaInput,
    DemandInput,
    DocumentInput,
    LotInput,
)
from urbanforum.procurement.views._common import (
    act,
    organisation_posted,
    posted,
    procurement_or_404,
)

# The award criteria form has this many rows.
CRITERIA_ROWS = 10


@login_required
@require_POST
def procurement_join(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    return act(
        request,
        p,
        "procurement.join_jointprocurement",
        lambda: services.procurement_join(
            actor=request.user, procurement=p, organisation=organisation_posted(request)
        ),
        _("Your city takes part. State its demand per lot."),
    )


@login_required
@require_POST
def lot_add(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)

    def call() -> object:
        data: LotInput = parse(LotInput, posted(request, "title", "description", "cpv_code"))
        return services.lot_create(
            actor=request.user,
            procurement=p,
            title=data.title,
            description=data.description,
            cpv_code=data.cpv_code,
        )

    return act(request, p, "procurement.change_jointprocurement", call, _("The lot was added."))


@login_required
@require_POST
def demand_add(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    lot_id = request.POST.get("lot", "")
    lot = get_object_or_404(Lot, procurement=p, pk=int(lot_id) if lot_id.isdigit() else 0)

    def call() -> object:
        data = parse(DemandInput, posted(request, "item", "quantity", "unit", "budget"))
        return services.demand_add(
            actor=request.user, lot=lot, organisation=organisation_posted(request), data=data
        )

    # The form's labels, so that an error names the field as the reader sees it.
    labels = {
        "item": _("Item"),
        "quantity": _("Quantity"),
        "unit": _("Unit"),
        "budget": _("Budget (EUR)"),
    }
    return act(request, p, "procurement.state_demand", call, _("The demand was added."), labels)


@login_required
@require_POST
def criteria_set(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    rows: list[dict[str, str]] = []
    # "%%": the msgid the template's {% translate "Weight (%)" %} looks up; `% {}` unescapes it.
    weight = _("Weight (%%)") % {}
    labels: dict[str, str] = {"weight": weight, "kind": _("Kind")}
    for i in range(CRITERIA_ROWS):
        name = request.POST.get(f"name_{i}", "").strip()
        if name:
            # An error names the criterion by the number the form shows next to it (1, 2, …),
            # whichever rows above it were left empty; the schema says `criteria.0.weight`,
            # the service `criteria[0].weight`.
            criterion = f"{_('Criterion')} {i + 1}"
            for k in (f"criteria.{len(rows)}", f"criteria[{len(rows)}]"):
                labels[f"{k}.name"] = criterion
                labels[f"{k}.kind"] = f"{criterion}: {_('Kind')}"
                labels[f"{k}.weight"] = f"{criterion}: {weight}"
            rows.append(
                {
                    "name": name,
                    "kind": request.POST.get(f"kind_{i}", "quality"),
                    "weight": request.POST.get(f"weight_{i}", ""),
                }
            )
    return act(
        request,
        p,
        "procurement.change_jointprocurement",
        lambda: services.criteria_set(
            actor=request.user, procurement=p, data=parse(CriteriaInput, {"criteria": rows})
        ),
        _("The award criteria were saved."),
        labels,
    )


@login_required
@require_POST
def document_add(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)

    def call() -> object:
        data: DocumentInput = parse(DocumentInput, posted(request, "title", "url"))
        return services.document_add(
            actor=request.user, procurement=p, title=data.title, url=data.url
        )

    return act(
        request, p, "procurement.change_jointprocurement", call, _("The document was added.")
    )


@login_required
@require_POST
def publish(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    return act(
        request,
        p,
        "procurement.change_jointprocurement",
        lambda: services.procurement_publish(actor=request.user, procurement=p),
        _("Published: providers can now bid."),
    )
