"""JSON twins of the good-practice screens."""

from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.cities.models import City
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.practices import selectors, services
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.views import ranked_for

router = Router(tags=["practices"])


class KpiOut(Schema):
    name: str
    unit: str = ""
    baseline: float | int | str | None = None
    result: float | int | str | None = None
    year: int | None = None


class PracticeOut(Schema):
    id: int
    slug: str
    external_id: str | None
    title: str
    summary: str
    description: str
    city: str
    city_name: str
    country: str
    partner_cities: list[str]
    organisations: list[str]
    year_start: int | None
    year_end: int | None
    domains: list[str]
    sdgs: list[int]
    sdg_targets: list[str]
    problem: str
    what_was_done: str
    costs: str
    results: str
    kpis: list[KpiOut]
    what_worked: str
    what_did_not_work: str
    transfer_conditions: str
    transfer_city_sizes: list[str]
    transfer_climate: str
    contacts: list[str]
    sources: list[str]
    language: str
    illustrative: bool
    illustrative_fields: list[str]
    status: str
    author_organisation: str | None

    @staticmethod
    def resolve_city(obj: GoodPractice) -> str:
        return obj.city.slug

    @staticmethod
    def resolve_city_name(obj: GoodPractice) -> str:
        return obj.city.name

    @staticmethod
    def resolve_country(obj: GoodPractice) -> str:
        return obj.city.country

    @staticmethod
    def resolve_partner_cities(obj: GoodPractice) -> list[str]:
        return [c.slug for c in obj.partner_cities.all()]

    @staticmethod
    def resolve_author_organisation(obj: GoodPractice) -> str | None:
        return obj.author_organisation.slug if obj.author_organisation else None


class PracticeFilterIn(Schema):
    search: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    size: str = ""
    language: str = ""
    city: str = ""


class PracticeFieldsIn(Schema):
    title: str | None = None
    summary: str | None = None
    description: str | None = None
    organisations: list[str] | None = None
    year_start: int | None = None
    year_end: int | None = None
    domains: list[str] | None = None
    sdgs: list[int] | None = None
    sdg_targets: list[str] | None = None
    problem: str | None = None
    what_was_done: str | None = None
    costs: str | None = None
    results: str | None = None
    kpis: list[KpiOut] | None = None
    what_worked: str | None = None
    what_did_not_work: str | None = None
    transfer_conditions: str | None = None
    transfer_city_sizes: list[str] | None = None
    transfer_climate: str | None = None
    contacts: list[str] | None = None
    sources: list[str] | None = None
    language: str | None = None
    status: str | None = None


class PracticeCreateIn(PracticeFieldsIn):
    city: str  # slug or Eurostat code
    title: str
    summary: str


class ImportIn(Schema):
    jsonl: str


class ImportOut(Schema):
    created: int
    updated: int
    cities_created: int


def _get(request: HttpRequest, ref: str) -> GoodPractice:
    practice = (
        GoodPractice.objects.select_related("city", "author_organisation")
        .prefetch_related("partner_cities")
        .filter(Q(slug=ref) | Q(external_id=ref))
        .first()
    )
    if practice is None or not request.user.has_perm("practices.view_goodpractice", practice):
        raise Http404(f"No good practice '{ref}'.")
    return practice


def _fields(payload: Schema) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    if "kpis" in data and data["kpis"] is not None:
        data["kpis"] = [dict(k) for k in data["kpis"]]
    return data


@router.get("/practices", response=list[PracticeOut], auth=public, summary="Search good practices")
@paginate(Page)
def list_practices(request: HttpRequest, filters: Query[PracticeFilterIn]) -> Any:
    f = selectors.PracticeFilters(**filters.dict())
    return selectors.practice_list(
        user=request.user, filters=f, ranked=ranked_for(request.user, f.search)
    ).prefetch_related("partner_cities")


@router.post(
    "/practices/import",
    response={200: ImportOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Import JSON Lines (coordinators); the same contract as `urbanforum practices import`",
)
def import_practices(request: HttpRequest, payload: ImportIn) -> services.ImportStats:
    return services.practices_import(actor=current_user(request), text=payload.jsonl)


@router.get(
    "/practices/{ref}",
    response={200: PracticeOut, 404: ErrorBody},
    auth=public,
    summary="A good practice by slug or external id",
)
def get_practice(request: HttpRequest, ref: str) -> GoodPractice:
    return _get(request, ref)


@router.post(
    "/practices",
    response={201: PracticeOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Add a good practice for your city",
)
def create_practice(request: HttpRequest, payload: PracticeCreateIn) -> tuple[int, GoodPractice]:
    data = _fields(payload)
    ref = data.pop("city")
    city = City.objects.filter(Q(slug=ref) | Q(eurostat_code=ref)).first()
    if city is None:
        from urbanforum.core.services import field_error

        raise field_error("city", f"Unknown city '{ref}'.")
    practice = services.practice_create(actor=current_user(request), city=city, **data)
    return 201, _get(request, practice.slug)


@router.patch(
    "/practices/{ref}",
    response={200: PracticeOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    summary="Change a good practice",
)
def patch_practice(request: HttpRequest, ref: str, payload: PracticeFieldsIn) -> GoodPractice:
    practice = _get(request, ref)
    services.practice_update(actor=current_user(request), practice=practice, **_fields(payload))
    return _get(request, practice.slug)
