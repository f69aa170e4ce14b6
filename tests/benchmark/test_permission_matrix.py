"""The permission matrix of the indicators and benchmark apps: every view and API endpoint, for
each role, with the exact status code; a refusal changes nothing.

Rules (docs/indicators.md, docs/benchmark-dashboard.md): everyone reads; tidy imports by
coordinators and editors/admins of a city administration (rows only for their own cities —
"other" is Tallinn's admin, so it may upload, and its preview of a Helsinki file lists errors);
a batch is seen and confirmed by its uploader and coordinators; any member of an organisation
runs nominal benchmarks; Monte Carlo runs need an editor/admin role somewhere or a coordinator.
Everyone sees official runs (published by a coordinator); a member's run only its organisation and
coordinators; only coordinators publish or withdraw a run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.benchmark.factories import make_data
from tests.conftest import ROLES, World, api, outcome
from urbanforum.benchmark import services as bench_services
from urbanforum.indicators import services as indicator_services

ALL_200 = dict.fromkeys(ROLES, 200)
# A run of Helsinki's administration: its members and coordinators; others get a 404.
PRIVATE = outcome(404, 404, 200, 200, 200, 200)
LOGIN = 302
TIDY = (Path(__file__).parents[1] / "indicators" / "fixtures" / "tidy_good.csv").read_bytes()


def upload() -> dict[str, Any]:
    return {"file": SimpleUploadedFile("tidy.csv", TIDY, content_type="text/csv"), "source": "test"}


@dataclass
class Case:
    name: str
    method: str
    url: str
    expected: dict[str, int]
    data: dict[str, Any] | Callable[[], dict[str, Any]] | None = None
    json: bool = False
    multipart: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name


RUN = {
    "framework": "test-fw",
    "year": 2019,
    "peer_group": "bsr",
    "window": 5,
    "uncertainty_runs": 0,
}
MC_RUN = {**RUN, "uncertainty_runs": 40}

VIEW_CASES = [
    Case("catalogue", "GET", "/indicators/", ALL_200),
    Case("indicator", "GET", "/indicators/green/", ALL_200),
    Case("framework", "GET", "/indicators/frameworks/test-fw/", ALL_200),
    Case("framework yaml", "GET", "/indicators/frameworks/test-fw/yaml/", ALL_200),
    Case("import list", "GET", "/indicators/imports/", outcome(LOGIN, 200, 403, 200, 200, 200)),
    Case("import form", "GET", "/indicators/imports/new/", outcome(LOGIN, 200, 403, 200, 200, 200)),
    Case(
        "import upload",
        "POST",
        "/indicators/imports/new/",
        outcome(LOGIN, 302, 403, 302, 302, 302),
        upload,
    ),
    Case(
        "import preview",
        "GET",
        "/indicators/imports/{batch}/",
        outcome(LOGIN, 403, 403, 200, 403, 200),
    ),
    Case(
        "import commit",
        "POST",
        "/indicators/imports/{batch}/commit/",
        outcome(LOGIN, 403, 403, 302, 403, 302),
        {},
    ),
    Case("dashboard", "GET", "/benchmark/", ALL_200),
    Case(
        "dashboard city",
        "GET",
        "/benchmark/?run={run}&city=helsinki-fi&node=air&why=economy",
        ALL_200,
    ),
    Case("run list", "GET", "/benchmark/runs/", ALL_200),
    Case("run detail", "GET", "/benchmark/runs/{run}/", ALL_200),
    Case("run progress", "GET", "/benchmark/runs/{run}/progress/", ALL_200),
    Case("run csv", "GET", "/benchmark/runs/{run}/csv/", ALL_200),
    Case("city profile section", "GET", "/cities/helsinki-fi/", ALL_200),
    # A Helsinki member's run: private to Helsinki's administration (and coordinators).
    Case("private run detail", "GET", "/benchmark/runs/{private}/", PRIVATE),
    Case("private run progress", "GET", "/benchmark/runs/{private}/progress/", PRIVATE),
    Case("private run csv", "GET", "/benchmark/runs/{private}/csv/", PRIVATE),
    Case("private dashboard", "GET", "/benchmark/?run={private}", PRIVATE),
    Case(
        "run publish",
        "POST",
        "/benchmark/runs/{private}/publish/",
        outcome(LOGIN, 404, 403, 403, 403, 302),
        {"official": "true"},
    ),
    Case(
        "run withdraw",
        "POST",
        "/benchmark/runs/{run}/publish/",
        outcome(LOGIN, 403, 403, 403, 403, 302),
        {"official": "false"},
    ),
    Case(
        "run create", "POST", "/benchmark/runs/new/", outcome(LOGIN, 302, 302, 302, 302, 302), RUN
    ),
    Case(
        "run create uncertainty",
        "POST",
        "/benchmark/runs/new/",
        outcome(LOGIN, 302, 403, 302, 302, 302),
        MC_RUN,
    ),
]

API_CASES = [
    Case("api indicators", "GET", "/api/v1/indicators", ALL_200, json=True),
    Case("api indicator", "GET", "/api/v1/indicators/green", ALL_200, json=True),
    Case("api frameworks", "GET", "/api/v1/frameworks", ALL_200, json=True),
    Case("api framework", "GET", "/api/v1/frameworks/test-fw", ALL_200, json=True),
    Case(
        "api observations",
        "GET",
        "/api/v1/observations?indicator=green&city=FI001C",
        ALL_200,
        json=True,
    ),
    Case(
        "api import upload",
        "POST",
        "/api/v1/imports",
        outcome(401, 201, 403, 201, 201, 201),
        upload,
        multipart=True,
    ),
    Case(
        "api import preview",
        "GET",
        "/api/v1/imports/{batch}",
        outcome(401, 403, 403, 200, 403, 200),
        json=True,
    ),
    Case(
        "api import commit",
        "POST",
        "/api/v1/imports/{batch}/commit",
        outcome(401, 403, 403, 200, 403, 200),
        json=True,
    ),
    Case("api runs", "GET", "/api/v1/benchmark/runs", ALL_200, json=True),
    Case("api run", "GET", "/api/v1/benchmark/runs/{run}", ALL_200, json=True),
    Case(
        "api results",
        "GET",
        "/api/v1/benchmark/runs/{run}/results?city=helsinki-fi&node=green",
        ALL_200,
        json=True,
    ),
    Case("api csv", "GET", "/api/v1/benchmark/runs/{run}/csv", ALL_200, json=True),
    Case("api private run", "GET", "/api/v1/benchmark/runs/{private}", PRIVATE, json=True),
    Case(
        "api private results",
        "GET",
        "/api/v1/benchmark/runs/{private}/results",
        PRIVATE,
        json=True,
    ),
    Case("api private csv", "GET", "/api/v1/benchmark/runs/{private}/csv", PRIVATE, json=True),
    Case("api run report", "GET", "/api/v1/benchmark/runs/{run}/report", ALL_200, json=True),
    Case(
        "api private run report",
        "GET",
        "/api/v1/benchmark/runs/{private}/report",
        PRIVATE,
        json=True,
    ),
    Case(
        "api run publish",
        "POST",
        "/api/v1/benchmark/runs/{private}/publish",
        outcome(401, 404, 403, 403, 403, 200),
        {"official": True},
        json=True,
    ),
    Case(
        "api run withdraw",
        "POST",
        "/api/v1/benchmark/runs/{run}/publish",
        outcome(401, 403, 403, 403, 403, 200),
        {"official": False},
        json=True,
    ),
    Case(
        "api run create",
        "POST",
        "/api/v1/benchmark/runs",
        outcome(401, 201, 201, 201, 201, 201),
        RUN,
        json=True,
    ),
    Case(
        "api run create uncertainty",
        "POST",
        "/api/v1/benchmark/runs",
        outcome(401, 201, 403, 201, 201, 201),
        MC_RUN,
        json=True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", VIEW_CASES + API_CASES, ids=str)
def test_permission_matrix(case: Case, role: str, world: World, unchanged: Any) -> None:
    fw = make_data()
    run = bench_services.run_create(actor=None, framework=fw, year=2019, peer_group="bsr")
    bench_services.run_publish(actor=None, run=run)
    editor = world.users["editor"]
    assert editor is not None
    private = bench_services.run_create(
        actor=editor, framework=fw, year=2019, peer_group="bsr", window=3
    )
    batch = indicator_services.import_preview(
        actor=editor,
        filename="tidy.csv",
        content=TIDY.replace(b"pm25", b"air").replace(b"no2", b"green"),
    )
    url = case.url.format(run=run.pk, batch=batch.pk, private=private.pk)
    client = world.client(role)
    expected = case.expected[role]
    data = case.data() if callable(case.data) else case.data

    def call() -> Any:
        if case.multipart:
            return client.post(url, data)
        if case.json:
            return api(client, case.method, url, data)
        if case.method == "GET":
            return client.get(url)
        return client.post(url, data or {})

    refused = expected in (401, 403) or (expected == LOGIN and role == "anonymous")
    response = unchanged(call) if refused and case.method != "GET" else call()
    assert response.status_code == expected, (
        case.name,
        role,
        response.status_code,
        response.content[:300],
    )
    if role == "anonymous" and expected == LOGIN:
        assert response["Location"].startswith("/accounts/login/")
    if (case.json or case.multipart) and expected in (401, 403):
        body = response.json()
        assert body["detail"] and body["errors"] == []


def test_dashboard_offers_running_only_to_members(world: World) -> None:
    make_data()
    for role in ROLES:
        html = world.client(role).get("/benchmark/?framework=test-fw").content.decode()
        assert ("Run the benchmark" in html) == (role != "anonymous"), role
