"""The procurement itself and its demand: list, detail, OCDS, create, edit, join, lots, demand,
criteria, publish; a process's procurements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.pagination import paginate

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.api import ErrorBody, Page, private, public
from urbanforum.procurement import ocds, selectors, services
from urbanforum.procurement.api._common import detail, lot_or_404, organisation, procurement_or_404
from urbanforum.procurement.api._router import (
    ERR,
    CriterionOut,
    OkOut,
    ProcurementDetailOut,
    ProcurementOut,
    router,
)
from urbanforum.procurement.models import AwardCriterion, JointProcurement
from urbanforum.procurement.process_link import get_process
from urbanforum.procurement.schemas import (
    CriteriaInput,
    DemandIn,
    JoinInput,
    LotInput,
    ProcurementChanges,
    ProcurementIn,
)


@router.get(
    "/procurements",
    response=list[ProcurementOut],
    auth=public,
    summary="Joint procurements you may see",
)
@paginate(Page)
def list_procurements(
    request: HttpRequest, search: str = "", status: str = ""
) -> QuerySet[JointProcurement]:
    return selectors.procurement_list(user=request.user, search=search, status=status)


@router.get(
    "/procurements/ocds",
    auth=public,
    summary="OCDS 1.1 release package of every published procurement",
)
def ocds_all(request: HttpRequest) -> HttpResponse:
    return JsonResponse(ocds.build_package(list(selectors.exportable())))


@router.get(
    "/procurements/{ref}", response={200: ProcurementDetailOut, 404: ErrorBody}, auth=public
)
def get_procurement(request: HttpRequest, ref: str) -> dict[str, object]:
    return detail(request, procurement_or_404(request, ref))


@router.get(
    "/procurements/{ref}/ocds",
    auth=public,
    response={200: dict, 404: ErrorBody},
    summary="OCDS release package of one procurement",
)
def get_ocds(request: HttpRequest, ref: str) -> dict[str, object]:
    return ocds.build_package([procurement_or_404(request, ref)])


@router.post("/procurements", response={201: ProcurementOut, **ERR}, auth=private)
def create_procurement(
    request: AuthedRequest, payload: ProcurementIn
) -> tuple[int, JointProcurement]:
    org = organisation(payload.lead_organisation, "lead_organisation")
    process = None
    if payload.process:
        process = get_process(slug=payload.process, user=request.user)
        if process is None:
            raise ValidationError(
                {"process": [_("No process '%(slug)s'.") % {"slug": payload.process}]}
            )
    return 201, services.procurement_create(
        actor=request.user, lead_organisation=org, data=payload, process=process
    )


@router.patch("/procurements/{ref}", response={200: ProcurementOut, **ERR}, auth=private)
def patch_procurement(
    request: AuthedRequest, ref: str, payload: ProcurementChanges
) -> JointProcurement:
    p = procurement_or_404(request, ref)
    return services.procurement_update(actor=request.user, procurement=p, changes=payload)


@router.post("/procurements/{ref}/participants", response={201: OkOut, **ERR}, auth=private)
def join(request: AuthedRequest, ref: str, payload: JoinInput) -> tuple[int, dict[str, str]]:
    p = procurement_or_404(request, ref)
    pt = services.procurement_join(
        actor=request.user, procurement=p, organisation=organisation(payload.organisation)
    )
    return 201, {"detail": _("%(city)s takes part.") % {"city": pt.city.name}}


@router.post("/procurements/{ref}/lots", response={201: OkOut, **ERR}, auth=private)
def add_lot(request: AuthedRequest, ref: str, payload: LotInput) -> tuple[int, dict[str, str]]:
    p = procurement_or_404(request, ref)
    lot = services.lot_create(
        actor=request.user,
        procurement=p,
        title=payload.title,
        description=payload.description,
        cpv_code=payload.cpv_code,
    )
    return 201, {"detail": f"Lot {lot.number} added."}


@router.post("/procurements/{ref}/lots/{number}/demand", response={201: OkOut, **ERR}, auth=private)
def add_demand(
    request: AuthedRequest, ref: str, number: int, payload: DemandIn
) -> tuple[int, dict[str, str]]:
    p = procurement_or_404(request, ref)
    services.demand_add(
        actor=request.user,
        lot=lot_or_404(p, number),
        organisation=organisation(payload.organisation),
        data=payload,
    )
    return 201, {"detail": _("Demand added.")}


@router.put("/procurements/{ref}/criteria", response={200: list[CriterionOut], **ERR}, auth=private)
def set_criteria(request: AuthedRequest, ref: str, payload: CriteriaInput) -> list[AwardCriterion]:
    p = procurement_or_404(request, ref)
    return services.criteria_set(actor=request.user, procurement=p, data=payload)


@router.post("/procurements/{ref}/publish", response={200: ProcurementOut, **ERR}, auth=private)
def publish(request: AuthedRequest, ref: str) -> JointProcurement:
    return services.procurement_publish(
        actor=request.user, procurement=procurement_or_404(request, ref)
    )


@router.get(
    "/processes/{slug}/procurements",
    response={200: list[ProcurementOut], 404: ErrorBody},
    auth=public,
    summary="The joint procurements of a process (its Action phase)",
)
def process_procurements(request: HttpRequest, slug: str) -> list[JointProcurement]:
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No process '%(slug)s'.") % {"slug": slug})
    return list(selectors.procurements_of_process(user=request.user, process=process))
