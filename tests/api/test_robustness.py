"""Bad input gets a 4xx with the API's error body, never a 500; a database that is away is a 503
(docs/api-robustness.md). Each case below was a server error once (issue 12, point 7)."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.db.utils import InterfaceError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import World, api
from urbanforum.accounts.services import api_token_create
from urbanforum.challenges.models import Challenge
from urbanforum.impact.models import Measurement

pytestmark = pytest.mark.django_db


def error_body(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"], body
    return body


def token_client(world: World, role: str) -> Client:
    """A client with a fresh API token, used once (its first use is recorded: not a refusal's)."""
    key = api_token_create(actor=world.users[role], name="test").key
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/me").status_code == 200
    return client


# ----------------------------------------------------------------------------- page numbers
@pytest.mark.parametrize("page", [str(2**63 + 1), "-1", "0", "abc", "1e3", "1000001"])
def test_api_page_numbers_are_bounded(world: World, page: str) -> None:
    response = Client().get("/api/v1/challenges", {"page": page})
    assert response.status_code == 422
    assert error_body(response)["errors"][0]["field"] == "page"


def test_api_page_beyond_the_last_is_empty(world: World) -> None:
    response = Client().get("/api/v1/challenges", {"page": 1_000_000})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("page", [str(2**63 + 1), "-1", "abc", "99999999"])
def test_page_numbers_on_pages_give_a_valid_page(world: World, page: str) -> None:
    for url in ("/challenges/", "/cities/", "/practices/"):
        assert Client().get(url, {"page": page}).status_code == 200, url


# ----------------------------------------------------------------------------- NUL characters
def test_nul_in_a_query_string_is_refused(world: World) -> None:
    response = Client().get("/api/v1/challenges?search=a%00b")
    assert response.status_code == 422
    error_body(response)
    page = Client().get("/challenges/?q=a%00b")
    assert page.status_code == 422
    assert b"NUL" in page.content and b"urbanforum" in page.content  # the site's layout


def test_nul_in_a_json_body_names_the_field(world: World, unchanged: Any) -> None:
    client = token_client(world, "editor")
    body = {"owner_city": "helsinki-fi", "title": "Bad\x00title", "problem_statement": "x"}
    response = unchanged(lambda: api(client, "post", "/api/v1/challenges", body))
    assert response.status_code == 422
    assert [e["field"] for e in error_body(response)["errors"]] == ["title"]


def test_nul_in_a_form_body_of_the_api_is_refused(world: World) -> None:
    client = token_client(world, "coordinator")
    response = client.post(
        "/api/v1/imports",
        {"file": _csv_file(), "source": "bad\x00source"},
    )
    assert response.status_code == 422
    assert [e["field"] for e in error_body(response)["errors"]] == ["source"]


def test_nul_in_a_form_of_the_site_is_refused(world: World, unchanged: Any) -> None:
    client = world.client("editor")
    response = unchanged(
        lambda: client.post("/challenges/new/", {"title": "Bad\x00title", "problem_statement": "x"})
    )
    assert response.status_code == 422
    assert b"NUL" in response.content


def _csv_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.csv", b"city,indicator,year,value\n", content_type="text/csv")


# ----------------------------------------------------------------------------- null, empty
def test_empty_owner_city_is_a_field_error(world: World, unchanged: Any) -> None:
    client = token_client(world, "coordinator")
    body = {"owner_city": "", "title": "A title", "problem_statement": "A problem"}
    response = unchanged(lambda: api(client, "post", "/api/v1/challenges", body))
    assert response.status_code == 422
    assert error_body(response)["errors"][0]["field"] == "owner_city"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/organisations", {"name": "X", "kind": "ngo", "email_domains": False}, "email_domains"),
        ("/api/v1/organisations", {"name": "X", "kind": "ngo", "email_domains": [None]}, "email_domains"),
        ("/api/v1/benchmark/runs", {"framework": "x", "year": 2020, "peer_cities": False}, "peer_cities"),
        ("/api/v1/benchmark/runs", {"framework": "x", "year": 2**63}, "year"),
    ],
)  # fmt: skip
def test_wrong_types_in_lists_are_field_errors(
    world: World, unchanged: Any, url: str, body: dict[str, Any], field: str
) -> None:
    client = token_client(world, "coordinator")
    response = unchanged(lambda: api(client, "post", url, body))
    assert response.status_code == 422
    assert field in [e["field"] for e in error_body(response)["errors"]]


