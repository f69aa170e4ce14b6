"""Permission matrix of pilots and impact."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, World, api, outcome
from urbanforum.impact.models import Pilot

pytestmark = pytest.mark.django_db
LOGIN = 302


CASES: list[tuple[str, str, str, dict[str, int], dict[str, Any] | None, bool]] = [
    ("list", "GET", "/impact/", outcome(200, 200, 200, 200, 200, 200), None, False),
    ("detail", "GET", "/impact/{slug}/", outcome(200, 200, 200, 200, 200, 200), None, False),
    ("create form", "GET", "/impact/new/", outcome(LOGIN, 200, 403, 200, 200, 200), None, False),
    (
        "add kpi",
        "POST",
        "/impact/{slug}/kpis/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"name": "CO2", "unit": "t", "baseline": "10", "target": "5"},
        False,
    ),
    (
        "record",
        "POST",
        "/impact/{slug}/measurements/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"kpi": "{kpi}", "date": "2026-02-01", "value": "90"},
        False,
    ),
    (
        "import",
        "POST",
        "/impact/{slug}/measurements/import/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"csv": "kpi,date,value\nEnergy use,2026-02-01,90\n"},
        False,
    ),
    (
        "milestone",
        "POST",
        "/impact/{slug}/milestones/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {"title": "Installed", "due_date": "2026-03-01", "progress": "50"},
        False,
    ),
    (
        "impact form",
        "GET",
        "/impact/{slug}/impact/",
        outcome(LOGIN, 403, 403, 200, 200, 200),
        None,
        False,
    ),
    (
        "edit form",
        "GET",
        "/impact/{slug}/edit/",
        outcome(LOGIN, 403, 403, 200, 200, 200),
        None,
        False,
    ),
    (
        "edit",
        "POST",
        "/impact/{slug}/edit/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        {
            "title": "Smart lighting pilot",
            "solution_name": "Dimmable LED controllers",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "budget_eur": "120000",
            "status": "running",
            "share": "0.5",
        },
        False,
    ),
    (
        "complete",
        "POST",
        "/impact/{slug}/complete/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        None,
        False,
    ),
    ("api list", "GET", "/api/v1/pilots", outcome(200, 200, 200, 200, 200, 200), None, True),
    (
        "api edit",
        "PATCH",
        "/api/v1/pilots/{slug}",
        outcome(401, 403, 403, 200, 200, 200),
        {"status": "planned", "share": 0.5},
        True,
    ),
    (
        "api complete",
        "POST",
        "/api/v1/pilots/{slug}/complete",
        outcome(401, 403, 403, 200, 200, 200),
        None,
        True,
    ),
    (
        "api detail",
        "GET",
        "/api/v1/pilots/{slug}",
        outcome(200, 200, 200, 200, 200, 200),
        None,
        True,
    ),
    (
        "api kpi",
        "POST",
        "/api/v1/pilots/{slug}/kpis",
        outcome(401, 403, 403, 201, 201, 201),
        {"name": "CO2", "unit": "t", "baseline": 10, "target": 5},
        True,
    ),
    (
        "api measurement",
        "POST",
        "/api/v1/pilots/{slug}/measurements",
        outcome(401, 403, 403, 201, 201, 201),
        {"kpi": "Energy use", "date": "2026-02-01", "value": 90},
        True,
    ),
    (
        "api import",
        "POST",
        "/api/v1/pilots/{slug}/measurements/import",
        outcome(401, 403, 403, 201, 201, 201),
        {"csv": "kpi,date,value\nEnergy use,2026-02-01,90\n"},
        True,
    ),
    (
        "api impact",
        "PUT",
        "/api/v1/pilots/{slug}/impact",
        outcome(401, 403, 403, 200, 200, 200),
        {"investment_eur": 1000, "annual_savings_eur": 500},
        True,
    ),
    (
        "api create",
        "POST",
        "/api/v1/pilots",
        outcome(401, 403, 403, 201, 201, 201),
        {
            "organisation": "city-of-helsinki",
            "title": "New",
            "solution_name": "S",
            "start_date": "2026-01-01",
            "end_date": "2026-02-01",
        },
        True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(
    case: Any, role: str, world: World, pilot: Pilot, unchanged: Any
) -> None:
    _name, method, url, expected, data, is_api = case
    url = url.format(slug=pilot.slug)
    data = {
        k: (v.format(kpi=pilot.kpis.get().pk) if isinstance(v, str) else v)
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
