"""JSON twins of the open-data screens: the datasets with their downloads, the catalogue as
JSON-LD, and a coordinator's "regenerate now"."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.api import ErrorBody, private, public
from urbanforum.opendata import selectors, services

router = Router(tags=["opendata"])


class DistributionOut(Schema):
    name: str
    format: str
    media_type: str
    byte_size: int
    sha256: str
    download_url: str


class ColumnOut(Schema):
    name: str
    datatype: str
    description: str


class DatasetOut(Schema):
    slug: str
    title: str
    description: str
    licence: str
    licence_url: str
    attribution: str
    records: int
    modified: datetime | date | None
    period_start: date | None
    period_end: date | None
    keywords: list[str]
    distributions: list[DistributionOut]
    columns: list[ColumnOut]
    columns_schema_url: str


def _out(v: selectors.DatasetView) -> dict[str, Any]:
    return {
        "slug": v.slug,
        "title": v.title,
        "description": v.description,
        "licence": v.licence,
        "licence_url": v.licence_url,
        "attribution": v.attribution,
        "records": v.rows,
        "modified": v.modified,
        "period_start": v.start,
        "period_end": v.end,
        "keywords": v.keywords,
        "distributions": [
            {
                "name": d.name,
                "format": d.format,
                "media_type": d.media_type,
                "byte_size": d.size,
                "sha256": d.sha256,
                "download_url": d.url,
            }
            for d in v.distributions
        ],
        "columns": [
            {"name": c.name, "datatype": c.datatype, "description": str(c.description)}
            for c in v.columns
        ],
        "columns_schema_url": v.schema_url,
    }


def _views() -> list[selectors.DatasetView]:
    rel = selectors.release(services.dumps_ensure())
    return selectors.dataset_views(rel, site=services.site_url())


@router.get("/opendata/datasets", response=list[DatasetOut], auth=public)
def list_datasets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every published dataset with its downloads (the /opendata/ page's twin)."""
    return [_out(v) for v in _views()]


@router.get("/opendata/datasets/{slug}", response={200: DatasetOut, 404: ErrorBody}, auth=public)
def get_dataset(request: HttpRequest, slug: str) -> dict[str, Any]:
    for v in _views():
        if v.slug == slug:
            return _out(v)
    raise Http404


@router.get("/opendata/catalog", auth=public, response={200: dict})
def get_catalog(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP catalogue as JSON-LD (the same graph as /opendata/catalog.jsonld)."""
    rel = selectors.release(services.dumps_ensure())
    graph = selectors.catalogue_graph(rel, site=services.site_url())
    body = graph.serialize(format="json-ld")
    return HttpResponse(
        json.dumps(json.loads(body), ensure_ascii=False),
        content_type="application/ld+json; charset=utf-8",
    )


class Queued(Schema):
    status: str


@router.post(
    "/opendata/regenerate",
    response={202: Queued, 401: ErrorBody, 403: ErrorBody},
    auth=private,
)
def regenerate(request: AuthedRequest) -> tuple[int, dict[str, str]]:
    """Coordinators: regenerate the dumps now (in the background)."""
    services.dumps_regenerate(actor=request.user)
    return 202, {"status": "queued"}
