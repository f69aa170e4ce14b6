"""Shared fixtures: the six roles of the permission matrix, API helpers, and a database snapshot
that proves a refused request changed nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.cities.models import City

ROLES = ["anonymous", "other", "member", "editor", "admin", "coordinator"]
REQUIRE_SERVICES = os.environ.get("URBANFORUM_REQUIRE_SERVICES") == "1"
REQUIRE_DATA = os.environ.get("URBANFORUM_REQUIRE_DATA") == "1"


def outcome(
    anonymous: int, other: int, member: int, editor: int, admin: int, coordinator: int
) -> dict[str, int]:
    """The expected status per role, in the order of ROLES: a row of a permission matrix."""
    return dict(zip(ROLES, [anonymous, other, member, editor, admin, coordinator], strict=True))


def service_unavailable(what: str) -> None:
    """Skip locally; fail in CI (URBANFORUM_REQUIRE_SERVICES=1)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (URBANFORUM_REQUIRE_SERVICES=1) but unavailable")
    pytest.skip(f"{what} unavailable")


def data_unavailable(what: str) -> None:
    if REQUIRE_DATA:
        pytest.fail(f"{what} is required (URBANFORUM_REQUIRE_DATA=1) but missing")
    pytest.skip(f"{what} missing")


@dataclass
class World:
    """Helsinki's administration (the organisation under test), Tallinn's (another one), and one
    user per role."""

    org: Organisation
    other_org: Organisation
    city: City
    other_city: City
    users: dict[str, User | None]

    def client(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client


def make_user(email: str, **extra: Any) -> User:
    return User.objects.create_user(email, "a-Strong-password-1", **extra)


@pytest.fixture
def world(db: Any) -> World:
    org = Organisation.objects.create(
        name="City of Helsinki",
        kind=OrganisationKind.CITY_ADMINISTRATION,
        country="FI",
        email_domains=["hel.fi"],
    )
    other_org = Organisation.objects.create(
        name="Tallinn City Government", kind=OrganisationKind.CITY_ADMINISTRATION, country="EE"
    )
    network = Organisation.objects.create(name="Network", kind=OrganisationKind.NETWORK)
    city = City.objects.create(
        name="Helsinki",
        slug="helsinki-fi",
        country="FI",
        eurostat_code="FI001C",
        population=656_920,
        population_year=2021,
        latitude=60.17,
        longitude=24.94,
        is_bsr=True,
        administration=org,
        local_names=["Helsingfors"],
    )
    other_city = City.objects.create(
        name="Tallinn",
        slug="tallinn-ee",
        country="EE",
        eurostat_code="EE001C",
        population=438_341,
        population_year=2020,
        latitude=59.44,
        longitude=24.75,
        is_bsr=True,
        administration=other_org,
    )
    users: dict[str, User | None] = {"anonymous": None}
    users["other"] = make_user("other@tallinn.example")
    Membership.objects.create(
        user=users["other"], organisation=other_org, role=Role.ADMIN, verified_via="admin"
    )
    for role in (Role.MEMBER, Role.EDITOR, Role.ADMIN):
        users[str(role)] = make_user(f"{role}@helsinki.example")
        Membership.objects.create(
            user=users[str(role)], organisation=org, role=role, verified_via="admin"
        )
    users["coordinator"] = make_user("coordinator@network.example", is_coordinator=True)
    Membership.objects.create(
        user=users["coordinator"], organisation=network, role=Role.ADMIN, verified_via="admin"
    )
    return World(org=org, other_org=other_org, city=city, other_city=other_city, users=users)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: rate-limit counters (core.ratelimit, allauth) live in
    it, in Redis in CI, and must not carry one test's failed log-ins into the next."""
    from django.core.cache import cache

    cache.clear()


def snapshot() -> str:
    """Every row of every urbanforum model (and allauth's e-mail addresses), as text."""
    rows = []
    for model in apps.get_models():
        if (
            not model.__module__.startswith("urbanforum.")
            and model._meta.label != "account.EmailAddress"
        ):
            continue
        for values in model.objects.order_by("pk").values():
            rows.append(
                f"{model._meta.label}:{sorted((k, str(v)) for k, v in values.items() if k not in {'last_login'})}"
            )
    return "\n".join(rows)


@pytest.fixture
def unchanged() -> Callable[[Callable[[], Any]], Any]:
    """Run `action` and assert that no row changed."""

    def check(action: Callable[[], Any]) -> Any:
        before = snapshot()
        result = action()
        assert snapshot() == before, "a refused request changed the database"
        return result

    return check


def api(client: Client, method: str, url: str, data: Any = None, **headers: Any) -> Any:
    kwargs: dict[str, Any] = {"content_type": "application/json", **headers}
    if data is not None:
        kwargs["data"] = json.dumps(data)
    return getattr(client, method.lower())(url, **kwargs)
