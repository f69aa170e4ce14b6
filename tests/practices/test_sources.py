"""Issue 13, point 7: every fact of a practice says where it comes from. The import takes sources as
objects and refuses a filled field no source supports (with its line number, nothing imported);
the page and its API twin list the numbered sources, mark each section with the sources behind it
and say plainly what is not known."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.practices.kb import KB
from urbanforum.cities.models import City
from urbanforum.practices.forms import SourcesField
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.services import practices_import

SOURCE = {
    "title": "Gardening in Espoo's daycare centres",
    "url": "https://www.espoo.fi/en/gardening",
    "publisher": "City of Espoo",
    "date": "2023-05",
    "supports": ["problem", "what_was_done", "year"],
}


def line(**changes: Any) -> dict[str, Any]:
    record = {
        "id": "t-espoo-gardening",
        "title": "Urban gardening in daycare",
        "summary": "Children grow vegetables at their daycare centre.",
        "city": "Espoo",
        "country": "FI",
        "domains": ["environment"],
        "sdgs": [4],
        "year": 2021,
        "problem": "Children see little of where food comes from.",
        "what_was_done": "Daycare centres set up growing boxes.",
        "sources": [SOURCE],
    }
    record.update(changes)
    return {k: v for k, v in record.items() if v is not ...}


def jsonl(*records: dict[str, Any]) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


@pytest.mark.django_db
def test_sources_are_imported_as_objects() -> None:
    practices_import(actor=None, text=jsonl(line()))
    practice = GoodPractice.objects.get(external_id="t-espoo-gardening")
    assert practice.sources == [SOURCE]


@pytest.mark.django_db
def test_a_source_written_as_text_is_its_title() -> None:
    practices_import(
        actor=None, text=jsonl(line(year=None, problem="", what_was_done="", sources=["A report"]))
    )
    practice = GoodPractice.objects.get(external_id="t-espoo-gardening")
    assert practice.sources == [
        {"title": "A report", "url": None, "publisher": None, "date": None, "supports": []}
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"costs": "EUR 40,000 a year."},
            "line 2: costs: no source supports this field",
        ),
        (
            {"what_did_not_work": "Some centres gave up."},
            "line 2: what_did_not_work: no source supports this field",
        ),
        (
            {"kpis": [{"name": "Centres", "unit": "", "baseline": 0, "result": 5, "year": 2022}]},
            "line 2: kpis: no source supports this field",
        ),
        (
            {"transferability": {"conditions": "Space for boxes.", "city_size": [], "climate": ""}},
            "line 2: transferability: no source supports this field",
        ),
        (
            {"organisations": ["Espoo daycare services"]},
            "line 2: organisations: no source supports this field",
        ),
        ({"sources": []}, "line 2: problem: no source supports this field"),
        ({"sources": [{**SOURCE, "title": " "}]}, "line 2: sources: source 1: title"),
        ({"sources": [{"url": "https://x.org"}]}, "line 2: sources: source 1: title"),
        (
            {"sources": [{**SOURCE, "url": "ftp://espoo.fi/x"}]},
            "line 2: sources: source 1: url: 'ftp://espoo.fi/x' is not a web address",
        ),
        (
            {"sources": [{**SOURCE, "url": "seeds/002.txt"}]},
            "line 2: sources: source 1: url: 'seeds/002.txt' is not a web address",
        ),
        (
            {"sources": [{**SOURCE, "supports": ["problem", "gossip"]}]},
            "line 2: sources: source 1: supports: 'gossip' is not a factual field",
        ),
        (
            {"sources": [{**SOURCE, "date": "May 2023"}]},
            "line 2: sources: source 1: date: 'May 2023' is not a date",
        ),
        ({"sources": "a report"}, "line 2: sources: must be a list"),
        ({"sources": [{**SOURCE, "illustrative": True}]}, "line 2: sources: source 1"),
    ],
)
def test_an_unsupported_or_malformed_line_is_refused_and_nothing_is_imported(
    changes: dict[str, Any], message: str
) -> None:
    good = line(id="t-first")
    with pytest.raises(ValidationError) as exc:
        practices_import(actor=None, text=jsonl(good, line(**changes)))
    assert message in exc.value.messages[0]
    assert not GoodPractice.objects.exists()
    assert not City.objects.filter(name="Espoo").exists()


@pytest.mark.django_db
def test_a_source_of_the_years_backs_the_year_and_the_other_way_round() -> None:
    source = {**SOURCE, "supports": ["problem", "what_was_done", "years"]}
    practices_import(
        actor=None, text=jsonl(line(years={"start": 2021, "end": None}, sources=[source]))
    )
    assert GoodPractice.objects.get().year_start == 2021


def _sourced(kb: KB) -> GoodPractice:
    GoodPractice.objects.filter(pk=kb.practice.pk).update(
        problem="Snow on cycle routes.",
        costs="",
        sources=[
            {**SOURCE, "title": "Winter cycling report", "supports": ["what_worked", "kpis"]},
            {
                "title": "Cycling statistics",
                "url": None,
                "publisher": None,
                "date": None,
                "supports": ["problem", "kpis"],
            },
        ],
    )
    return GoodPractice.objects.get(pk=kb.practice.pk)


def test_the_page_lists_numbered_sources_and_marks_each_section(kb: KB) -> None:
    practice = _sourced(kb)
    html = kb.world.client("anonymous").get(f"/practices/{practice.slug}/").content.decode()
    assert '<li id="source-1"><a href="https://www.espoo.fi/en/gardening" rel="noopener">' in html
    assert "Winter cycling report</a>, City of Espoo, 2023-05" in html
    assert '<li id="source-2">Cycling statistics' in html
    problem = html.split('data-testid="cited-problem"')[1].split("</span>")[0]
    assert 'href="#source-2"' in problem and 'href="#source-1"' not in problem
    kpis = html.split('data-testid="cited-kpis"')[1].split("</span>")[0]
    assert 'href="#source-1"' in kpis and 'href="#source-2"' in kpis
    # Empty sections say plainly that the sources do not tell.
    assert 'data-testid="unknown-costs"' in html and "Not known from the sources." in html
    assert 'data-testid="unknown-what_was_done"' in html
    assert 'data-testid="unknown-problem"' not in html
    assert "Not described." not in html and "illustrative" not in html


def test_the_page_says_when_a_practice_cites_no_source(kb: KB) -> None:
    GoodPractice.objects.filter(pk=kb.practice.pk).update(sources=[])
    html = kb.world.client("anonymous").get(f"/practices/{kb.practice.slug}/").content.decode()
    assert "This practice cites no source: none of its facts is confirmed." in html
    assert 'data-testid="cited-' not in html


def test_the_page_is_translated(kb: KB) -> None:
    practice = _sourced(kb)
    html = (
        kb.world.client("anonymous")
        .get(f"/practices/{practice.slug}/", HTTP_ACCEPT_LANGUAGE="fi")
        .content.decode()
    )
    assert "Not known from the sources." not in html
    assert 'data-testid="unknown-costs"' in html


def test_the_api_numbers_the_sources_and_says_what_is_known(kb: KB) -> None:
    practice = _sourced(kb)
    body = kb.world.client("anonymous").get(f"/api/v1/practices/{practice.slug}").json()
    assert [s["number"] for s in body["sources"]] == [1, 2]
    assert body["sources"][0]["url"] == "https://www.espoo.fi/en/gardening"
    assert body["sources"][1]["supports"] == ["problem", "kpis"]
    sections = {s["field"]: s for s in body["sections"]}
    assert sections["problem"] == {
        "field": "problem",
        "label": "The problem",
        "known": True,
        "sources": [2],
    }
    assert sections["kpis"]["sources"] == [1, 2]
    assert sections["costs"]["known"] is False and sections["costs"]["sources"] == []
    assert "illustrative" not in body and "illustrative_fields" not in body


def test_the_form_reads_and_writes_sources_one_per_line() -> None:
    field = SourcesField(required=False)
    text = "A report | https://x.org/r | City of Oulu | 2020 | problem, results\nTitle only"
    rows = field.clean(text)
    assert rows == [
        {
            "title": "A report",
            "url": "https://x.org/r",
            "publisher": "City of Oulu",
            "date": "2020",
            "supports": ["problem", "results"],
        },
        {"title": "Title only", "url": None, "publisher": None, "date": None, "supports": []},
    ]
    assert field.prepare_value(rows) == text
    with pytest.raises(ValidationError):
        field.clean(" | https://x.org")


def test_the_edit_form_refuses_a_source_that_is_no_web_address(kb: KB) -> None:
    client = kb.world.client("editor")
    page = client.get(f"/practices/{kb.practice.slug}/edit/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {
        k: v
        for k, v in {
            name: form[name].value() for name in form.fields if form[name].value() is not None
        }.items()
    }
    data["kpis"] = form.fields["kpis"].prepare_value(data.get("kpis"))
    data["sources"] = "Report | seeds/000.txt"
    response = client.post(f"/practices/{kb.practice.slug}/edit/", data)
    assert response.status_code == 200
    assert "is not a web address" in response.content.decode()
