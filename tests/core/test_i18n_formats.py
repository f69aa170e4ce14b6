"""Local formats (issue 10, point 3): a decimal comma in the nine languages — on a page, in a
chart's number locale and in an import — and the formats we correct (Estonian, Lithuanian)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format, number_format

from tests.conftest import World
from urbanforum.benchmark import charts
from urbanforum.indicators.parsers import parse_csv

NBSP = "\xa0"
# The digit grouping each language writes (CLDR); every one of them has a decimal comma.
THOUSANDS = {
    "fi": NBSP,
    "et": NBSP,
    "sv": NBSP,
    "de": ".",
    "pl": NBSP,
    "lv": NBSP,
    "lt": NBSP,
    "da": ".",
    "nb": NBSP,
}
LANGUAGES = sorted(THOUSANDS)


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_city_page_writes_numbers_in_the_readers_language(world: World, code: str) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE=code).get(f"/cities/{world.city.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'lang="{code}"' in html
    assert "60,1700° N" in html  # Helsinki's latitude, floatformat:4
    assert "60.1700" not in html
    assert f"656{THOUSANDS[code]}920" in html  # the population, intcomma


@pytest.mark.django_db
def test_an_english_page_keeps_the_decimal_point(world: World) -> None:
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/cities/{world.city.slug}/").content.decode()
    assert "60.1700° N" in html and "656,920" in html


@pytest.mark.parametrize("code", [*LANGUAGES, "en"])
def test_charts_carry_the_number_locale_of_the_reader(code: str) -> None:
    rows = [{"name": "Smart mobility", "score": 61.25, "median": 50.5}]
    with translation.override(code):
        spec = charts.profile_chart(rows, "Helsinki", "Baltic Sea Region")
    number = spec["config"]["locale"]["number"]
    assert number["decimal"] == ("." if code == "en" else ",")
    assert number["thousands"] == ("," if code == "en" else THOUSANDS[code])
    assert number["grouping"] == [3]
    # The tooltip formats numbers through that locale (d3-format); years have no grouping.
    dist = charts.distribution_chart(
        [{"city": "Helsinki", "value": 1234.5, "year": 2020, "slug": "helsinki-fi"}],
        "helsinki-fi",
        "GDP",
        "EUR",
    )
    assert dist["config"]["locale"]["number"]["decimal"] == "."  # outside the override: English


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_import_reads_the_decimal_comma_its_language_writes(code: str) -> None:
    """A ';'-separated file as a spreadsheet in `code` saves it: "1 234,5" / "1.234,5"."""
    with translation.override(code):
        big = number_format(1234.5, decimal_pos=1, force_grouping=True)
        small = number_format(0.25, decimal_pos=2)
    content = f"city;indicator;year;value\nHelsinki;gdp;2020;{big}\nTallinn;gdp;2020;{small}\n"
    parsed = parse_csv(content.encode())
    assert parsed.errors == []
    assert [row.value for row in parsed.rows] == [1234.5, 0.25]
    tabbed = parse_csv(content.replace(";", "\t").encode())
    assert [row.value for row in tabbed.rows] == [1234.5, 0.25]


def test_a_comma_separated_file_keeps_the_decimal_point_and_says_why() -> None:
    ok = parse_csv(b"city,indicator,year,value\nHelsinki,gdp,2020,1234.5\n")
    assert [row.value for row in ok.rows] == [1234.5]
    bad = parse_csv(b'city,indicator,year,value\nHelsinki,gdp,2020,"12,5"\n')
    assert [(e.row, e.column) for e in bad.errors] == [(2, "value")]
    assert "semicolons" in bad.errors[0].message


def test_estonian_and_lithuanian_formats_are_corrected() -> None:
    moment = datetime.datetime(2025, 3, 7, 14, 5)
    with translation.override("et"):
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "07.03.2025 14:05"
        assert (
            number_format(1234567.5, decimal_pos=1, force_grouping=True) == f"1{NBSP}234{NBSP}567,5"
        )
    with translation.override("lt"):
        assert (
            number_format(1234567.5, decimal_pos=1, force_grouping=True) == f"1{NBSP}234{NBSP}567,5"
        )
