"""Permission matrix of every challenge view and endpoint, with visibility public / members /
private / draft proven for each role."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, outcome
from tests.practices.kb import KB
from tests.practices.matrix import ALL_200, LOGIN, Case, run_case
from urbanforum.challenges.models import ChallengeCity

VISIBLE_TO_MEMBERS = outcome(404, 200, 200, 200, 200, 200)
VISIBLE_TO_OWNERS = outcome(404, 404, 200, 200, 200, 200)
FORM = {
    "title": "Heat in schools",
    "problem_statement": "Classrooms overheat in June.",
    "visibility": "public",
    "language": "en",
    "domains": ["living-health"],
}


def tallinn_joins(kb: KB) -> None:
    ChallengeCity.objects.create(challenge=kb.public, city=kb.world.other_city)


def decide(kb: KB) -> dict[str, Any]:
    return {"item_kind": "practice", "item_id": kb.practice.pk, "decision": "accepted"}


CASES = [
    Case("list", "GET", "/challenges/", ALL_200),
    Case("list filtered", "GET", "/challenges/?q=icy&domain=mobility&status=open", ALL_200),
    Case("detail public", "GET", "/challenges/{kb.public.slug}/", ALL_200),
    Case("detail members", "GET", "/challenges/{kb.members.slug}/", VISIBLE_TO_MEMBERS),
    Case("detail private", "GET", "/challenges/{kb.private.slug}/", VISIBLE_TO_OWNERS),
    Case("detail draft", "GET", "/challenges/{kb.draft_challenge.slug}/", VISIBLE_TO_OWNERS),
    Case("create form", "GET", "/challenges/new/", outcome(LOGIN, 200, 403, 200, 200, 200)),
    Case(
        "create",
        "POST",
        "/challenges/new/",
        outcome(LOGIN, 200, 403, 302, 302, 302),
        lambda kb: {**FORM, "owner_city": kb.world.city.pk},
        refusals={401, 403, 404, 422, 200},
    ),
    Case(
        "edit form",
        "GET",
        "/challenges/{kb.public.slug}/edit/",
        outcome(LOGIN, 403, 403, 200, 200, 200),
    ),
    Case(
        "edit",
        "POST",
        "/challenges/{kb.public.slug}/edit/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        FORM,
    ),
    Case(
        "edit private",
        "POST",
        "/challenges/{kb.private.slug}/edit/",
        outcome(LOGIN, 404, 403, 302, 302, 302),
        FORM,
    ),
    Case(
        "status",
        "POST",
        "/challenges/{kb.public.slug}/status/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"status": "matched"},
    ),
    Case(
        "join",
        "POST",
        "/challenges/{kb.public.slug}/join/",
        # editors/admins of Helsinki own it: the service refuses (message, redirect, no change)
        outcome(LOGIN, 302, 403, 302, 302, 403),
        {"note": "Same here."},
    ),
    Case(
        "join private",
        "POST",
        "/challenges/{kb.private.slug}/join/",
        outcome(LOGIN, 404, 403, 302, 302, 403),
        {},
    ),
    Case(
        "leave",
        "POST",
        "/challenges/{kb.public.slug}/leave/",
        outcome(LOGIN, 302, 403, 403, 403, 302),
        {},
        setup=tallinn_joins,
    ),
    Case(
        "decide",
        "POST",
        "/challenges/{kb.public.slug}/matches/decide/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        decide,
    ),
    Case(
        "decide private",
        "POST",
        "/challenges/{kb.private.slug}/matches/decide/",
        outcome(LOGIN, 404, 403, 302, 302, 302),
        decide,
    ),
    # API twins
    Case("api list", "GET", "/api/v1/challenges?search=icy", ALL_200, json=True),
    Case("api public", "GET", "/api/v1/challenges/{kb.public.slug}", ALL_200, json=True),
    Case(
        "api members", "GET", "/api/v1/challenges/{kb.members.slug}", VISIBLE_TO_MEMBERS, json=True
    ),
    Case(
        "api private", "GET", "/api/v1/challenges/{kb.private.slug}", VISIBLE_TO_OWNERS, json=True
    ),
    Case(
        "api draft",
        "GET",
        "/api/v1/challenges/{kb.draft_challenge.slug}",
        VISIBLE_TO_OWNERS,
        json=True,
    ),
    Case(
        "api create",
        "POST",
        "/api/v1/challenges",
        outcome(401, 422, 403, 201, 201, 201),
        {"owner_city": "helsinki-fi", "title": "Heat", "problem_statement": "Too hot."},
        json=True,
    ),
    Case(
        "api patch",
        "PATCH",
        "/api/v1/challenges/{kb.public.slug}",
        outcome(401, 403, 403, 200, 200, 200),
        {"context": "More context."},
        json=True,
    ),
    Case(
        "api status",
        "POST",
        "/api/v1/challenges/{kb.public.slug}/status",
        outcome(401, 403, 403, 200, 200, 200),
        {"status": "matched"},
        json=True,
    ),
    Case(
        "api join",
        "POST",
        "/api/v1/challenges/{kb.public.slug}/join",
        outcome(401, 201, 403, 422, 422, 403),
        {"note": "Same here."},
        json=True,
    ),
    Case(
        "api leave",
        "POST",
        "/api/v1/challenges/{kb.public.slug}/leave",
        outcome(401, 200, 403, 403, 403, 200),
        {},
        json=True,
        setup=tallinn_joins,
    ),
    Case("api matches", "GET", "/api/v1/challenges/{kb.public.slug}/matches", ALL_200, json=True),
    Case(
        "api matches private",
        "GET",
        "/api/v1/challenges/{kb.private.slug}/matches",
        VISIBLE_TO_OWNERS,
        json=True,
    ),
    Case(
        "api decide",
        "POST",
        "/api/v1/challenges/{kb.public.slug}/matches/decisions",
        outcome(401, 403, 403, 200, 200, 200),
        decide,
        json=True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, role: str, kb: KB, unchanged: Any) -> None:
    run_case(case, role, kb, unchanged)


SEES = {
    # role: (public, members, private, draft)
    "anonymous": (True, False, False, False),
    "other": (True, True, False, False),
    "member": (True, True, True, True),
    "editor": (True, True, True, True),
    "admin": (True, True, True, True),
    "coordinator": (True, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_visibility_in_lists_api_search_and_matches(kb: KB, role: str) -> None:
    """Each role sees exactly the challenges it may see — in the list, the API list, search and a
    challenge's matches."""
    client = kb.world.client(role)
    expected = dict(zip(["public", "members", "private", "draft"], SEES[role], strict=True))
    objs = {
        "public": kb.public,
        "members": kb.members,
        "private": kb.private,
        "draft": kb.draft_challenge,
    }
    html = client.get("/challenges/").content.decode()
    api_titles = [
        c["title"] for c in client.get("/api/v1/challenges?page_size=200").json()["items"]
    ]
    found = [
        r["title"] for r in client.get("/api/v1/search?q=icy+cycle+routes&kind=challenge").json()
    ]
    matched = [
        m["title"]
        for m in client.get(f"/api/v1/challenges/{kb.tallinn_challenge.slug}/matches").json()[
            "challenge"
        ]
    ]
    for key, obj in objs.items():
        assert (obj.title in html) == expected[key], (role, key, "list")
        assert (obj.title in api_titles) == expected[key], (role, key, "api")
        if key != "draft":  # drafts are never indexed
            assert (obj.title in found) == expected[key], (role, key, "search")
            assert (obj.title in matched) == expected[key], (role, key, "matches")
        else:
            assert obj.title not in found and obj.title not in matched
