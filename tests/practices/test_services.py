"""Practice services and screens: validation naming the field, nothing half-saved, lessons shown
prominently, where each fact comes from, sanitised markdown, search across languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.practices.kb import KB
from urbanforum.core.schemas import parse
from urbanforum.practices import services
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.schemas import PracticeFields


def test_create_and_update(kb: KB) -> None:
    editor = kb.world.users["editor"]
    p = services.practice_create(
        actor=editor,
        city=kb.world.city,
        fields=parse(
            PracticeFields,
            {
                "title": "Cycle streets",
                "summary": "Bikes first.",
                "domains": ["mobility"],
                "sdgs": [11],
                "sdg_targets": ["11.2"],
                "kpis": [
                    {
                        "name": "Cyclists",
                        "unit": "per day",
                        "baseline": 100,
                        "result": 180,
                        "year": 2024,
                    }
                ],
                "transfer_city_sizes": ["large"],
            },
        ),
    )
    assert p.author_organisation == kb.world.org and p.status == "draft"
    p = services.practice_update(
        actor=editor,
        practice=p,
        changes=PracticeFields(status="published", what_did_not_work="Parking."),
    )
    assert p.kpis == [
        {"name": "Cyclists", "unit": "per day", "baseline": 100, "result": 180, "year": 2024}
    ]
    assert (p.status, p.what_did_not_work) == ("published", "Parking.")
    assert p.search_text.startswith("cycle streets")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("domains", ["space"]),
        ("sdgs", [42]),
        ("sdg_targets", ["11"]),
        ("kpis", [{"unit": "%"}]),
        ("transfer_city_sizes", ["huge"]),
        ("year_start", 1200),
        ("language", "english"),
        ("status", "archived"),
    ],
)
def test_bad_fields_are_named_and_nothing_changes(
    kb: KB, unchanged: Any, field: str, value: Any
) -> None:
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.practice_update(
                actor=kb.world.users["editor"],
                practice=kb.practice,
                changes=parse(PracticeFields, {field: value}),
            )
        )
    assert field in exc.value.message_dict


def test_sdg_target_must_belong_to_a_chosen_goal(kb: KB) -> None:
    with pytest.raises(ValidationError) as exc:
        services.practice_update(
            actor=kb.world.users["editor"],
            practice=kb.practice,
            changes=parse(PracticeFields, {"sdgs": [11], "sdg_targets": ["13.1"]}),
        )
    assert "13.1" in exc.value.message_dict["sdg_targets"][0]


def test_years_in_order(kb: KB, unchanged: Any) -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        unchanged(
            lambda: services.practice_update(
                actor=kb.world.users["editor"],
                practice=kb.practice,
                changes=PracticeFields(year_start=2020, year_end=2010),
            )
        )


def test_detail_shows_lessons_kpis_and_their_sources(kb: KB) -> None:
    GoodPractice.objects.filter(pk=kb.practice.pk).update(
        description="Read <script>alert(1)</script> **this**."
    )
    html = kb.world.client("anonymous").get(f"/practices/{kb.practice.slug}/").content.decode()
    assert "What did not work" in html and "Contractors measured response times" in html
    assert html.index("What did not work") < html.index("Description")  # lessons come first
    assert 'href="https://example.org/winter-cycling"' in html
    assert 'data-testid="cited-kpis"' in html and 'data-testid="unknown-costs"' in html
    assert "Winter cycling share" in html and '<td class="num">4</td>' in html
    assert "<script>alert" not in html and "<strong>this</strong>" in html


def test_list_facets_filter(kb: KB) -> None:
    client = kb.world.client("anonymous")
    html = client.get("/practices/?country=EE").content.decode()
    assert kb.other_practice.title in html and kb.practice.title not in html
    html = client.get("/practices/?sdg=11&domain=living-health").content.decode()
    assert kb.practice.title in html and kb.other_practice.title not in html
    html = client.get("/practices/?q=zzzz-nothing").content.decode()
    assert "No good practice matches" in html


def test_search_finds_folded_text(kb: KB) -> None:
    html = kb.world.client("anonymous").get("/practices/?q=PLOUGHING").content.decode()
    assert kb.practice.title in html
