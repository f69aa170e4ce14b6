"""Imports: Eurostat bulk TSV (both header variants), tidy CSV/XLSX; row/column errors; all or
nothing; idempotent re-import; the editor's own-city rule."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from urbanforum.core.models import AuditEvent
from urbanforum.indicators import parsers, services
from urbanforum.indicators.models import ImportStatus, Indicator, Observation

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_parse_eurostat_with_unit_dimension() -> None:
    parsed = parsers.parse_eurostat(read("urb_percep_small.tsv"))
    assert parsed.errors == []
    got = {(r.city, r.indicator, r.year): (r.value, r.flags, r.unit) for r in parsed.rows}
    assert got[("FI001C", "PS1012V", 2019)] == (70.0, "", "%")
    assert got[("FI001C", "PS1012V", 2015)] == (72.0, "b", "%")
    assert got[("EE001C", "PS1012V", 2012)] == (28.0, "u", "%")
    assert got[("EE001C", "PS3290V", 2015)] == (30.2, "e", "%")
    assert ("FI001C", "PS1012V", 2012) not in got  # ':' is missing
    assert parsed.missing == 10
    # an FUA and a country are not cities: skipped and counted
    assert parsed.not_city == {"FI001F": 1, "FI": 1}
    # the row of a value is its line, the column its year
    row = next(
        r for r in parsed.rows if (r.city, r.year, r.indicator) == ("EE001C", 2012, "PS1012V")
    )
    assert (row.row, row.column) == (3, "2012")


def test_parse_eurostat_without_unit_and_boundary_versions() -> None:
    parsed = parsers.parse_eurostat(read("urb_ctour_small.tsv"))
    assert parsed.errors == []
    got = {(r.city, r.year): (r.value, r.flags) for r in parsed.rows}
    # FI001C1 and FI001C2 are boundary versions of FI001C: the highest version wins per year
    assert got[("FI001C", 2017)] == (5.7, "p")
    assert got[("FI001C", 2016)] == (3.9, "")
    assert got[("EE001C", 2018)] == (6.1, "e")
    assert parsed.superseded == 1
    assert parsed.not_city == {"AT": 1, "UK001K1": 1, "FI001L2": 1}


def test_parse_eurostat_bad_cells_name_row_and_column() -> None:
    parsed = parsers.parse_eurostat(read("urb_percep_bad.tsv"))
    assert [e.as_dict() for e in parsed.errors] == [
        {
            "row": 2,
            "column": "2015",
            "message": "'lots' is not a number with an optional flag (e.g. '12.3 e').",
        },
        {
            "row": 3,
            "column": "2015",
            "message": "'39.0 zz9' is not a number with an optional flag (e.g. '12.3 e').",
        },
    ]


def test_parse_eurostat_refuses_other_headers() -> None:
    parsed = parsers.parse_eurostat(b"city,indicator,year,value\nFI001C,x,2019,1\n")
    assert parsed.errors[0].row == 1 and "Not a Eurostat bulk TSV" in parsed.errors[0].message


def test_detect_format() -> None:
    assert parsers.detect_format("x.tsv", read("urb_percep_small.tsv")) == "eurostat"
    assert parsers.detect_format("x.csv", read("tidy_good.csv")) == "csv"
    assert parsers.detect_format("x.xlsx", b"PK\x03\x04") == "xlsx"


@pytest.fixture
def catalogue(db: Any) -> None:
    Indicator.objects.create(code="pm25", name="PM2.5", unit="µg/m³", direction=-1)
    Indicator.objects.create(code="no2", name="NO2", unit="µg/m³", direction=-1)


def test_eurostat_preview_then_commit_then_reimport(world: World, catalogue: None) -> None:
    coordinator = world.users["coordinator"]
    assert coordinator is not None
    batch = services.import_preview(
        actor=coordinator,
        filename="urb_percep_small.tsv",
        content=read("urb_percep_small.tsv"),
        source="Eurostat urb_percep",
    )
    report = batch.report
    assert batch.status == ImportStatus.PREVIEW
    assert Observation.objects.count() == 0  # a preview imports nothing
    assert (report["values"], report["new"], report["cities"], report["error_count"]) == (
        8,
        8,
        2,
        0,
    )
    assert report["skipped_unknown_city"] == 1 and report["unknown_cities"] == ["SE001C"]
    assert report["skipped_not_city"] == 2
    assert {i["code"] for i in report["new_indicators"]} == {"PS1012V", "PS3290V"}
    assert report["first_rows"][0]["status"] == "new"

    services.import_commit(actor=coordinator, batch=batch)
    assert Observation.objects.count() == 8
    obs = Observation.objects.get(city=world.city, indicator__code="PS1012V", year=2015)
    assert (obs.value, obs.flags, obs.unit, obs.source, obs.batch_id) == (
        72.0,
        "b",
        "%",
        "Eurostat urb_percep",
        batch.pk,
    )
    assert AuditEvent.objects.filter(action="indicators.import_commit").count() == 1

    again = services.import_preview(
        actor=coordinator,
        filename="urb_percep_small.tsv",
        content=read("urb_percep_small.tsv"),
        source="Eurostat urb_percep",
    )
    assert (again.report["new"], again.report["updated"], again.report["unchanged"]) == (0, 0, 8)
    services.import_commit(actor=coordinator, batch=again)
    assert Observation.objects.count() == 8  # idempotent


def test_committed_batch_cannot_be_committed_twice(world: World) -> None:
    coordinator = world.users["coordinator"]
    assert coordinator is not None
    batch = services.import_preview(
        actor=coordinator, filename="a.tsv", content=read("urb_ctour_small.tsv")
    )
    services.import_commit(actor=coordinator, batch=batch)
    with pytest.raises(ValidationError) as exc:
        services.import_commit(actor=coordinator, batch=batch)
    assert "already been imported" in str(exc.value)


def test_tidy_csv_by_code_slug_and_name(world: World, catalogue: None) -> None:
    editor = world.users["editor"]
    assert editor is not None
    batch = services.import_preview(
        actor=editor, filename="tidy.csv", content=read("tidy_good.csv")
    )
    assert batch.report["error_count"] == 0
    assert (batch.report["values"], batch.report["missing"]) == (3, 1)
    services.import_commit(actor=editor, batch=batch)
    assert sorted(Observation.objects.values_list("indicator__code", "year", "value", "flags")) == [
        ("no2", 2019, 12.5, ""),
        ("pm25", 2018, 6.1, "e"),
        ("pm25", 2019, 5.8, ""),
    ]


def test_tidy_csv_errors_name_row_and_column_and_nothing_is_saved(
    world: World, catalogue: None, unchanged: Any
) -> None:
    coordinator = world.users["coordinator"]
    assert coordinator is not None
    batch = services.import_preview(
        actor=coordinator, filename="bad.csv", content=read("tidy_bad.csv")
    )
    assert batch.report["errors"] == [
        {
            "row": 3,
            "column": "city",
            "message": "Unknown city 'Atlantis' (give a Eurostat code, slug, name or local name).",
        },
        {
            "row": 4,
            "column": "indicator",
            "message": "Unknown indicator 'nosuch': it is not in the catalogue.",
        },
        {"row": 5, "column": "year", "message": "'20x9' is not a year (1900–2100)."},
        {"row": 6, "column": "value", "message": "'many' is not a number."},
        {
            "row": 7,
            "column": "value",
            "message": "Duplicate: row 2 has the same city, indicator and year.",
        },
    ]

    def commit() -> None:
        with pytest.raises(ValidationError) as exc:
            services.import_commit(actor=coordinator, batch=batch)
        assert "5 errors; nothing was imported. First: row 3, column 'city'" in str(exc.value)

    unchanged(commit)
    assert Observation.objects.count() == 0


def test_missing_columns_are_named(world: World) -> None:
    coordinator = world.users["coordinator"]
    assert coordinator is not None
    batch = services.import_preview(
        actor=coordinator, filename="x.csv", content=b"town,indicator,year\nA,b,2019\n"
    )
    assert batch.report["errors"] == [
        {
            "row": 1,
            "column": "city",
            "message": "Missing column 'city' (needed: city, indicator, year, value).",
        },
        {
            "row": 1,
            "column": "value",
            "message": "Missing column 'value' (needed: city, indicator, year, value).",
        },
    ]


def test_editor_imports_only_for_own_city(world: World, catalogue: None) -> None:
    other = world.users["other"]  # admin of Tallinn's administration
    assert other is not None
    batch = services.import_preview(actor=other, filename="tidy.csv", content=read("tidy_good.csv"))
    assert batch.report["error_count"] == 3
    assert batch.report["errors"][0] == {
        "row": 2,
        "column": "city",
        "message": "You may import data only for the cities your organisation represents, not 'FI001C'.",
    }


def test_members_and_eurostat_files_need_the_right_role(world: World) -> None:
    member, editor = world.users["member"], world.users["editor"]
    assert member is not None and editor is not None
    with pytest.raises(PermissionDenied):
        services.import_preview(actor=member, filename="t.csv", content=read("tidy_good.csv"))
    with pytest.raises(PermissionDenied):
        services.import_preview(
            actor=editor, filename="u.tsv", content=read("urb_percep_small.tsv")
        )


def test_xlsx_import(world: World, catalogue: None) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["City", "Indicator", "Year", "Value"])
    sheet.append(["FI001C", "pm25", 2019, 5.5])
    sheet.append(["Tallinn", "pm25", 2019, "bad"])
    buf = io.BytesIO()
    book.save(buf)
    coordinator = world.users["coordinator"]
    assert coordinator is not None
    batch = services.import_preview(actor=coordinator, filename="data.xlsx", content=buf.getvalue())
    assert batch.format == "xlsx"
    assert batch.report["values"] == 1
    assert batch.report["errors"] == [
        {"row": 3, "column": "value", "message": "'bad' is not a number."}
    ]


def test_empty_file_is_refused_naming_the_field(world: World) -> None:
    coordinator = world.users["coordinator"]
    assert coordinator is not None
    with pytest.raises(ValidationError) as exc:
        services.import_preview(actor=coordinator, filename="x.csv", content=b"")
    assert exc.value.message_dict == {"file": ["The file is empty."]}


@pytest.mark.parametrize(
    "url", ["/indicators/?q=pm", "/indicators/pm25/?city=FI001C", "/indicators/imports/"]
)
def test_list_pages_give_htmx_history_restore_the_whole_page(
    world: World, catalogue: None, url: str
) -> None:
    batch = services.import_preview(
        actor=world.users["coordinator"], filename="tidy.csv", content=read("tidy_good.csv")
    )
    client = world.client("coordinator")
    restored = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    html = restored.content.decode()
    assert restored.status_code == 200 and "<html" in html
    assert "HX-Request" in {v.strip() for v in restored["Vary"].split(",")}
    if "imports" in url:
        assert batch.filename in html
    else:
        assert "pm25" in html


def test_import_list_shows_only_the_viewers_batches(world: World, catalogue: None) -> None:
    mine = services.import_preview(
        actor=world.users["editor"], filename="mine.csv", content=read("tidy_good.csv")
    )
    services.import_preview(
        actor=world.users["coordinator"], filename="theirs.csv", content=read("tidy_good.csv")
    )
    html = world.client("editor").get("/indicators/imports/").content.decode()
    assert mine.filename in html and "theirs.csv" not in html
    html = world.client("coordinator").get("/indicators/imports/").content.decode()
    assert "mine.csv" in html and "theirs.csv" in html
