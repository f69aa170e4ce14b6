"""Permission matrix of every marketplace view and endpoint (solutions and experts)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, outcome
from tests.practices.kb import KB, company_editor
from tests.practices.matrix import ALL_200, LOGIN, Case, run_case
from urbanforum.marketplace.models import Expert, Solution

COORDINATOR_ONLY = outcome(LOGIN, 403, 403, 403, 403, 200)
SOLUTION_FORM = {
    "title": "Ice alert",
    "description": "Warns about black ice.",
    "maturity": "pilot",
    "trl": "6",
    "status": "published",
    "domains": ["mobility"],
    "references": "Oulu | FI | 2024 | Pilot on two routes",
}
EXPERT_FORM = {
    "name": "Eeva Expert",
    "expertise": "mobility\nwinter",
    "languages": "fi\nen",
    "is_published": "on",
}

CASES = [
    Case(
        "solution list",
        "GET",
        "/marketplace/solutions/?q=snow&domain=mobility&maturity=deployed",
        ALL_200,
    ),
    Case("solution detail", "GET", "/marketplace/solutions/{kb.solution.slug}/", ALL_200),
    Case(
        "draft solution detail",
        "GET",
        "/marketplace/solutions/{kb.draft_solution.slug}/",
        outcome(404, 404, 404, 404, 404, 200),
    ),
    Case("solution create form", "GET", "/marketplace/solutions/new/", COORDINATOR_ONLY),
    Case(
        "solution create",
        "POST",
        "/marketplace/solutions/new/",
        outcome(LOGIN, 403, 403, 403, 403, 302),
        lambda kb: {**SOLUTION_FORM, "provider": kb.company.pk},
    ),
    Case(
        "solution edit form",
        "GET",
        "/marketplace/solutions/{kb.solution.slug}/edit/",
        COORDINATOR_ONLY,
    ),
    Case(
        "solution edit",
        "POST",
        "/marketplace/solutions/{kb.solution.slug}/edit/",
        outcome(LOGIN, 403, 403, 403, 403, 302),
        SOLUTION_FORM,
    ),
    Case(
        "expert list", "GET", "/marketplace/experts/?q=winter&domain=mobility&language=fi", ALL_200
    ),
    Case("expert detail", "GET", "/marketplace/experts/{kb.expert.slug}/", ALL_200),
    Case("expert create form", "GET", "/marketplace/experts/new/", COORDINATOR_ONLY),
    Case(
        "expert create",
        "POST",
        "/marketplace/experts/new/",
        outcome(LOGIN, 403, 403, 403, 403, 302),
        {**EXPERT_FORM, "name": "Standalone Expert"},
    ),
    Case(
        "expert edit form", "GET", "/marketplace/experts/{kb.expert.slug}/edit/", COORDINATOR_ONLY
    ),
    Case(
        "expert edit",
        "POST",
        "/marketplace/experts/{kb.expert.slug}/edit/",
        outcome(LOGIN, 403, 403, 403, 403, 302),
        EXPERT_FORM,
    ),
    # API twins
    Case("api solutions", "GET", "/api/v1/solutions?search=snow", ALL_200, json=True),
    Case("api solution", "GET", "/api/v1/solutions/{kb.solution.slug}", ALL_200, json=True),
    Case(
        "api draft solution",
        "GET",
        "/api/v1/solutions/{kb.draft_solution.slug}",
        outcome(404, 404, 404, 404, 404, 200),
        json=True,
    ),
    Case(
        "api solution create",
        "POST",
        "/api/v1/solutions",
        outcome(401, 403, 403, 403, 403, 201),
        {
            "provider": "snow-sensors-oy",
            "title": "Ice alert",
            "description": "Warns.",
            "maturity": "pilot",
        },
        json=True,
    ),
    Case(
        "api solution patch",
        "PATCH",
        "/api/v1/solutions/{kb.solution.slug}",
        outcome(401, 403, 403, 403, 403, 200),
        {"trl": 9},
        json=True,
    ),
    Case("api experts", "GET", "/api/v1/experts?domain=mobility", ALL_200, json=True),
    Case("api expert", "GET", "/api/v1/experts/{kb.expert.slug}", ALL_200, json=True),
    Case(
        "api expert create",
        "POST",
        "/api/v1/experts",
        outcome(401, 403, 403, 403, 403, 201),
        {"name": "Standalone Expert", "expertise": ["energy"]},
        json=True,
    ),
    Case(
        "api expert patch",
        "PATCH",
        "/api/v1/experts/{kb.expert.slug}",
        outcome(401, 403, 403, 403, 403, 200),
        {"availability": "1 day/week"},
        json=True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, role: str, kb: KB, unchanged: Any) -> None:
    run_case(case, role, kb, unchanged)


def test_company_editor_offers_and_edits_its_solutions(kb: KB) -> None:
    from django.test import Client

    client = Client()
    client.force_login(company_editor(kb))
    assert client.get("/marketplace/solutions/new/").status_code == 200
    response = client.post(
        "/marketplace/solutions/new/", {**SOLUTION_FORM, "provider": kb.company.pk}
    )
    assert response.status_code == 302
    created = Solution.objects.get(title="Ice alert")
    assert created.references == [
        {"city": "Oulu", "country": "FI", "year": 2024, "outcome": "Pilot on two routes"}
    ]
    assert client.get(f"/marketplace/solutions/{kb.draft_solution.slug}/").status_code == 200
    assert (
        client.post(f"/marketplace/solutions/{kb.solution.slug}/edit/", SOLUTION_FORM).status_code
        == 302
    )
    member = company_editor(kb, role="member")
    client.force_login(member)
    assert client.get(f"/marketplace/solutions/{kb.solution.slug}/edit/").status_code == 403
    assert client.get(f"/marketplace/solutions/{kb.draft_solution.slug}/").status_code == 200


def test_expert_edits_only_their_own_profile(kb: KB, unchanged: Any) -> None:
    from django.test import Client

    assert kb.expert.user is not None
    client = Client()
    client.force_login(kb.expert.user)
    assert client.get(f"/marketplace/experts/{kb.expert.slug}/edit/").status_code == 200
    response = client.post(
        f"/marketplace/experts/{kb.expert.slug}/edit/", {**EXPERT_FORM, "bio": "Updated."}
    )
    assert response.status_code == 302
    assert Expert.objects.get(pk=kb.expert.pk).bio == "Updated."
    # already has a profile: cannot create a second one
    assert client.get("/marketplace/experts/new/").status_code == 403
    assert (
        unchanged(lambda: client.post("/marketplace/experts/new/", EXPERT_FORM)).status_code == 403
    )
    other = Expert.objects.create(name="Someone Else", expertise=["energy"])
    assert (
        unchanged(
            lambda: client.post(f"/marketplace/experts/{other.slug}/edit/", EXPERT_FORM)
        ).status_code
        == 403
    )


def test_hidden_expert_profile_is_seen_by_the_expert_only(kb: KB) -> None:
    Expert.objects.filter(pk=kb.expert.pk).update(is_published=False)
    from django.test import Client

    assert Client().get(f"/marketplace/experts/{kb.expert.slug}/").status_code == 404
    own = Client()
    assert kb.expert.user is not None
    own.force_login(kb.expert.user)
    assert own.get(f"/marketplace/experts/{kb.expert.slug}/").status_code == 200


def test_an_expert_creates_their_own_profile(kb: KB) -> None:
    from django.test import Client

    from tests.conftest import make_user

    newcomer = make_user("new-expert@kb.example", is_expert=True, full_name="Nina Newcomer")
    client = Client()
    client.force_login(newcomer)
    assert client.get("/marketplace/experts/new/").status_code == 200
    response = client.post("/marketplace/experts/new/", {**EXPERT_FORM, "name": "Nina Newcomer"})
    assert response.status_code == 302
    profile = Expert.objects.get(user=newcomer)
    assert (profile.name, profile.languages, profile.domains) == (
        "Nina Newcomer",
        ["fi", "en"],
        ["mobility"],
    )
