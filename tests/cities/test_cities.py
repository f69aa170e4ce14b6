"""The city directory, profile and API."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, api
from urbanforum.cities.models import City, SizeClass, size_class_for


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (None, "small"),
        (49_999, "small"),
        (50_000, "medium"),
        (249_999, "medium"),
        (250_000, "large"),
        (1_000_000, "large"),
        (1_000_001, "metropolitan"),
    ],
)
def test_size_class_boundaries(population: int | None, expected: str) -> None:
    assert size_class_for(population) == SizeClass(expected)


def test_api_search_finds_tallinn(world: World) -> None:
    body = api(world.client("anonymous"), "GET", "/api/v1/cities?search=tallinn").json()
    assert body["count"] == 1
    city = body["items"][0]
    assert (
        city["name"],
        city["country"],
        city["eurostat_code"],
        city["population"],
        city["size_class"],
    ) == ("Tallinn", "EE", "EE001C", 438_341, "large")
    assert city["latitude"] == pytest.approx(59.44)


def test_search_by_local_name_and_without_accents(world: World) -> None:
    City.objects.create(name="Gdańsk", slug="gdansk-pl", country="PL", population=470_000)
    client = world.client("anonymous")
    assert [
        c["name"] for c in api(client, "GET", "/api/v1/cities?search=helsingfors").json()["items"]
    ] == ["Helsinki"]
    assert [
        c["name"] for c in api(client, "GET", "/api/v1/cities?search=gdansk").json()["items"]
    ] == ["Gdańsk"]


def test_filters_and_pagination(world: World) -> None:
    for i in range(30):
        City.objects.create(
            name=f"Town {i:02}", slug=f"town-{i}", country="FI", population=10_000 + i
        )
    client = world.client("anonymous")
    body = api(client, "GET", "/api/v1/cities?country=FI&size=small&page=2&page_size=20").json()
    assert (body["count"], body["page"], body["pages"], len(body["items"])) == (30, 2, 2, 10)
    assert body["items"][0]["name"] == "Town 20"
    assert api(client, "GET", "/api/v1/cities?country=EE").json()["count"] == 1
    html = client.get("/cities/?country=FI&size=small&page=2").content.decode()
    assert "Town 29" in html and "Town 00" not in html and "Page 2 of 2" in html


def test_unknown_city_code_gets_a_clear_404(world: World) -> None:
    response = api(world.client("anonymous"), "GET", "/api/v1/cities/ZZ999C")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Unknown city code 'ZZ999C': no city has this Eurostat code, slug or id.",
        "errors": [],
    }


def test_invalid_query_parameter_names_the_field(world: World) -> None:
    response = api(world.client("anonymous"), "GET", "/api/v1/cities?page=0")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page"


def test_city_patch_refuses_registry_fields(world: World, unchanged: Any) -> None:
    response = unchanged(
        lambda: api(world.client("editor"), "PATCH", "/api/v1/cities/FI001C", {"population": 1})
    )
    # population is not in the patch schema: nothing changes, the known fields are kept
    assert response.status_code == 200
    assert City.objects.get(eurostat_code="FI001C").population == 656_920


def test_city_profile_page_shows_population_and_map(world: World) -> None:
    html = world.client("anonymous").get("/cities/tallinn-ee/").content.decode()
    assert "438,341" in html and "(2020)" in html
    assert "data-citymap" in html and '"lat": 59.44' in html


def test_city_directory_htmx_returns_the_results_fragment(world: World) -> None:
    response = world.client("anonymous").get("/cities/?q=tall", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Tallinn" in html and "<html" not in html


def test_empty_result_explains_what_to_do(world: World) -> None:
    html = world.client("anonymous").get("/cities/?q=atlantis").content.decode()
    assert "No city matches" in html


def test_city_directory_history_restore_gets_the_whole_page(world: World) -> None:
    client = world.client("anonymous")
    restored = client.get(
        "/cities/?q=tall", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    html = restored.content.decode()
    assert "<html" in html and "Tallinn" in html and "City directory" in html
    fragment = client.get("/cities/?q=tall", HTTP_HX_REQUEST="true")
    for response in (restored, fragment, client.get("/cities/")):
        assert "HX-Request" in {v.strip() for v in response["Vary"].split(",")}
