"""The permission matrix: every view and API endpoint of accounts, organisations, cities and the
audit log, for each role, with the exact outcome. A refusal must change nothing.

Roles: anonymous; "other" = admin of another organisation (Tallinn); member, editor, admin of the
organisation under test (Helsinki's administration); coordinator (network staff).
This is the pattern every feature follows: a table of (request, expected status per role).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import ROLES, World, api, make_user, outcome
from urbanforum.accounts.models import Membership, Role

ALL_200 = dict.fromkeys(ROLES, 200)
LOGIN = 302  # anonymous people are sent to the log-in page


@dataclass
class Case:
    name: str
    method: str
    url: str
    expected: dict[str, int]
    data: dict[str, Any] | None = None
    json: bool = False  # an API call

    def __str__(self) -> str:
        return self.name


def _target_membership(world: World) -> Membership:
    user = make_user("target@helsinki.example")
    return Membership.objects.create(
        user=user, organisation=world.org, role=Role.MEMBER, verified_via="admin"
    )


VIEW_CASES = [
    Case("home", "GET", "/", ALL_200),
    Case("city list", "GET", "/cities/?q=hel", ALL_200),
    Case("city detail", "GET", "/cities/helsinki-fi/", ALL_200),
    Case(
        "city edit form",
        "GET",
        "/cities/helsinki-fi/edit/",
        outcome(LOGIN, 403, 403, 200, 200, 200),
    ),
    Case(
        "city edit",
        "POST",
        "/cities/helsinki-fi/edit/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"description": "Capital of Finland.", "local_names": "Helsingfors"},
    ),
    Case("organisation list", "GET", "/organisations/", ALL_200),
    Case("organisation detail", "GET", "/organisations/city-of-helsinki/", ALL_200),
    Case(
        "organisation create form",
        "GET",
        "/organisations/new/",
        outcome(LOGIN, 200, 200, 200, 200, 200),
    ),
    Case(
        "organisation create",
        "POST",
        "/organisations/new/",
        outcome(LOGIN, 302, 302, 302, 302, 302),
        {"name": "Green Streets", "kind": "ngo", "country": "EE"},
    ),
    Case(
        "organisation edit form",
        "GET",
        "/organisations/city-of-helsinki/edit/",
        outcome(LOGIN, 403, 403, 403, 200, 200),
    ),
    Case(
        "organisation edit",
        "POST",
        "/organisations/city-of-helsinki/edit/",
        outcome(LOGIN, 403, 403, 403, 302, 302),
        {"name": "City of Helsinki", "kind": "city", "country": "FI", "description": "Changed."},
    ),
    Case(
        "members page",
        "GET",
        "/organisations/city-of-helsinki/members/",
        outcome(LOGIN, 403, 403, 403, 200, 200),
    ),
    Case(
        "invite",
        "POST",
        "/organisations/city-of-helsinki/members/",
        outcome(LOGIN, 403, 403, 403, 302, 302),
        {"email": "new@hel.fi", "role": "member"},
    ),
    Case(
        "change role",
        "POST",
        "/organisations/city-of-helsinki/members/{target}/role/",
        outcome(LOGIN, 403, 403, 403, 302, 302),
        {"role": "editor"},
    ),
    Case(
        "remove member",
        "POST",
        "/organisations/city-of-helsinki/members/{target}/remove/",
        outcome(LOGIN, 403, 403, 403, 302, 302),
        {},
    ),
    Case("audit log", "GET", "/audit/", outcome(LOGIN, 403, 403, 403, 403, 200)),
    Case("profile", "GET", "/profile/", outcome(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "create token",
        "POST",
        "/profile/tokens/",
        outcome(LOGIN, 302, 302, 302, 302, 302),
        {"name": "script"},
    ),
]

API_CASES = [
    Case("api health", "GET", "/api/v1/health", ALL_200, json=True),
    Case("api city list", "GET", "/api/v1/cities?search=hel", ALL_200, json=True),
    Case("api city", "GET", "/api/v1/cities/FI001C", ALL_200, json=True),
    Case(
        "api city patch",
        "PATCH",
        "/api/v1/cities/FI001C",
        outcome(401, 403, 403, 200, 200, 200),
        {"description": "Capital."},
        json=True,
    ),
    Case("api organisation list", "GET", "/api/v1/organisations", ALL_200, json=True),
    Case("api organisation", "GET", "/api/v1/organisations/city-of-helsinki", ALL_200, json=True),
    Case(
        "api organisation create",
        "POST",
        "/api/v1/organisations",
        outcome(401, 201, 201, 201, 201, 201),
        {"name": "Green Streets", "kind": "ngo"},
        json=True,
    ),
    Case(
        "api organisation patch",
        "PATCH",
        "/api/v1/organisations/city-of-helsinki",
        outcome(401, 403, 403, 403, 200, 200),
        {"description": "Changed."},
        json=True,
    ),
    Case(
        "api members",
        "GET",
        "/api/v1/organisations/city-of-helsinki/members",
        outcome(401, 403, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api invite",
        "POST",
        "/api/v1/organisations/city-of-helsinki/invitations",
        outcome(401, 403, 403, 403, 201, 201),
        {"email": "new@hel.fi", "role": "editor"},
        json=True,
    ),
    Case("api audit", "GET", "/api/v1/audit", outcome(401, 403, 403, 403, 403, 200), json=True),
    Case("api me", "GET", "/api/v1/me", outcome(401, 200, 200, 200, 200, 200), json=True),
    Case(
        "api create token",
        "POST",
        "/api/v1/me/tokens",
        outcome(401, 201, 201, 201, 201, 201),
        {"name": "script"},
        json=True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", VIEW_CASES + API_CASES, ids=str)
def test_permission_matrix(case: Case, role: str, world: World, unchanged: Any) -> None:
    target = _target_membership(world)
    url = case.url.format(target=target.pk)
    client = world.client(role)
    expected = case.expected[role]

    def call() -> Any:
        if case.json:
            return api(client, case.method, url, case.data)
        if case.method == "GET":
            return client.get(url)
        return client.post(url, case.data or {})

    refused = expected in (401, 403) or (expected == LOGIN and role == "anonymous")
    if refused and case.method != "GET":
        response = unchanged(call)
    else:
        response = call()
    assert response.status_code == expected, (
        case.name,
        role,
        response.status_code,
        response.content[:300],
    )
    if role == "anonymous" and expected == LOGIN:
        assert response["Location"].startswith("/accounts/login/")
    if case.json and expected in (401, 403):
        body = response.json()
        assert body["detail"] and body["errors"] == []


def test_members_are_listed_only_to_members_and_coordinators(world: World) -> None:
    for role in ROLES:
        html = world.client(role).get("/organisations/city-of-helsinki/").content.decode()
        shown = "member@helsinki.example" in html or "Members</h2>" in html
        assert shown == (role in {"member", "editor", "admin", "coordinator"}), role
