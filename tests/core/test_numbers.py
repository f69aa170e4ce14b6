"""One money format for the site and one parser for typed numbers (core.numbers), and dates in
the reader's own formats: no template writes a date in a fixed pattern of its own."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from urbanforum.core.numbers import format_money, parse_number

NBSP = "\xa0"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "urbanforum" / "templates"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fi", f"1{NBSP}180{NBSP}000,00{NBSP}€"),
        ("et", f"1{NBSP}180{NBSP}000,00{NBSP}€"),
        ("de", f"1.180.000,00{NBSP}€"),
        ("en", "€1,180,000.00"),
    ],
)
def test_money_in_the_readers_language(code: str, expected: str) -> None:
    with translation.override(code):
        assert format_money(Decimal("1180000")) == expected
        # The template filter is the same format ("1,180,000,00" came from floatformat|intcomma).
        template = Template("{% load urbanforum %}{{ v|money }}")
        assert template.render(Context({"v": Decimal("1180000.00")})) == expected


def test_money_whole_euros_and_no_value() -> None:
    with translation.override("fi"):
        assert format_money(Decimal("520000.40"), 0) == f"520{NBSP}000{NBSP}€"
        assert format_money(None) == ""
    with translation.override("en"):
        assert format_money(Decimal("-5")) == "-€5.00"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12,5", "12.5"),
        ("1 234,50", "1234.50"),
        (f"1{NBSP}234,50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("480000.00", "480000.00"),
        ("40", "40"),
        (40, "40"),
    ],
)
def test_typed_numbers_in_any_of_our_languages(typed: object, expected: str) -> None:
    for code in ("fi", "et", "de", "en"):
        with translation.override(code):
            assert parse_number(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["abc", "", "1,2,3", "NaN", "Infinity", "1e5", "12,5,"])
def test_what_is_not_a_number(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_number(typed)


def test_a_single_separator_with_three_digits_follows_the_readers_language() -> None:
    with translation.override("en"):
        assert parse_number("1,234") == Decimal("1234")
    with translation.override("fi"):
        assert parse_number("1,234") == Decimal("1.234")
    with translation.override("de"):
        assert parse_number("1.234") == Decimal("1234")


@pytest.mark.parametrize(
    ("code", "zone", "expected"),
    [
        ("fi", "Europe/Helsinki", "3.12.2026 klo 11.31 (Europe/Helsinki)"),
        ("et", "Europe/Tallinn", "03.12.2026 11:31 (Europe/Tallinn)"),
        ("de", "Europe/Berlin", "03.12.2026 10:31 (Europe/Berlin)"),
        ("en", "Europe/London", "3 Dec 2026, 09:31 (Europe/London)"),
    ],
)
def test_a_moment_in_the_readers_zone_and_format(code: str, zone: str, expected: str) -> None:
    moment = datetime(2026, 12, 3, 9, 31, tzinfo=UTC)
    template = Template("{% load urbanforum %}{{ v|moment }}")
    with translation.override(code), timezone.override(zone):
        html = template.render(Context({"v": moment}))
    assert re.sub(r"<[^>]+>", "", html) == expected
    assert 'datetime="2026-12-03T09:31:00+00:00"' in html  # machine-readable stays ISO


# A template may name a format (DATE_FORMAT, SHORT_DATETIME_FORMAT, …) or write a machine value
# ('c', "Ymd" to compare two days) or a weekday's name; a fixed pattern ("j M Y") wrote
# "24 Lok 2026" in Finnish, where "Mar" is November.
ALLOWED = re.compile(r"^([A-Z_]+|c|Ymd|D|l)$")


def test_no_template_writes_a_date_in_a_fixed_pattern() -> None:
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r"\|(?:date|time):[\"']([^\"']*)[\"']", path.read_text()):
            if not ALLOWED.match(match.group(1)):
                found.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert found == []
