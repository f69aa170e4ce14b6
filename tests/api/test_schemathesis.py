"""Schemathesis against the OpenAPI document, served in-process (WSGI), as three callers:
anonymous, a member's API token and a coordinator's. Fails on any 5xx, any status the document
does not declare, and any response that violates its schema (docs/api-robustness.md).

Bounded for `make test`: URBANFORUM_SCHEMATHESIS_EXAMPLES examples per operation and caller
(default 4), derandomised (the same cases every run), no deadline per example. The people and
organisations are made once for the module, inside a transaction rolled back at its end; each
test runs in pytest-django's savepoint, rolled back after it, so whatever the fuzzer writes is
undone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.api import api
from urbanforum.cities.models import City
from urbanforum.core.api import shadowed_values

DEEP = os.environ.get("URBANFORUM_SCHEMATHESIS_DEEP") == "1"
MAX_EXAMPLES = int(os.environ.get("URBANFORUM_SCHEMATHESIS_EXAMPLES", "25" if DEEP else "4"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
# Anonymous and the member call with generated path parameters (mostly unknown: 404s and what comes
# before them); the coordinator, who may do the most, calls every path with a {slug} or {ref} at
# content made for it (`_content`: a challenge, a practice, a pilot with a KPI, an organisation, all
# "demo") and every numeric id at 1, so the fuzzer's bodies reach the services.
SEEDED = {"slug": "demo", "ref": "demo"}
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.app = WSGIHandler()
# The coverage phase (boundary values of every parameter: ~85 cases per operation) is the deep
# pass, run on demand; `make test` fuzzes MAX_EXAMPLES cases per operation and caller.
schema.config.phases.coverage.enabled = DEEP
# /practices/import beside /practices/{ref}: "import" is another operation, never a practice (the
# document says so with `not: {enum: [...]}`, which schemathesis' coverage phase does not honour).
SHADOWED = shadowed_values(DOCUMENT["paths"])


def _people() -> dict[str, dict[str, str]]:
    from urbanforum.accounts.services import api_token_create

    org = Organisation.objects.create(
        name="City of Helsinki",
        kind=OrganisationKind.CITY_ADMINISTRATION,
        country="FI",
        email_domains=["hel.fi"],
    )
    network = Organisation.objects.create(name="Network", kind=OrganisationKind.NETWORK)
    City.objects.create(
        name="Helsinki", slug="helsinki-fi", country="FI", eurostat_code="FI001C",
        is_bsr=True, administration=org,
    )  # fmt: skip
    member = User.objects.create_user("member@helsinki.example", "a-Strong-password-1")
    Membership.objects.create(user=member, organisation=org, role=Role.MEMBER, verified_via="admin")
    coordinator = User.objects.create_user(
        "coordinator@network.example", "a-Strong-password-1", is_coordinator=True
    )
    Membership.objects.create(
        user=coordinator, organisation=network, role=Role.ADMIN, verified_via="admin"
    )
    _content(org, member, coordinator)
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role, user in (("member", member), ("coordinator", coordinator)):
        key = api_token_create(actor=user, name="schemathesis").key
        headers[role] = {"Authorization": f"Bearer {key}"}
    return headers


def _content(org: Organisation, member: User, coordinator: User) -> None:
    from datetime import date

    from urbanforum.challenges.models import Challenge
    from urbanforum.impact.models import KPI, Pilot
    from urbanforum.practices.models import GoodPractice

    city = City.objects.get(slug="helsinki-fi")
    demo = Organisation.objects.create(name="Demo", kind=OrganisationKind.NGO, country="FI")
    Membership.objects.create(user=coordinator, organisation=demo, role=Role.ADMIN)
    Challenge.objects.create(
        slug="demo", title="Icy cycle routes", owner_city=city, owner_organisation=org,
        problem_statement="Snow and ice on cycle routes.", domains=["mobility"], status="open",
        visibility="members",
    )  # fmt: skip
    GoodPractice.objects.create(
        slug="demo", title="Winter cycling", summary="Cycle routes cleared first.", city=city,
        domains=["mobility"], status="published", author_organisation=org,
    )  # fmt: skip
    pilot = Pilot.objects.create(
        slug="demo", title="Smart lighting", solution_name="LED controllers", organisation=org,
        city=city,
        start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
    )  # fmt: skip
    KPI.objects.create(pilot=pilot, name="Energy use", unit="MWh", baseline=100, target=60)
    assert demo.slug == "demo" and member.pk


@pytest.fixture(scope="module")
def callers(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, dict[str, str]]]:
    # The WSGI handler would close the test's connection after each request (as a server does).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            yield _people()
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _shadowed(case: Any) -> bool:
    """The request belongs to the sibling operation, tested on its own."""
    return any(
        (case.path_parameters or {}).get(name) in literals
        for (template, name), literals in SHADOWED.items()
        if template == case.operation.path
    )


@schema.parametrize()
@SETTINGS
@pytest.mark.django_db
def test_api_answers_the_coordinator_as_documented(
    case: Any, callers: dict[str, dict[str, str]]
) -> None:
    if case.path_parameters:
        case.path_parameters = {name: SEEDED.get(name, 1) for name in case.path_parameters}
    if not _shadowed(case):
        case.call_and_validate(headers=callers["coordinator"], checks=CHECKS)


@schema.parametrize()
@SETTINGS
@pytest.mark.django_db  # each test in a savepoint inside the module's transaction
@pytest.mark.parametrize("caller", ["anonymous", "member"])
def test_api_answers_anonymous_and_a_member_as_documented(
    case: Any, caller: str, callers: dict[str, dict[str, str]]
) -> None:
    if not _shadowed(case):
        case.call_and_validate(headers=callers[caller], checks=CHECKS)


@pytest.mark.django_db
def test_the_coordinators_paths_reach_content(callers: dict[str, dict[str, str]]) -> None:
    """The seeded path values name content that exists, so the fuzzer's bodies get past 404."""
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=callers["coordinator"]["Authorization"])
    for path in ("challenges/demo", "practices/demo", "pilots/demo", "organisations/demo"):
        assert client.get(f"/api/v1/{path}").status_code == 200, path
