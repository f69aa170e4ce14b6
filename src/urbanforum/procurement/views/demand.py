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

    return act(request, p, "procurement.state_demand", call, _("The demand was added."))


@login_required
@require_POST
def criteria_set(request: AuthedRequest, ref: str) -> HttpResponse:
    p = procurement_or_404(request, ref)
    rows = []
    for i in range(CRITERIA_ROWS):
        name = request.POST.get(f"name_{i}", "").strip()
        if name:
            weight = request.POST.get(f"weight_{i}", "0")
            rows.append(
                {
                    "name": name,
                    "kind": request.POST.get(f"kind_{i}", "quality"),
                    "weight": int(weight) if weight.isdigit() else 0,
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
