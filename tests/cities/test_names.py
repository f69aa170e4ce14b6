"""City names and addresses: names as the sources write them, transliterated slugs, old
addresses that redirect, and cities found by any name the registry knows."""

from __future__ import annotations

import importlib
from typing import Any

import pandas as pd
import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from tests.conftest import World, api, data_unavailable
from urbanforum.cities.lookup import resolve_cities
from urbanforum.cities.models import City, CitySlugAlias
from urbanforum.cities.registry import CityRecord, _assign_slugs, _split_names, city_names
from urbanforum.cities.services import city_registry_load, find_or_create_city
from urbanforum.core.datadir import data_path

ROLES = ["anonymous", "member", "editor", "admin", "other", "coordinator"]

# Real rows of eu-city-panel-2000-2020/metadata.csv.gz: (URAU_NAME, LABEL) → the name shown
# and the other names.
REAL_ROWS = [
    ("Frankfurt am Main", "Frankfurt Am Main", "Frankfurt am Main", []),
    ("Mülheim a.d.Ruhr", "Mülheim A.d.ruhr", "Mülheim a.d.Ruhr", []),
    ("Halle an der Saale", "Halle An Der Saale", "Halle an der Saale", []),
    ("'s-Hertogenbosch", "S-Hertogenbosch", "'s-Hertogenbosch", []),
    ("Reggio nell'Emilia", "Reggio Nell'emilia", "Reggio nell'Emilia", []),
    ("Frankfurt (Oder)", "Frankfurt", "Frankfurt (Oder)", []),
    ("Puerto de Santa María, El", "El Puerto De Santa María", "El Puerto de Santa María",
     ["Puerto de Santa María, El"]),
    ("Castellón de la Plana/Castelló de la Plana", "Castell<F3> De La Plana",
     "Castellón de la Plana", ["Castelló de la Plana"]),
    ("San Vicente del Raspeig/Sant Vicent del Raspeig",
     "San Vicente Del Raspeig/Sant Vicent Del Raspeig", "San Vicente del Raspeig",
     ["Sant Vicent del Raspeig"]),
    ("Helsinki/Helsingfors", "Helsinki", "Helsinki", ["Helsingfors"]),
    ("Rīga", "Riga", "Rīga", []),
    ("Łódź", "Łódź", "Łódź", []),
    ("Warszawa", "Warsaw", "Warsaw", ["Warszawa"]),
    ("København", "Copenhagen", "Copenhagen", ["København"]),
    ("North Lanarkshire (Airdrie/Bellshill/Coatbridge/Motherwell)", "North Lanarkshire",
     "North Lanarkshire (Airdrie/Bellshill/Coatbridge/Motherwell)", []),
]  # fmt: skip


@pytest.mark.parametrize(("official", "label", "name", "others"), REAL_ROWS)
def test_names_as_the_source_writes_them(
    official: str, label: str, name: str, others: list[str]
) -> None:
    assert city_names(official, label) == (name, others)


def test_no_registry_name_is_machine_capitalised() -> None:
    """Over the whole panel: a name is the label only where the label is another word (an
    exonym); a label that only capitalises the official name never wins."""
    path = data_path("eu-city-panel-2000-2020", "metadata.csv.gz")
    if path is None:
        data_unavailable("eu-city-panel-2000-2020")
    meta = pd.read_csv(path, usecols=["URAU_NAME", "LABEL"])
    for official, label in meta.itertuples(index=False):
        name, _others = city_names(official, label)
        lowered = {n.lower() for n in _split_names(official)}
        if name.lower() in lowered:
            assert name in _split_names(official), (official, label, name)
        assert "<" not in name, (official, label)


def test_registry_slugs_are_transliterated() -> None:
    recs = [
        CityRecord(name="Łódź", country="PL", latitude=None, longitude=None),
        CityRecord(name="Tromsø", country="NO", latitude=None, longitude=None),
    ]
    _assign_slugs(recs)
    assert [r.slug for r in recs] == ["lodz-pl", "tromso-no"]


def _reslug_module() -> Any:
    return importlib.import_module("urbanforum.cities.migrations.0004_reslug_lost_letters")


def test_migration_reslugs_cities_that_lost_letters_and_keeps_the_old_address(
    world: World,
) -> None:
    lodz = City.objects.create(name="Łódź", slug="odz-pl", country="PL", eurostat_code="PL002C")
    namesake = City.objects.create(name="Łódź", slug="odz-pl-2", country="PL")
    aero = City.objects.create(name="Ærø", slug="r-dk", country="DK")
    kept = City.objects.create(name="Gdańsk", slug="gdansk-pl", country="PL")
    _reslug_module().reslug(django_apps, None)
    for city, slug in ((lodz, "lodz-pl"), (namesake, "lodz-pl-2"), (aero, "aero-dk")):
        city.refresh_from_db()
        assert city.slug == slug
    kept.refresh_from_db()
    assert kept.slug == "gdansk-pl"
    assert world.city.slug == City.objects.get(pk=world.city.pk).slug  # Helsinki untouched
    assert dict(CitySlugAlias.objects.values_list("slug", "city__slug")) == {
        "odz-pl": "lodz-pl",
        "odz-pl-2": "lodz-pl-2",
        "r-dk": "aero-dk",
    }
    _reslug_module().unslug(django_apps, None)
    lodz.refresh_from_db()
    assert lodz.slug == "odz-pl" and not CitySlugAlias.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_an_old_address_redirects_permanently_for_every_role(world: World, role: str) -> None:
    lodz = City.objects.create(name="Łódź", slug="lodz-pl", country="PL", eurostat_code="PL002C")
    CitySlugAlias.objects.create(slug="odz-pl", city=lodz)
    client = world.client(role)
    response = client.get("/cities/odz-pl/")
    assert response.status_code == 301 and response["Location"] == "/cities/lodz-pl/"
    assert client.get("/cities/lodz-pl/").status_code == 200
    body = api(client, "GET", "/api/v1/cities/odz-pl").json()
    assert (body["slug"], body["name"]) == ("lodz-pl", "Łódź")
    edit = client.get("/cities/odz-pl/edit/")
    if role == "anonymous":
        assert edit.status_code == 302 and "/accounts/login/" in edit["Location"]
    else:
        assert edit.status_code == 301 and edit["Location"] == "/cities/lodz-pl/edit/"
    assert client.get("/cities/no-such-town/").status_code == 404


