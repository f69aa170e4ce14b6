"""JSON twins of the indicator screens: catalogue, frameworks, observations, imports."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.core.api import ErrorBody, Page, private, public
from urbanforum.indicators import selectors, services
from urbanforum.indicators.models import Framework, ImportBatch, Indicator, Observation

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    code: str
    name: str
    description: str
    unit: str
    direction: int
    source: str
    theme: str


class FrameworkOut(Schema):
    code: str
    name: str
    description: str


class FrameworkDetailOut(FrameworkOut):
    definition: dict[str, Any]


class ObservationOut(Schema):
    city: str
    city_name: str
    eurostat_code: str | None
    indicator: str
    year: int
    value: float
    unit: str
    source: str
    flags: str

    @staticmethod
    def resolve_city(obj: Observation) -> str:
        return obj.city.slug

    @staticmethod
    def resolve_city_name(obj: Observation) -> str:
        return obj.city.name

    @staticmethod
    def resolve_eurostat_code(obj: Observation) -> str | None:
        return obj.city.eurostat_code

    @staticmethod
    def resolve_indicator(obj: Observation) -> str:
        return obj.indicator.code


class ObservationFilterIn(Schema):
    indicator: str = ""
    city: str = ""
    country: str = ""
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None


class IndicatorImportOut(Schema):
    id: int
    filename: str
    format: str
    status: str
    source: str
    created_at: datetime
    committed_at: datetime | None
    report: dict[str, Any]


@router.get(
    "/indicators", response=list[IndicatorOut], auth=public, summary="The indicator catalogue"
)
@paginate(Page)
def list_indicators(request: HttpRequest, search: str = "", theme: str = "") -> QuerySet[Indicator]:
    return selectors.indicator_list(filters=selectors.IndicatorFilters(search=search, theme=theme))


@router.get(
    "/indicators/{code}",
    response={200: IndicatorOut, 404: ErrorBody},
    auth=public,
    summary="One indicator",
)
def get_indicator(request: HttpRequest, code: str) -> Indicator:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404(_("Unknown indicator '%(code)s'.") % {"code": code})
    return indicator


@router.get("/frameworks", response=list[FrameworkOut], auth=public, summary="Index frameworks")
def list_frameworks(request: HttpRequest) -> list[Framework]:
    return list(selectors.framework_list())


@router.get(
    "/frameworks/{code}",
    response={200: FrameworkDetailOut, 404: ErrorBody},
    auth=public,
    summary="A framework with its tree as the engine's mapping (YAML-ready)",
)
def get_framework(request: HttpRequest, code: str) -> dict[str, object]:
    fw = selectors.framework_get(code=code)
    if fw is None:
        raise Http404(_("Unknown framework '%(code)s'.") % {"code": code})
    return {
        "code": fw.code,
        "name": fw.name,
        "description": fw.description,
        "definition": selectors.framework_definition(framework=fw),
    }


@router.get(
    "/observations", response=list[ObservationOut], auth=public, summary="Observations (filterable)"
)
@paginate(Page)
def list_observations(
    request: HttpRequest, filters: Query[ObservationFilterIn]
) -> QuerySet[Observation]:
    return selectors.observation_list(filters=selectors.ObservationFilters(**filters.dict()))


def _batch(request: HttpRequest, pk: int, perm: str) -> ImportBatch:
    user = current_user(request)
    batch = selectors.import_batch_get(pk=pk)
    if batch is None:
        raise Http404(_("No such import."))
    if not user.has_perm(perm, batch):
        raise PermissionDenied(
            _("Only the person who uploaded the file and coordinators can see or confirm it.")
        )
    return batch


@router.post(
    "/imports",
    response={201: IndicatorImportOut, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
    auth=private,
    summary="Upload a file for preview (multipart: file, format, source); nothing is imported yet",
)
def create_import(
    request: HttpRequest, file: File[UploadedFile], format: Form[str] = "", source: Form[str] = ""
) -> tuple[int, ImportBatch]:
    actor = current_user(request)
    if not actor.has_perm("indicators.import_observations"):
        raise PermissionDenied(
            _("Editors of a city administration and coordinators can import data.")
        )
    batch = services.import_preview(
        actor=actor,
        filename=file.name or "upload",
        content=file.read(),
        fmt=format or None,
        source=source,
    )
    return 201, batch


@router.get(
    "/imports/{pk}",
    response={200: IndicatorImportOut, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody},
    auth=private,
    summary="An import's preview or report",
)
def get_import(request: HttpRequest, pk: int) -> ImportBatch:
    return _batch(request, pk, "indicators.view_importbatch")


@router.post(
    "/imports/{pk}/commit",
    response={
        200: IndicatorImportOut,
        401: ErrorBody,
        403: ErrorBody,
        404: ErrorBody,
        422: ErrorBody,
    },
    auth=private,
    summary="Import a previewed file: all rows, or none on any error",
)
def commit_import(request: HttpRequest, pk: int) -> ImportBatch:
    batch = _batch(request, pk, "indicators.commit_importbatch")
    return services.import_commit(actor=current_user(request), batch=batch)