def test_null_in_text_fields_of_a_change_is_refused(world: World, unchanged: Any) -> None:
    client = token_client(world, "coordinator")
    created = api(
        client,
        "post",
        "/api/v1/challenges",
        {"owner_city": "helsinki-fi", "title": "Flooding", "problem_statement": "Rain"},
    )
    assert created.status_code == 201
    slug = created.json()["slug"]
    for field in ("title", "problem_statement", "context", "language"):
        response = unchanged(
            lambda field=field: api(client, "patch", f"/api/v1/challenges/{slug}", {field: None})
        )
        assert response.status_code == 422, (field, response.content)
        assert field in [e["field"] for e in error_body(response)["errors"]]
    assert Challenge.objects.get(slug=slug).title == "Flooding"


# ----------------------------------------------------------------------------- unreadable bodies
def test_malformed_json_is_a_400(world: World) -> None:
    client = token_client(world, "coordinator")
    response = client.post("/api/v1/challenges", "{not json", content_type="application/json")
    assert response.status_code == 400
    error_body(response)


def test_multipart_without_boundary_is_a_400(world: World) -> None:
    client = token_client(world, "coordinator")
    response = client.post("/api/v1/imports", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "boundary" in error_body(response)["detail"]
    page = Client().post("/accounts/login/", b"--x\r\n", content_type="multipart/form-data")
    assert page.status_code == 400


def test_oversize_body_and_query_string_are_bounded(world: World) -> None:
    client = token_client(world, "coordinator")
    big = json.dumps({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = client.post("/api/v1/challenges", big, content_type="application/json")
    assert response.status_code == 413
    error_body(response)
    response = Client().get("/api/v1/challenges?search=" + "x" * 9000)
    assert response.status_code == 414
    error_body(response)


# ----------------------------------------------------------------------------- non-finite numbers
@pytest.mark.parametrize("raw", ["1e400", "-1e400", "NaN", "Infinity", '"1e400"', '"NaN"'])
def test_non_finite_measurements_are_refused(world: World, pilot: Any, raw: str) -> None:
    client = token_client(world, "editor")
    body = '{"kpi": "Energy use", "date": "2026-03-01", "value": RAW}'.replace("RAW", raw)
    response = client.post(
        f"/api/v1/pilots/{pilot.slug}/measurements", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert error_body(response)["errors"][0]["field"] == "value"
    assert not Measurement.objects.exists()
    page = world.client("editor").get(f"/impact/{pilot.slug}/")
    assert page.status_code == 200


@pytest.mark.parametrize("value", ["1e400", "NaN", "inf"])
def test_non_finite_numbers_are_refused_by_the_form_and_the_import(
    world: World, pilot: Any, value: str
) -> None:
    client = world.client("editor")
    kpi = pilot.kpis.get()
    client.post(
        f"/impact/{pilot.slug}/measurements/",
        {"kpi": kpi.pk, "date": "2026-03-01", "value": value},
    )
    client.post(
        f"/impact/{pilot.slug}/measurements/import/",
        {"csv": f"kpi,date,value\nEnergy use,2026-03-02,{value}\n"},
    )
    assert not Measurement.objects.exists()


# ----------------------------------------------------------------------------- database away
@pytest.mark.parametrize("error", [OperationalError("database is locked"), InterfaceError("gone")])
def test_database_unavailable_is_a_503_json_on_the_api(world: World, error: Exception) -> None:
    with mock.patch("urbanforum.challenges.selectors.challenge_list", side_effect=error):
        response = Client(raise_request_exception=False).get("/api/v1/challenges")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    error_body(response)


def test_database_unavailable_is_a_503_page_in_the_site_layout(world: World) -> None:
    with mock.patch(
        "urbanforum.challenges.selectors.challenge_list",
        side_effect=OperationalError("database is locked"),
    ):
        response = Client(raise_request_exception=False).get("/challenges/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'class="site-header"' in html and "Temporarily unavailable" in html


def test_database_unavailable_in_a_middleware_is_a_503(world: World) -> None:
    """An error outside any view (here: reading the session) reaches the site's handler500."""
    client = world.client("member")
    away = OperationalError("server closed the connection unexpectedly")
    # the database session store, and the cached one that CI's Redis switches on (both read it)
    with (
        mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=away),
        mock.patch(
            "django.contrib.sessions.backends.cached_db.SessionStore.load", side_effect=away
        ),
    ):
        client.raise_request_exception = False
        response = client.get("/api/v1/me")
        page = client.get("/challenges/")
    assert response.status_code == 503 and page.status_code == 503
    error_body(response)


def test_connection_health_checks_are_on() -> None:
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


# ----------------------------------------------------------------------------- reading does not write
def test_reading_with_a_token_does_not_write(world: World) -> None:
    client = token_client(world, "member")  # its first use is recorded, once
    for url in ("/api/v1/me", "/api/v1/challenges", "/api/v1/organisations", "/api/v1/cities"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == [], (url, writes)
