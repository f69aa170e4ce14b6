"""Imports: a title above the header is skipped with a note, the preview shows old → new for
each changed value, and cities are found by their local names (or refused naming candidates)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World, api
from urbanforum.cities.models import City
from urbanforum.indicators import parsers, services
from urbanforum.indicators.models import Indicator, Observation

ROLES = ["anonymous", "member", "editor", "admin", "other", "coordinator"]


@pytest.fixture
def catalogue(db: Any) -> None:
    Indicator.objects.create(code="pm25", name="PM2.5", unit="µg/m³", direction=-1)
    Indicator.objects.create(code="no2", name="NO2", unit="µg/m³", direction=-1)


def xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


TITLED_CSV = (
    "Air quality in Helsinki, 2019 (µg/m³)\n"
    "Source: Helsinki Region Environmental Services, HSY\n"
    "\n"
    "city;indicator;year;value\n"
    "Helsingfors;pm25;2019;5,8\n"
    "helsinki-fi;no2;2019;x\n"
).encode()


def test_a_title_above_the_header_is_skipped_with_a_note_csv() -> None:
    parsed = parsers.parse_csv(TITLED_CSV)
    assert [n.as_dict() for n in parsed.notes] == [
        {"row": 1, "message": "Line 1 skipped: it is above the header row (a title or a note)."},
        {"row": 2, "message": "Line 2 skipped: it is above the header row (a title or a note)."},
    ]
    # The separator is the header's (';', decimal comma), not the title's comma; rows keep
    # their line numbers in the file.
    assert [(r.row, r.city, r.value) for r in parsed.rows] == [(5, "Helsingfors", 5.8)]
    assert [e.as_dict() for e in parsed.errors] == [
        {"row": 6, "column": "value", "message": "'x' is not a number."}
    ]


def test_a_title_above_the_header_is_skipped_with_a_note_xlsx() -> None:
    parsed = parsers.parse_xlsx(
        xlsx([["PM2.5 by city"], [], ["City", "Indicator", "Year", "Value"], ["FI001C", "pm25", 2019, 5.5]])
    )  # fmt: skip
    assert [n.row for n in parsed.notes] == [1]
    assert parsed.errors == [] and [(r.row, r.value) for r in parsed.rows] == [(4, 5.5)]


def test_without_a_header_the_missing_columns_are_named_on_the_likeliest_row() -> None:
    parsed = parsers.parse_csv(b"My data\ncity,indicator,year\nFI001C,pm25,2019\n")
    assert [e.as_dict() for e in parsed.errors] == [
        {
            "row": 2,
            "column": "value",
            "message": "Missing column 'value' (needed: city, indicator, year, value).",
        }
    ]
    assert parsed.notes == []


def test_local_names_resolve_and_the_preview_says_to_which_city(
    world: World, catalogue: None
) -> None:
    batch = services.import_preview(
        actor=world.users["editor"], filename="titled.csv", content=TITLED_CSV
    )
    report = batch.report
    assert report["values"] == 1 and report["error_count"] == 1
    assert report["cities_by_name"] == [
        {
            "ref": "Helsingfors",
            "city": "Helsinki",
            "matched": "local name",
            "by_local_name": True,
        }
    ]
    assert [n["row"] for n in report["skipped_lines"]] == [1, 2]


def test_an_ambiguous_city_name_is_an_error_naming_row_and_candidates(
    world: World, catalogue: None
) -> None:
    City.objects.create(
        name="Frankfurt am Main",
        slug="frankfurt-am-main-de",
        country="DE",
        eurostat_code="DE005C",
        local_names=["Frankfurt"],
        population=750_000,
    )
    City.objects.create(name="Frankfurt (Oder)", slug="frankfurt-oder-de", country="DE",
                        eurostat_code="DE027C", local_names=["Frankfurt"], population=57_000)  # fmt: skip
    content = b"city,indicator,year,value\nFI001C,pm25,2019,5\nFrankfurt,pm25,2019,9\n"
    batch = services.import_preview(
        actor=world.users["coordinator"], filename="f.csv", content=content
    )
    assert batch.report["errors"] == [
        {
            "row": 3,
            "column": "city",
            "message": "'Frankfurt' names several cities: Frankfurt am Main (DE, DE005C); "
            "Frankfurt (Oder) (DE, DE027C). Use the Eurostat code or the slug.",
        }
    ]
    with pytest.raises(ValidationError):
        services.import_commit(actor=world.users["coordinator"], batch=batch)
    assert Observation.objects.count() == 0  # nothing half-saved


def _reimport(world: World) -> Any:
    editor = world.users["editor"]
    first = services.import_preview(
        actor=editor,
        filename="v1.csv",
        content=b"city,indicator,year,value,unit\n"
        b"FI001C,pm25,2018,6.1,ug/m3\nFI001C,pm25,2019,5.8,ug/m3\nFI001C,no2,2019,12.5,ug/m3\n",
    )
    services.import_commit(actor=editor, batch=first)
    return services.import_preview(
        actor=editor,
        filename="v2.csv",
        content=b"Updated figures\ncity,indicator,year,value,unit,flags\n"
        b"FI001C,pm25,2018,6.1,ug/m3,\nHelsingfors,pm25,2019,5.4,ug/m3,p\n"
        b"FI001C,no2,2019,12.5,\xc2\xb5g/m\xc2\xb3,\nFI001C,no2,2020,11,ug/m3,\n",
    )


def test_preview_shows_old_and_new_for_each_changed_value(world: World, catalogue: None) -> None:
    report = _reimport(world).report
    assert (report["new"], report["updated"], report["unchanged"]) == (1, 2, 1)
    assert report["changes"] == [
        {
            "row": 4,
            "city": "Helsinki",
            "indicator": "pm25",
            "year": 2019,
            "fields": [
                {"field": "value", "old": 5.8, "new": 5.4},
                {"field": "flags", "old": "", "new": "p"},
            ],
        },
        {
            "row": 5,
            "city": "Helsinki",
            "indicator": "no2",
            "year": 2019,
            "fields": [{"field": "unit", "old": "ug/m3", "new": "µg/m³"}],
        },
    ]
    assert [(r["row"], r["status"], r["old_value"]) for r in report["first_rows"]] == [
        (3, "unchanged", None),
        (4, "updated", 5.8),
        (5, "updated", 12.5),
        (6, "new", None),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_preview_page_and_api_show_changes_only_to_the_uploader_and_coordinators(
    world: World, catalogue: None, role: str
) -> None:
    batch = _reimport(world)
    client = world.client(role)
    page = client.get(f"/indicators/imports/{batch.pk}/")
    response = api(client, "GET", f"/api/v1/imports/{batch.pk}")
    if role in ("editor", "coordinator"):
        html = page.content.decode()
        assert page.status_code == 200
        assert 'data-testid="import-changes"' in html
        assert "<del>5.8</del> → <ins>5.4</ins>" in html
        assert "<del>ug/m3</del> → <ins>µg/m³</ins>" in html
        assert "1 row unchanged" in html and "changed</span>" in html and "new</span>" in html
        assert "Line 1 skipped: it is above the header row" in html
        assert "Helsingfors" in html and "a local or alternate name" in html
        body = response.json()
        assert body["report"]["changes"][0]["fields"][0] == {
            "field": "value",
            "old": 5.8,
            "new": 5.4,
        }
    elif role == "anonymous":
        assert page.status_code == 302 and response.status_code == 401
    else:
        assert page.status_code == 403 and response.status_code == 403
    before = sorted(Observation.objects.values_list("indicator__code", "year", "value"))
    assert before == [("no2", 2019, 12.5), ("pm25", 2018, 6.1), ("pm25", 2019, 5.8)]


def test_commit_applies_exactly_the_previewed_changes(world: World, catalogue: None) -> None:
    batch = _reimport(world)
    done = services.import_commit(actor=world.users["editor"], batch=batch)
    assert (done.report["new"], done.report["updated"], done.report["unchanged"]) == (1, 2, 1)
    got = {
        (o.indicator.code, o.year): (o.value, o.flags, o.unit)
        for o in Observation.objects.select_related("indicator")
    }
    assert got == {
        ("pm25", 2018): (6.1, "", "ug/m3"),
        ("pm25", 2019): (5.4, "p", "ug/m3"),
        ("no2", 2019): (12.5, "", "µg/m³"),
        ("no2", 2020): (11.0, "", "ug/m3"),
    }
