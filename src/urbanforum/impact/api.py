"""JSON twins of the pilot screens."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation
from urbanforum.core.api import ErrorBody, Page, private, public
from urbanforum.core.services import field_error
from urbanforum.impact import selectors, services
from urbanforum.impact.models import Pilot
from urbanforum.procurement.process_link import get_process

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


class PilotIn(Schema):
    organisation: str
    process: str | None = None
    title: str
    solution_name: str
    description: str = ""
    start_date: date
    end_date: date
    budget_eur: Decimal = Decimal(0)


class KpiIn(Schema):
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: str = "increase"


class MeasurementIn(Schema):
    kpi: str
    date: date
    value: Decimal
    note: str = ""


class CsvIn(Schema):
    csv: str


class ImpactIn(Schema):
    investment_eur: Decimal | None = None
    annual_operating_cost_eur: Decimal | None = None
    annual_savings_eur: Decimal | None = None
    horizon_years: int | None = None
    functional_unit: str | None = None
    baseline_description: str | None = None
    baseline_kg_per_unit: Decimal | None = None
    solution_kg_per_unit: Decimal | None = None
    units_per_year: Decimal | None = None
    share: Decimal | None = None
    reference_year: int | None = None
    system_boundary: str | None = None
    data_sources: str | None = None
    data_quality: str | None = None
    assumptions: str | None = None


def _get(slug: str) -> Pilot:
    p = selectors.pilot_get(slug=slug)
    if p is None:
        raise Http404(f"No pilot '{slug}'.")
    return p


def _detail(pilot: Pilot) -> dict[str, Any]:
    iv = selectors.impact_view(pilot=pilot)
    impact = None
    if iv is not None:
        ia = iv.assessment
        impact = {f: getattr(ia, f) for f in services.IMPACT_FIELDS}
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
            for v in selectors.kpi_views(pilot=pilot)
        ],
        "milestones": [
            {"id": m.pk, "title": m.title, "due_date": m.due_date, "progress": m.progress}
            for m in pilot.milestones.all()
        ],
        "impact": impact,
    }


@router.get("/pilots", response=list[PilotOut], auth=public)
@paginate(Page)
def list_pilots(request: HttpRequest, search: str = "") -> Any:
    return selectors.pilot_list(search=search)


@router.get("/pilots/{slug}", response={200: dict, 404: ErrorBody}, auth=public)
def get_pilot(request: HttpRequest, slug: str) -> Any:
    return _detail(_get(slug))


@router.post("/pilots", response={201: PilotOut, **ERR}, auth=private)
def create_pilot(request: HttpRequest, payload: PilotIn) -> Any:
    data = payload.dict()
    org = Organisation.objects.filter(slug=data.pop("organisation")).first()
    if org is None:
        raise field_error("organisation", "No such organisation.")
    process_slug = data.pop("process")
    if process_slug:
        data["process"] = get_process(slug=process_slug, user=request.user)
        if data["process"] is None:
            raise field_error("process", f"No process '{process_slug}'.")
    return 201, services.pilot_create(actor=current_user(request), organisation=org, **data)


@router.post("/pilots/{slug}/kpis", response={201: dict, **ERR}, auth=private)
def add_kpi(request: HttpRequest, slug: str, payload: KpiIn) -> Any:
    kpi = services.kpi_add(actor=current_user(request), pilot=_get(slug), **payload.dict())
    return 201, {"id": kpi.pk, "name": kpi.name}


@router.post("/pilots/{slug}/measurements", response={201: dict, **ERR}, auth=private)
def add_measurement(request: HttpRequest, slug: str, payload: MeasurementIn) -> Any:
    pilot = _get(slug)
    kpi = pilot.kpis.filter(name=payload.kpi).first()
    if kpi is None:
        raise field_error("kpi", f"No KPI “{payload.kpi}”.")
    m = services.measurement_add(
        actor=current_user(request),
        kpi=kpi,
        date=payload.date,
        value=payload.value,
        note=payload.note,
    )
    return 201, {"kpi": kpi.name, "date": m.date, "value": m.value}


@router.post(
    "/pilots/{slug}/measurements/import",
    response={201: dict, **ERR},
    auth=private,
    summary="Import KPI values from CSV (kpi,date,value[,note]); all or nothing",
)
def import_measurements(request: HttpRequest, slug: str, payload: CsvIn) -> Any:
    n = services.measurements_import(
        actor=current_user(request), pilot=_get(slug), text=payload.csv
    )
    return 201, {"imported": n}


@router.put("/pilots/{slug}/impact", response={200: dict, **ERR}, auth=private)
def set_impact(request: HttpRequest, slug: str, payload: ImpactIn) -> Any:
    pilot = _get(slug)
    services.impact_set(
        actor=current_user(request), pilot=pilot, **payload.dict(exclude_unset=True)
    )
    return _detail(pilot)["impact"]


@router.get(
    "/processes/{slug}/pilots",
    response={200: list[PilotOut], 404: ErrorBody},
    auth=public,
    summary="The pilots of a process (its Action phase)",
)
def process_pilots(request: HttpRequest, slug: str) -> Any:
    process = get_process(slug=slug, user=request.user)
    if process is None:
        raise Http404(f"No process '{slug}'.")
    return list(selectors.pilot_list().filter(process=process))