def test_registry_reload_moves_a_city_to_its_new_address(world: World) -> None:
    rec = CityRecord(
        name="Frankfurt (Oder)", country="DE", latitude=52.3, longitude=14.5, eurostat_code="DE027C"
    )
    City.objects.create(name="Frankfurt", slug="frankfurt-de", country="DE", eurostat_code="DE027C")
    _assign_slugs([rec])
    stats = city_registry_load(records=[rec])
    city = City.objects.get(eurostat_code="DE027C")
    assert (city.name, city.slug, stats.moved) == ("Frankfurt (Oder)", "frankfurt-oder-de", 1)
    assert CitySlugAlias.objects.get(slug="frankfurt-de").city == city
    again = city_registry_load(records=[rec])
    assert (again.updated, again.moved) == (0, 0)


def test_resolver_finds_local_names_and_spellings(world: World) -> None:
    lodz = City.objects.create(name="Łódź", slug="lodz-pl", country="PL", population=670_000)
    CitySlugAlias.objects.create(slug="odz-pl", city=lodz)
    got = resolve_cities(
        ["Helsingfors", "HELSINGFORS", "helsinki", "Lodz", "odz-pl", "fi001c", "Atlantis"]
    )
    assert (got["Helsingfors"].pk, got["Helsingfors"].matched) == (world.city.pk, "local name")
    assert got["HELSINGFORS"].pk == got["helsinki"].pk == got["fi001c"].pk == world.city.pk
    assert (got["Lodz"].pk, got["Lodz"].name, got["Lodz"].matched) == (lodz.pk, "Łódź", "name")
    assert (got["odz-pl"].pk, got["odz-pl"].matched) == (lodz.pk, "slug")
    assert got["Atlantis"].pk is None and not got["Atlantis"].ambiguous
    assert "Unknown city 'Atlantis'" in got["Atlantis"].error()


def test_an_ambiguous_name_is_an_error_naming_the_candidates(world: World) -> None:
    City.objects.create(
        name="Frankfurt am Main",
        slug="frankfurt-am-main-de",
        country="DE",
        eurostat_code="DE005C",
        local_names=["Frankfurt"],
        population=750_000,
    )
    City.objects.create(name="Frankfurt (Oder)", slug="frankfurt-oder-de", country="DE",
                        eurostat_code="DE027C", local_names=["Frankfurt"], population=57_000)  # fmt: skip
    match = resolve_cities(["frankfurt"])["frankfurt"]
    assert match.ambiguous and [c.eurostat_code for c in match.candidates] == ["DE005C", "DE027C"]
    assert match.error() == (
        "'frankfurt' names several cities: Frankfurt am Main (DE, DE005C); "
        "Frankfurt (Oder) (DE, DE027C). Use the Eurostat code or the slug."
    )
    with pytest.raises(ValidationError) as exc:
        find_or_create_city("Frankfurt", "DE")
    assert "Frankfurt (Oder) (DE, DE027C)" in str(exc.value)
    assert find_or_create_city("Frankfurt am Main", "DE").eurostat_code == "DE005C"


def test_find_or_create_city_uses_local_names_and_transliterates_new_slugs(world: World) -> None:
    assert find_or_create_city("Helsingfors", "FI") == world.city
    created: list[City] = []
    city = find_or_create_city("Łódź", "PL", created)
    assert (city.slug, created) == ("lodz-pl", [city])
    assert find_or_create_city("lodz", "PL") == city


@pytest.mark.parametrize("role", ROLES)
def test_city_search_finds_local_names_without_accents_for_every_role(
    world: World, role: str
) -> None:
    City.objects.create(name="Łódź", slug="lodz-pl", country="PL", population=670_000)
    client = world.client(role)
    for term, name in (("helsingfors", "Helsinki"), ("Lodz", "Łódź"), ("ŁÓDŹ", "Łódź")):
        items = api(client, "GET", f"/api/v1/cities?search={term}").json()["items"]
        assert [c["name"] for c in items] == [name]
    page = client.get("/cities/?q=Helsingfors").content.decode()
    assert 'href="/cities/helsinki-fi/"' in page and "Helsingfors" in page
    assert 'href="/cities/tallinn-ee/"' not in page
    page = client.get("/cities/?q=lodz").content.decode()
    assert 'href="/cities/lodz-pl/">Łódź</a>' in page
