"""JSON twins of the pilot screens."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.api import ErrorBody, Page, private, public
from urbanforum.core.services import field_error
from urbanforum.impact import selectors, services
from urbanforum.impact.models import Pilot
from urbanforum.impact.schemas import (
    IMPACT_FIELDS,
    CsvInput,
    ImpactInput,
    KpiInput,
    MeasurementIn,
    PilotIn,
)
from urbanforum.procurement.process_link import get_process
from urbanforum.procurement.selectors import organisation_by_slug

router = Router(tags=["impact"])
ERR = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class PilotOut(Schema):
    slug: str
    title: str
    city: str
    organisation: str
    solution_name: str
    start_date: date
    end_date: date
    budget_eur: Decimal
    status: str

    @staticmethod
    def resolve_city(obj: Pilot) -> str:
        return obj.city.slug

    @staticmethod
    def resolve_organisation(obj: Pilot) -> str:
        return obj.organisation.slug


def _get(request: HttpRequest, slug: str) -> Pilot:
    p = selectors.pilot_visible(user=request.user, slug=slug)
    if p is None:
        raise Http404(_("No pilot '%(slug)s'.") % {"slug": slug})
    return p


def _detail(request: HttpRequest, pilot: Pilot) -> dict[str, object]:
    iv = selectors.impact_view(pilot=pilot)
    impact = None
    if iv is not None:
        ia = iv.assessment
        impact = {f: getattr(ia, f) for f in IMPACT_FIELDS}
        impact["roi"] = iv.money.roi if iv.money else None
        impact["payback_years"] = iv.money.payback_years if iv.money else None
        if iv.handprint:
            hp = iv.handprint
            impact["handprint"] = {
                "per_unit_kg": hp.per_unit_kg,
                "annual_t": hp.annual_t,
                "relative_reduction": hp.relative_reduction,
                "share": hp.share,
                "attributed_annual_t": hp.attributed_annual_t,
            }
    return {
        **PilotOut.from_orm(pilot).dict(),
        "kpis": [
            {
                "name": v.kpi.name,
                "unit": v.kpi.unit,
                "baseline": v.kpi.baseline,
                "target": v.kpi.target,
                "direction": v.kpi.direction,
                "latest": v.latest,
                "progress": v.progress,
                "measurements": [
                    {"date": m.date, "value": m.value, "note": m.note} for m in v.measurements
                ],
            }
            for v in selectors.kpi_views(pilot=pilot, user=request.user)
        ],
        "milestones": [
            {"id": m.pk, "title": m.title, "due_date": m.due_date, "progress": m.progress}
            for m in selectors.milestones(pilot=pilot)
        ],
        "impact": impact,
    }


@router.get("/pilots", response=list[PilotOut], auth=public)
@paginate(Page)
def list_pilots(request: HttpRequest, search: str = "") -> QuerySet[Pilot]:
    return selectors.pilot_list(user=request.user, search=search)


@router.get("/pilots/{slug}", response={200: dict, 404: ErrorBody}, auth=public)
def get_pilot(request: HttpRequest, slug: str) -> dict[str, object]:
    return _detail(request, _get(request, slug))


@router.post("/pilots", response={201: PilotOut, **ERR}, auth=private)
def create_pilot(request: AuthedRequest, payload: PilotIn) -> tuple[int, Pilot]:
    org = organisation_by_slug(payload.organisation)
    if org is None:
        raise field_error("organisation", _("No such organisation."))
    process = None
    if payload.process:
        process = get_process(slug=payload.process, user=request.user)
        if process is None:
            raise field_error(
                "process", _("No process '%(process)s'.") % {"process": payload.process}
            )
    return 201, services.pilot_create(
        actor=request.user, organisation=org, data=payload, process=process
    )


@router.post("/pilots/{slug}/kpis", response={201: dict, **ERR}, auth=private)
def add_kpi(request: AuthedRequest, slug: str, payload: KpiInput) -> tuple[int, dict[str, object]]:
    kpi = services.kpi_add(actor=request.user, pilot=_get(request, slug), data=payload)
    return 201, {"id": kpi.pk, "name": kpi.name}


@router.post("/pilots/{slug}/measurements", response={201: dict, **ERR}, auth=private)
def add_measurement(
    request: AuthedRequest, slug: str, payload: MeasurementIn
) -> tuple[int, dict[str, object]]:
    pilot = _get(request, slug)
    kpi = selectors.kpi_of(pilot=pilot, name=payload.kpi)
    if kpi is None:
        raise field_error("kpi", _("No KPI “%(kpi)s”.") % {"kpi": payload.kpi})
    m = services.measurement_add(actor=request.user, kpi=kpi, data=payload)
    return 201, {"kpi": kpi.name, "date": m.date, "value": m.value}


@router.post(
    "/pilots/{slug}/measurements/import",
    response={201: dict, **ERR},
    auth=private,
    summary="Import KPI values from CSV (kpi,date,value[,note]); all or nothing",
)
def import_measurements(
    request: AuthedRequest, slug: str, payload: CsvInput
) -> tuple[int, dict[str, int]]:
    n = services.measurements_import(
        actor=request.user, pilot=_get(request, slug), text=payload.csv
    )
    return 201, {"imported": n}


@router.put("/pilots/{slug}/impact", response={200: dict, **ERR}, auth=private)
def set_impact(request: AuthedRequest, slug: str, payload: ImpactInput) -> object:
    pilot = _get(request, slug)
    services.impact_set(actor=request.user, pilot=pilot, data=payload)
    return _detail(request, pilot)["impact"]


@router.get(
    "/processes/{slug}/pilots",
    response={200: list[PilotOut], 404: ErrorBody},
    auth=public,
    summary="The pilots of a process (its Action phase)",
)
def process_pilots(request: HttpRequest, slug: str) -> list[Pilot]:
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(_("No process '%(slug)s'.") % {"slug": slug})
    return list(selectors.pilots_of_process(user=request.user, process=process))
