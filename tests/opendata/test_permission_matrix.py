"""Permission matrix of open data: everything is public; only coordinators may ask for the dumps
to be regenerated now (and a refusal changes nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROLES, World, api, outcome
from urbanforum.core.models import AuditEvent
from urbanforum.opendata import store

pytestmark = pytest.mark.django_db
LOGIN = 302
PUBLIC = outcome(200, 200, 200, 200, 200, 200)

CASES: list[tuple[str, str, str, dict[str, int], bool]] = [
    ("page", "GET", "/opendata/", PUBLIC, False),
    ("catalogue", "GET", "/opendata/catalog", PUBLIC, False),
    ("turtle", "GET", "/opendata/catalog.ttl", PUBLIC, False),
    ("json-ld", "GET", "/opendata/catalog.jsonld", PUBLIC, False),
    ("file", "GET", "/opendata/files/cities.csv", PUBLIC, False),
    ("columns", "GET", "/opendata/files/cities.csv-metadata.json", PUBLIC, False),
    ("dataset", "GET", "/opendata/datasets/cities", outcome(302, 302, 302, 302, 302, 302), False),
    ("regenerate", "POST", "/opendata/regenerate/", outcome(LOGIN, 403, 403, 403, 403, 302), False),
    ("api datasets", "GET", "/api/v1/opendata/datasets", PUBLIC, True),
    ("api dataset", "GET", "/api/v1/opendata/datasets/cities", PUBLIC, True),
    ("api catalogue", "GET", "/api/v1/opendata/catalog", PUBLIC, True),
    (
        "api regenerate",
        "POST",
        "/api/v1/opendata/regenerate",
        outcome(401, 403, 403, 403, 403, 202),
        True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(case: Any, role: str, world: World, dumps: Path, unchanged: Any) -> None:
    _name, method, url, expected, is_api = case
    client = world.client(role)

    def call() -> Any:
        if is_api:
            return api(client, method, url, {} if method == "POST" else None)
        return getattr(client, method.lower())(url)

    code = expected[role]
    refused = code in (401, 403) or (code == LOGIN and role == "anonymous" and method == "POST")
    response = unchanged(call) if refused or method == "GET" else call()
    assert response.status_code == code, (role, url, response.status_code)
    if method == "POST" and not refused:
        assert AuditEvent.objects.filter(action="opendata.regenerate").count() == 1
    if refused:
        assert not AuditEvent.objects.filter(action="opendata.regenerate").exists()


def test_the_page_lists_every_dataset_with_its_downloads_in_the_visitors_language(
    world: World, dumps: Path
) -> None:
    page = world.client("anonymous").get("/opendata/", HTTP_ACCEPT_LANGUAGE="fi")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kaupunkirekisteri" in html and "Hyvät käytännöt" in html
    manifest = store.read_manifest(store.current())  # type: ignore[arg-type]
    for name in store.names(manifest):
        if not name.endswith("-metadata.json"):
            assert f"/opendata/files/{name}" in html
    assert "Regenerate now" not in html
    coordinator = world.client("coordinator").get("/opendata/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Regenerate now" in coordinator.content.decode()


def test_downloads_serve_exactly_the_catalogued_bytes(world: World, dumps: Path) -> None:
    import hashlib

    client = world.client("anonymous")
    client.get("/opendata/")
    manifest = store.read_manifest(store.current())  # type: ignore[arg-type]
    for ds in manifest["datasets"]:
        for d in ds["distributions"]:
            response = client.get(f"/opendata/files/{d['name']}")
            body = b"".join(response.streaming_content)
            assert response["Content-Type"].startswith(d["media_type"])
            assert len(body) == d["size"]
            assert hashlib.sha256(body).hexdigest() == d["sha256"]
    assert client.get("/opendata/files/manifest.json").status_code == 404
    assert client.get("/opendata/files/..%2Fmanifest.json").status_code == 404
    assert client.get("/opendata/files/nothing.csv").status_code == 404
    assert client.get("/opendata/datasets/nothing").status_code == 404
    assert client.get("/api/v1/opendata/datasets/nothing").status_code == 404


@pytest.mark.parametrize(
    ("accept", "kind"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/ld+json"),
        ("text/html,application/xhtml+xml", "redirect"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("", "text/turtle"),
        ("*/*", "text/turtle"),
    ],
)
def test_catalogue_content_negotiation(world: World, dumps: Path, accept: str, kind: str) -> None:
    response = world.client("anonymous").get("/opendata/catalog", HTTP_ACCEPT=accept)
    assert "Accept" in [v.strip() for v in response["Vary"].split(",")]
    if kind == "redirect":
        assert response.status_code == 302 and response["Location"] == "/opendata/"
    else:
        assert response.status_code == 200
        assert response["Content-Type"].startswith(kind)


def test_a_coordinator_regenerates_now(
    world: World, dumps: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("coordinator")
    client.get("/opendata/")
    before = store.current()
    with django_capture_on_commit_callbacks(execute=True):
        response = api(client, "POST", "/api/v1/opendata/regenerate", {})
    assert response.status_code == 202 and response.json() == {"status": "queued"}
    assert store.current() not in (None, before)
