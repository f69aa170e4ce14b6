"""Permission matrix of search, saved searches and the city matches."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, outcome
from tests.practices.kb import KB
from tests.practices.matrix import ALL_200, LOGIN, Case, run_case
from urbanforum.matching.models import SavedSearch


def members_search(kb: KB) -> dict[str, Any]:
    user = kb.world.users["member"]
    return {
        "saved": SavedSearch.objects.create(user=user, name="winter", query="winter cycling").pk
    }


CASES = [
    Case("search page", "GET", "/search/", ALL_200),
    Case(
        "search",
        "GET",
        "/search/?q=snow+on+cycle+routes&kind=practice&domain=mobility&sdg=11&country=FI",
        ALL_200,
    ),
    Case("saved list", "GET", "/search/saved/", outcome(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "save a search",
        "POST",
        "/search/saved/",
        outcome(LOGIN, 302, 302, 302, 302, 302),
        {"q": "winter cycling", "name": "Winter"},
    ),
    Case(
        "delete a saved search",
        "POST",
        "/search/saved/{saved}/delete/",
        outcome(LOGIN, 404, 302, 404, 404, 404),
        {},
        setup=members_search,
    ),
    Case("city page with matches", "GET", "/cities/helsinki-fi/", ALL_200),
    # API twins
    Case("api search", "GET", "/api/v1/search?q=snow&kind=practice", ALL_200, json=True),
    Case(
        "api saved list",
        "GET",
        "/api/v1/saved-searches",
        outcome(401, 200, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api save",
        "POST",
        "/api/v1/saved-searches",
        outcome(401, 201, 201, 201, 201, 201),
        {"query": "winter cycling"},
        json=True,
    ),
    Case(
        "api delete",
        "DELETE",
        "/api/v1/saved-searches/{saved}",
        outcome(401, 404, 204, 404, 404, 404),
        json=True,
        setup=members_search,
    ),
    Case("api city matches", "GET", "/api/v1/cities/helsinki-fi/matches", ALL_200, json=True),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, role: str, kb: KB, unchanged: Any) -> None:
    run_case(case, role, kb, unchanged)
