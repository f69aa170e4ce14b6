"""Permission matrix of review rounds ("other" = Tallinn's admin, an assigned peer reviewer)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, World, api, outcome
from tests.reviews.conftest import SCORES, Round, review
from urbanforum.reviews import services

pytestmark = pytest.mark.django_db
LOGIN = 302


CASES: list[tuple[str, str, str, dict[str, int], dict[str, Any] | None, bool]] = [
    ("list", "GET", "/reviews/", outcome(200, 200, 200, 200, 200, 200), None, False),
    (
        "detail (open round)",
        "GET",
        "/reviews/{pk}/",
        outcome(404, 200, 200, 200, 200, 200),
        None,
        False,
    ),
    (
        "start round",
        "POST",
        "/reviews/new/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"pilot": "{slug}", "title": "Second"},
        False,
    ),
    (
        "assign",
        "POST",
        "/reviews/{pk}/reviewers/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"email": "third@experts.example"},
        False,
    ),
    (
        "review",
        "POST",
        "/reviews/{pk}/review/",
        outcome(LOGIN, 302, 403, 403, 403, 403),
        {**SCORES, "findings": "Good."},
        False,
    ),
    ("close", "POST", "/reviews/{pk}/close/", outcome(LOGIN, 403, 403, 302, 302, 302), {}, False),
    (
        "api round",
        "GET",
        "/api/v1/review-rounds/{pk}",
        outcome(404, 200, 200, 200, 200, 200),
        None,
        True,
    ),
    (
        "api review",
        "POST",
        "/api/v1/review-rounds/{pk}/reviews",
        outcome(401, 201, 403, 403, 403, 403),
        {**SCORES, "findings": "Good."},
        True,
    ),
    (
        "api assign",
        "POST",
        "/api/v1/review-rounds/{pk}/reviewers",
        outcome(401, 403, 403, 201, 201, 201),
        {"email": "third@experts.example"},
        True,
    ),
    (
        "api close",
        "POST",
        "/api/v1/review-rounds/{pk}/close",
        outcome(401, 403, 403, 200, 200, 200),
        None,
        True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(
    case: Any, role: str, world: World, review_round: Round, unchanged: Any
) -> None:
    from tests.conftest import make_user

    make_user("third@experts.example", is_expert=True)
    name, method, url, expected, data, is_api = case
    r = review_round.round
    if "close" in name:  # a round closes once a review is in
        services.review_submit(actor=review_round.expert, round=r, data=review("Expert."))
    url = url.format(pk=r.pk)
    data = {
        k: (v.format(slug=r.pilot.slug) if isinstance(v, str) and r.pilot else v)
        for k, v in (data or {}).items()
    }
    client = world.client(role)

    def call() -> Any:
        if is_api:
            return api(client, method, url, data if method != "GET" else None)
        return getattr(client, method.lower())(url, data)

    code = expected[role]
    response = (
        unchanged(call)
        if code in (401, 403, 404) or (code == LOGIN and role == "anonymous")
        else call()
    )
    assert response.status_code == code, (role, response.content[:300])
