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
CALLERS = ["anonymous", "member", "coordinator"]
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
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
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role, user in (("member", member), ("coordinator", coordinator)):
        key = api_token_create(actor=user, name="schemathesis").key
        headers[role] = {"Authorization": f"Bearer {key}"}
    return headers


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


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db  # each test in a savepoint inside the module's transaction
@pytest.mark.parametrize("caller", CALLERS)
def test_api_answers_as_documented(
    case: Any, caller: str, callers: dict[str, dict[str, str]]
) -> None:
    if any(
        (case.path_parameters or {}).get(name) in literals
        for (template, name), literals in SHADOWED.items()
        if template == case.operation.path
    ):
        return  # the request belongs to the sibling operation, tested on its own
    case.call_and_validate(headers=callers[caller], checks=CHECKS)
