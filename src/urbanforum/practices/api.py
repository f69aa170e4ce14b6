"""JSON twins of the good-practice screens."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.cities.selectors import city_get
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.core.services import field_error
from urbanforum.practices import related, selectors, services
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.schemas import PracticeCreate, PracticeFields, PracticesImport
from urbanforum.practices.sources import as_source, provenance

router = Router(tags=["practices"])


class KpiOut(Schema):
    name: str
    unit: str = ""
    baseline: float | int | str | None = None
    result: float | int | str | None = None
    year: int | None = None


class SourceOut(Schema):
    """A source, numbered from 1 in the order the practice lists them."""

    number: int
    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    supports: list[str] = []


class SectionOut(Schema):
    """A factual section of the practice: known or not from the sources, and which support it."""

    field: str
    label: str
    known: bool
    sources: list[int]


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
    sources: list[SourceOut]
    language: str
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
    def resolve_sources(obj: GoodPractice) -> list[dict[str, Any]]:
        return [
            {"number": n, **(as_source(s) if isinstance(s, str) else s)}
            for n, s in enumerate(obj.sources or [], start=1)
        ]

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


class PracticeImportOut(Schema):
    created: int
    updated: int
    cities_created: int
    warnings: list[str] = []


def _get(request: HttpRequest, ref: str) -> GoodPractice:
    practice = selectors.practice_by_ref(user=request.user, ref=ref)
    if practice is None:
        raise Http404(_("No good practice '%(ref)s'.") % {"ref": ref})
    return practice


@router.get("/practices", response=list[PracticeOut], auth=public, summary="Search good practices")
@paginate(Page)
def list_practices(
    request: HttpRequest, filters: Query[PracticeFilterIn]
) -> QuerySet[GoodPractice]:
    f = selectors.PracticeFilters(**filters.dict())
    return selectors.practice_list(user=request.user, filters=f).prefetch_related("partner_cities")


@router.post(
    "/practices/import",
    response={200: PracticeImportOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    summary="Import JSON Lines (coordinators); the same contract as `urbanforum practices import`",
)
def import_practices(request: HttpRequest, payload: PracticesImport) -> services.ImportStats:
    return services.practices_import(actor=current_user(request), text=payload.jsonl)


class RelatedOut(Schema):
    kind: str
    label: str
    title: str
    url: str


class PracticeDetailOut(PracticeOut):
    """One practice, with where it comes from (process, pilots, procurement, reviews the reader
    may see)."""

    origin: list[RelatedOut]
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(obj: GoodPractice) -> list[dict[str, Any]]:
        shown = provenance(obj, has_partners=obj.partner_cities.exists())
        return [
            {"field": p.field, "label": p.label, "known": p.known, "sources": list(p.sources)}
            for p in shown.values()
        ]

    @staticmethod
    def resolve_origin(obj: GoodPractice, context: Any) -> list[dict[str, str]]:
        user = context["request"].user
        return [
            {"kind": r.kind, "label": str(r.label), "title": r.title, "url": r.url}
            for r in related.related(obj, user)
        ]


@router.get(
    "/practices/{ref}",
    response={200: PracticeDetailOut, 404: ErrorBody},
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
def create_practice(request: HttpRequest, payload: PracticeCreate) -> tuple[int, GoodPractice]:
    city = city_get(ref=payload.city)
    if city is None:
        raise field_error("city", _("Unknown city '%(city)s'.") % {"city": payload.city})
    practice = services.practice_create(
        actor=current_user(request), city=city, fields=payload.fields()
    )
    return 201, _get(request, practice.slug)


@router.patch(
    "/practices/{ref}",
    response={200: PracticeOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
    summary="Change a good practice",
)
def patch_practice(request: HttpRequest, ref: str, payload: PracticeFields) -> GoodPractice:
    practice = _get(request, ref)
    services.practice_update(actor=current_user(request), practice=practice, changes=payload)
    return _get(request, practice.slug)
