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
        {"email": "third@experts.example", "kind": "expert"},
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
        {"email": "third@experts.example", "kind": "expert"},
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


# --- integrity (issue 12): who may be assigned, and who may still submit ---------------------------

REFUSED_ASSIGNMENTS = [
    ("a citizen as peer", {"email": "citizen@example.org", "kind": "peer", "city": "tallinn-ee"}),
    ("a citizen as peer (no city)", {"email": "citizen@example.org", "kind": "peer"}),
    ("a non-expert as expert", {"email": "citizen@example.org", "kind": "expert"}),
    ("the vendor as expert", {"email": "sales@vendor.example", "kind": "expert"}),
    ("the pilot's city as peer", {"email": "expert@hel.example", "kind": "peer"}),
    ("the pilot's city as expert", {"email": "expert@hel.example", "kind": "expert"}),
    (
        "a peer for another city",
        {"email": "other@tallinn.example", "kind": "peer", "city": "FI001C"},
    ),
]


@pytest.mark.parametrize("page", [False, True], ids=["api", "page"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", REFUSED_ASSIGNMENTS, ids=[c[0] for c in REFUSED_ASSIGNMENTS])
def test_assignment_rules(
    case: Any, role: str, page: bool, world: World, review_round: Round, unchanged: Any
) -> None:
    """Nobody assigns a citizen as a peer city, the vendor of the piloted product or a non-expert as
    an expert, or the pilot's own city: refused for everyone (the managers get a 422 naming the
    field, or the page's message) and nothing changes."""
    from tests.conftest import make_user
    from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role

    make_user("citizen@example.org")
    vendor = Organisation.objects.create(name="Vendor Oy", kind=OrganisationKind.COMPANY)
    pilot = review_round.round.pilot
    pilot.provider = vendor
    pilot.save(update_fields=["provider"])
    sales = make_user("sales@vendor.example", is_expert=True)
    Membership.objects.create(
        user=sales, organisation=vendor, role=Role.EDITOR, verified_via="admin"
    )
    helsinki_expert = make_user("expert@hel.example", is_expert=True)
    Membership.objects.create(
        user=helsinki_expert, organisation=world.org, role=Role.MEMBER, verified_via="admin"
    )
    name, data = case
    r = review_round.round
    client = world.client(role)
    if page:
        expected = outcome(LOGIN, 403, 403, 302, 302, 302)[role]
        response = unchanged(lambda: client.post(f"/reviews/{r.pk}/reviewers/", data))
    else:
        expected = outcome(401, 403, 403, 422, 422, 422)[role]
        response = unchanged(
            lambda: api(client, "POST", f"/api/v1/review-rounds/{r.pk}/reviewers", data)
        )
    assert response.status_code == expected, (name, role, response.content[:300])


@pytest.mark.parametrize("page", [False, True], ids=["api", "page"])
@pytest.mark.parametrize("role", ROLES)
def test_a_reviewer_who_no_longer_qualifies_cannot_submit(
    role: str, page: bool, world: World, review_round: Round, unchanged: Any
) -> None:
    """The assigned peer ("other") has left Tallinn's administration: nobody submits a review now."""
    from urbanforum.accounts.models import Membership

    Membership.objects.filter(user=review_round.peer, organisation=world.other_org).delete()
    r = review_round.round
    client = world.client(role)
    body = {**SCORES, "findings": "Good."}
    if page:
        expected = outcome(LOGIN, 403, 403, 403, 403, 403)[role]
        response = unchanged(lambda: client.post(f"/reviews/{r.pk}/review/", body))
    else:
        expected = outcome(401, 403, 403, 403, 403, 403)[role]
        response = unchanged(
            lambda: api(client, "POST", f"/api/v1/review-rounds/{r.pk}/reviews", body)
        )
    assert response.status_code == expected, (role, response.content[:300])
