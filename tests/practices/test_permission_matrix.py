"""Permission matrix of every good-practice view and endpoint."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, outcome
from tests.practices.kb import KB
from tests.practices.matrix import ALL_200, LOGIN, Case, run_case

FORM = {
    "title": "Cycle streets",
    "summary": "Streets where bikes go first.",
    "domains": ["mobility"],
    "sdgs": ["11"],
    "language": "en",
    "status": "published",
    "kpis": "Cyclists per day | count | 100 | 180 | 2024",
}
NOT_YOUR_CITY_FORM = 200  # the form re-renders: Helsinki is not among the cities offered

CASES = [
    Case("list", "GET", "/practices/", ALL_200),
    Case("list search", "GET", "/practices/?q=snow&domain=mobility&sdg=11", ALL_200),
    Case("detail published", "GET", "/practices/{kb.practice.slug}/", ALL_200),
    Case(
        "detail draft",
        "GET",
        "/practices/{kb.draft.slug}/",
        outcome(404, 404, 200, 200, 200, 200),
    ),
    Case("create form", "GET", "/practices/new/", outcome(LOGIN, 200, 403, 200, 200, 200)),
    Case(
        "create",
        "POST",
        "/practices/new/",
        outcome(LOGIN, NOT_YOUR_CITY_FORM, 403, 302, 302, 302),
        lambda kb: {**FORM, "city": kb.world.city.pk},
        refusals={401, 403, 404, 422, 200},
    ),
    Case(
        "edit form",
        "GET",
        "/practices/{kb.practice.slug}/edit/",
        outcome(LOGIN, 403, 403, 200, 200, 200),
    ),
    Case(
        "edit",
        "POST",
        "/practices/{kb.practice.slug}/edit/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        FORM,
    ),
    Case(
        "edit draft",
        "POST",
        "/practices/{kb.draft.slug}/edit/",
        outcome(LOGIN, 404, 403, 302, 302, 302),
        FORM,
    ),
    # API twins
    Case("api list", "GET", "/api/v1/practices?search=snow", ALL_200, json=True),
    Case(
        "api by external id", "GET", "/api/v1/practices/kb-hel-winter-cycling", ALL_200, json=True
    ),
    Case(
        "api draft",
        "GET",
        "/api/v1/practices/{kb.draft.slug}",
        outcome(404, 404, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api create",
        "POST",
        "/api/v1/practices",
        outcome(401, 422, 403, 201, 201, 201),
        {
            "city": "helsinki-fi",
            "title": "Cycle streets",
            "summary": "Bikes first.",
            "domains": ["mobility"],
        },
        json=True,
    ),
    Case(
        "api patch",
        "PATCH",
        "/api/v1/practices/{kb.practice.slug}",
        outcome(401, 403, 403, 200, 200, 200),
        {"what_did_not_work": "Salt damaged the bikes."},
        json=True,
    ),
    Case(
        "api patch draft",
        "PATCH",
        "/api/v1/practices/{kb.draft.slug}",
        outcome(401, 404, 403, 200, 200, 200),
        {"status": "published"},
        json=True,
    ),
    Case(
        "api import",
        "POST",
        "/api/v1/practices/import",
        outcome(401, 403, 403, 403, 403, 200),
        {
            "jsonl": '{"id": "x-1", "title": "T", "summary": "S", "city": "Helsinki", "country": "FI", "domains": [], "sdgs": [], "year": 2020, "sources": [{"title": "S", "supports": ["year"]}]}\n'
        },
        json=True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, role: str, kb: KB, unchanged: Any) -> None:
    run_case(case, role, kb, unchanged)


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("anonymous", False),
        ("other", False),
        ("member", True),
        ("editor", True),
        ("admin", True),
        ("coordinator", True),
    ],
)
def test_list_and_api_show_drafts_only_to_their_city(kb: KB, role: str, sees_draft: bool) -> None:
    client = kb.world.client(role)
    html = client.get("/practices/").content.decode()
    assert kb.practice.title in html
    assert (kb.draft.title in html) == sees_draft
    titles = [p["title"] for p in client.get("/api/v1/practices?page_size=200").json()["items"]]
    assert kb.practice.title in titles
    assert (kb.draft.title in titles) == sees_draft
    # the draft is never in search, for anyone
    found = [r["title"] for r in client.get("/api/v1/search?q=district+heating+peaks").json()]
    assert kb.draft.title not in found
