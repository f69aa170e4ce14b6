"""Reads of open data: the current generation (its manifest and files), the dataset list for the
page and the API in the reader's language, and the catalogue graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from rdflib import Graph

from urbanforum.opendata import catalog, store
from urbanforum.opendata.datasets import COLUMNS, LICENCES, download_url
from urbanforum.opendata.tables import Column
from urbanforum.opendata.texts import texts


@dataclass(frozen=True)
class Release:
    folder: Path
    manifest: dict[str, Any]


def release(folder: Path) -> Release:
    return Release(folder, store.read_manifest(folder))


@dataclass
class DistributionView:
    name: str
    format: str
    media_type: str
    size: int
    sha256: str
    url: str


@dataclass
class DatasetView:
    slug: str
    title: str
    description: str
    licence: str
    licence_url: str
    attribution: str
    rows: int
    modified: Any
    start: Any
    end: Any
    keywords: list[str]
    distributions: list[DistributionView]
    columns: list[Column] = field(default_factory=list)
    schema_url: str = ""


def _when(value: str | None) -> Any:
    if not value:
        return None
    return parse_datetime(value) if "T" in value else parse_date(value)


def dataset_views(rel: Release, *, site: str) -> list[DatasetView]:
    """The datasets of a generation, their texts in the active language (English if it has
    none)."""
    language = (translation.get_language() or "en").split("-")[0]
    out = []
    for d in rel.manifest["datasets"]:
        by_language = texts(d["kind"], **d["params"])
        title, description = by_language.get(language, by_language["en"])
        licence, licence_url = LICENCES[d["licence"]]
        schema = next((s["name"] for s in d["support"]), "")
        out.append(
            DatasetView(
                slug=d["slug"],
                title=title,
                description=description,
                licence=licence,
                licence_url=licence_url,
                attribution=d["attribution"],
                rows=d["rows"],
                modified=_when(d.get("modified")),
                start=_when(d.get("start")),
                end=_when(d.get("end")),
                keywords=d["keywords"],
                distributions=[
                    DistributionView(
                        x["name"],
                        x["format"],
                        x["media_type"],
                        x["size"],
                        x["sha256"],
                        download_url(site, x["name"]),
                    )
                    for x in d["distributions"]
                ],
                columns=list(COLUMNS.get(d["kind"], [])),
                schema_url=download_url(site, schema) if schema else "",
            )
        )
    return out


def catalogue_graph(rel: Release, *, site: str) -> Graph:
    return catalog.build(rel.manifest, site=site)


def file_path(rel: Release, name: str) -> Path | None:
    """The file of this generation called `name`, if the manifest lists it (nothing else in the
    folder, e.g. the manifest itself, is served)."""
    if name not in store.names(rel.manifest):
        return None
    path = rel.folder / name
    return path if path.is_file() else None


def media_type_of(rel: Release, name: str) -> str:
    for d in rel.manifest["datasets"]:
        for x in d["distributions"]:
            if x["name"] == name:
                return str(x["media_type"])
    return "application/csvm+json"
