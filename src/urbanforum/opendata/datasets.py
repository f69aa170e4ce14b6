"""The dataset registry: which datasets urbanforum publishes, in which distributions, and the
`manifest` that describes one generation of them.

`build(site=…)` reads every dataset through the public visibility rules (`opendata.sources`) and
renders its files in memory; `manifest(datasets)` is the JSON-able description of the result (per
dataset its metadata and extent, per file its name, format, size and SHA-256). The catalogue
(`opendata.catalog`) is built from a manifest only, so the catalogue always describes exactly the
files it was generated with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from urbanforum.opendata import tables
from urbanforum.opendata.sources import Extent, action, benchmark, knowledge, registry
from urbanforum.opendata.tables import Table

# Licences, as IRIs of the EU Publications Office's licence authority table.
LICENCES = {
    "CC_BY_4_0": (
        "CC BY 4.0",
        "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
    ),
    "CC0": ("CC0 1.0", "http://publications.europa.eu/resource/authority/licence/CC0"),
}

# Formats: (EU file-type code or "", IANA media type, file suffix).
FORMATS = {
    "CSV": ("CSV", "text/csv", "csv"),
    "JSON": ("JSON", "application/json", "json"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "OCDS": ("JSON", "application/json", "ocds.json"),
    # The EU file-type table this project validates against has no iCalendar entry: the media
    # type alone describes it.
    "ICS": ("", "text/calendar", "ics"),
}
CSVW_MEDIA_TYPE = "application/csvm+json"
OCDS_STANDARD = "https://standard.open-contracting.org/1.1/en/"
# XLSX is written where cheap: up to this many rows.
XLSX_MAX_ROWS = 100_000


@dataclass
class File:
    name: str
    format: str
    data: bytes
    schema: str = ""  # the name of the CSVW metadata file describing it (CSV only)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def media_type(self) -> str:
        return FORMATS[self.format][1]


@dataclass
class Dataset:
    slug: str
    kind: str  # the key of its texts in opendata.texts
    themes: list[str]  # EU data themes
    keywords: list[str]
    licence: str  # a key of LICENCES
    attribution: str
    extent: Extent
    params: dict[str, Any] = field(default_factory=dict)
    columns: list[tables.Column] = field(default_factory=list)
    files: list[File] = field(default_factory=list)
    support: list[File] = field(default_factory=list)  # column documentation (CSVW)


def download_url(site: str, name: str) -> str:
    return f"{site}/opendata/files/{name}"


def _tabular(
    ds: Dataset, table: Table, *, site: str, json_data: Any = None, xlsx: bool = True
) -> None:
    """CSV (with its CSVW column documentation), JSON and, where cheap, XLSX of one table."""
    base = ds.slug
    schema = f"{base}.csv-metadata.json"
    ds.columns = list(table.columns)
    ds.files.append(File(f"{base}.csv", "CSV", tables.to_csv(table), schema=schema))
    ds.files.append(
        File(f"{base}.json", "JSON", tables.to_json(table.rows if json_data is None else json_data))
    )
    if xlsx and len(table.rows) <= XLSX_MAX_ROWS:
        ds.files.append(File(f"{base}.xlsx", "XLSX", tables.to_xlsx(table, sheet=base)))
    with translation.override("en"):
        metadata = tables.csvw_metadata(
            table,
            url=download_url(site, f"{base}.csv"),
            title=ds.slug,
            licence=LICENCES[ds.licence][1],
        )
    ds.support.append(File(schema, "JSON", tables.to_json(metadata)))


def cities(site: str) -> list[Dataset]:
    table, extent = registry.cities()
    ds = Dataset(
        "cities",
        "cities",
        ["REGI"],
        ["city", "municipality", "population", "Baltic Sea Region", "Urban Audit", "NUTS"],
        "CC_BY_4_0",
        "Eurostat (Urban Audit, LAU/NUTS, CC BY 4.0); GeoNames (CC BY 4.0)",
        extent,
    )
    _tabular(ds, table, site=site)
    return [ds]


def observations(site: str) -> list[Dataset]:
    table, extent = registry.observations()
    ds = Dataset(
        "indicator-observations",
        "indicator-observations",
        ["REGI", "SOCI"],
        ["indicator", "urban statistics", "Eurostat", "perception survey", "tourism", "culture"],
        "CC_BY_4_0",
        "Source: Eurostat (urb_percep, urb_ctour), CC BY 4.0",
        extent,
    )
    _tabular(ds, table, site=site)
    return [ds]


def benchmark_runs(site: str) -> list[Dataset]:
    out = []
    for run in benchmark.public_runs():
        data = benchmark.run_data(run)
        # The catalogue has a title and description per language: the peer group and the
        # framework are named in each language's words there too.
        peers, framework = {}, {}
        for lang, _name in settings.LANGUAGES:
            with translation.override(lang):
                peers[lang] = str(run.get_peer_group_display()) + (
                    f" {run.peer_value}" if run.peer_value else ""
                )
                framework[lang] = str(run.framework)
        ds = Dataset(
            f"benchmark-run-{run.pk}",
            "benchmark-run",
            ["REGI", "GOVE"],
            ["benchmark", "composite index", "smart city", "ranking", "uncertainty analysis"],
            "CC_BY_4_0",
            "urbanforum, computed from Eurostat and other open city statistics",
            data.extent,
            params={
                "framework": framework,
                "year": run.year,
                "run": run.pk,
                "peers": peers,
                "cities": len({r["city"] for r in data.table.rows}),
            },
        )
        _tabular(ds, data.table, site=site, json_data=data.document)
        out.append(ds)
    return out


def practices(site: str) -> list[Dataset]:
    table, extent = knowledge.practices(site)
    ds = Dataset(
        "good-practices",
        "good-practices",
        ["GOVE", "REGI"],
        ["good practice", "lessons learned", "smart city", "KPI"],
        "CC_BY_4_0",
        "urbanforum contributors",
        extent,
    )
    _tabular(ds, table, site=site)
    return [ds]


def challenges(site: str) -> list[Dataset]:
    table, extent = knowledge.challenges(site)
    ds = Dataset(
        "challenges",
        "challenges",
        ["GOVE", "REGI"],
        ["challenge", "city problem", "smart city", "innovation"],
        "CC_BY_4_0",
        "urbanforum contributors",
        extent,
    )
    _tabular(ds, table, site=site)
    return [ds]


def solutions(site: str) -> list[Dataset]:
    table, extent = knowledge.solutions(site)
    ds = Dataset(
        "solutions",
        "solutions",
        ["TECH", "ECON"],
        ["solution", "provider", "smart city", "technology readiness level"],
        "CC_BY_4_0",
        "urbanforum contributors",
        extent,
    )
    _tabular(ds, table, site=site)
    return [ds]


def procurements(site: str) -> list[Dataset]:
    name = "joint-procurements.ocds.json"
    package, extent = action.procurements(uri=download_url(site, name))
    ds = Dataset(
        "joint-procurements",
        "joint-procurements",
        ["GOVE", "ECON"],
        ["public procurement", "joint procurement", "OCDS", "open contracting"],
        "CC0",
        "urbanforum",
        extent,
    )
    ds.files.append(File(name, "OCDS", tables.to_json(package)))
    return [ds]


def pilots(site: str) -> list[Dataset]:
    table, documents, extent = action.pilots(site)
    ds = Dataset(
        "pilots",
        "pilots",
        ["GOVE", "TECH", "ENVI"],
        ["pilot", "KPI", "impact", "return on investment", "carbon handprint"],
        "CC_BY_4_0",
        "urbanforum contributors",
        extent,
    )
    _tabular(ds, table, site=site, json_data=documents)
    return [ds]


def events(site: str) -> list[Dataset]:
    host = site.split("://", 1)[-1].split("/", 1)[0]
    calendar, extent = action.events(site, host=host)
    ds = Dataset(
        "events",
        "events",
        ["GOVE", "EDUC"],
        ["event", "webinar", "study visit", "workshop", "iCalendar"],
        "CC_BY_4_0",
        "urbanforum",
        extent,
    )
    ds.files.append(File("events.ics", "ICS", calendar.encode("utf-8")))
    return [ds]


BUILDERS: list[Callable[[str], list[Dataset]]] = [
    cities,
    observations,
    benchmark_runs,
    practices,
    challenges,
    solutions,
    procurements,
    pilots,
    events,
]


def build(*, site: str) -> list[Dataset]:
    """Every dataset, rendered in memory, read as an anonymous visitor reads the site."""
    site = site.rstrip("/")
    out: list[Dataset] = []
    for builder in BUILDERS:
        out.extend(builder(site))
    return out


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def manifest(datasets: list[Dataset], *, generated: datetime) -> dict[str, Any]:
    """The JSON-able description of one generation: what the catalogue is built from."""
    with translation.override("en"):
        return {
            "generated": generated.isoformat(),
            "datasets": [
                {
                    "slug": ds.slug,
                    "kind": ds.kind,
                    "params": ds.params,
                    "themes": ds.themes,
                    "keywords": ds.keywords,
                    "licence": ds.licence,
                    "attribution": ds.attribution,
                    "rows": ds.extent.rows,
                    "issued": _iso(ds.extent.issued),
                    "modified": _iso(ds.extent.modified),
                    "start": _iso(ds.extent.start),
                    "end": _iso(ds.extent.end),
                    "countries": sorted(ds.extent.countries),
                    "columns": [
                        {"name": c.name, "datatype": c.datatype, "description": str(c.description)}
                        for c in ds.columns
                    ],
                    "distributions": [
                        {
                            "name": f.name,
                            "format": f.format,
                            "media_type": f.media_type,
                            "size": f.size,
                            "sha256": f.sha256,
                            "schema": f.schema,
                        }
                        for f in ds.files
                    ],
                    "support": [
                        {"name": f.name, "size": f.size, "sha256": f.sha256} for f in ds.support
                    ],
                }
                for ds in datasets
            ],
        }


def files_of(datasets: list[Dataset]) -> list[File]:
    """Every file of a generation: the distributions and their column documentation."""
    return [f for ds in datasets for f in (*ds.files, *ds.support)]


# The columns of each kind of tabular dataset, for the data dictionary (shown translated).
COLUMNS: dict[str, list[tables.Column]] = {
    "cities": registry.CITY_COLUMNS,
    "indicator-observations": registry.OBSERVATION_COLUMNS,
    "benchmark-run": benchmark.SCORE_COLUMNS,
    "good-practices": knowledge.PRACTICE_COLUMNS,
    "challenges": knowledge.CHALLENGE_COLUMNS,
    "solutions": knowledge.SOLUTION_COLUMNS,
    "pilots": action.PILOT_COLUMNS,
}
