"""The Baltic Sea Region is the Interreg Baltic Sea Region programme area 2021–2027, not whole
countries: Munich is out, Hamburg, Rostock and Kiel are in (docs/smart-city-profile.md)."""

from __future__ import annotations

import pytest

from tests.conftest import data_unavailable
from urbanforum.cities import registry
from urbanforum.cities.bsr import in_programme_area
from urbanforum.cities.models import City
from urbanforum.cities.services import city_registry_load
from urbanforum.core.datadir import data_dir


@pytest.mark.parametrize(
    ("country", "nuts", "inside"),
    [
        ("DE", "DE212", False),  # München
        ("DE", "DE929", False),  # Region Hannover: Niedersachsen but not Lüneburg
        ("DE", "DEA23", False),  # Köln
        ("DE", "DE600", True),  # Hamburg
        ("DE", "DE803", True),  # Rostock
        ("DE", "DEF02", True),  # Kiel
        ("DE", "DE300", True),  # Berlin
        ("DE", "DE404", True),  # Potsdam (Brandenburg)
        ("DE", "DE501", True),  # Bremen
        ("DE", "DE935", True),  # Lüneburg
        ("DE", "", False),  # a German city with no NUTS region is not guessed in
        ("NO", "NO081", True),  # Oslo
        ("NO", "NO0A2", True),  # Bergen
        ("NO", "NO074", False),  # Tromsø: Nord-Norge is not in the programme area
        ("EE", "", True),  # whole countries need no NUTS region
        ("PL", "PL213", True),  # Kraków: all of Poland
        ("IS", "IS001", False),
        ("FR", "FR101", False),
    ],
)
def test_programme_area(country: str, nuts: str, inside: bool) -> None:
    assert in_programme_area(country, nuts) is inside


@pytest.mark.django_db
def test_registry_places_german_cities_by_land() -> None:
    if data_dir() is None:
        data_unavailable("the reference data folder (../shared/data)")
    city_registry_load(records=registry.build_registry().records)
    bsr = dict(City.objects.filter(country="DE").values_list("eurostat_code", "is_bsr"))
    munich = City.objects.get(eurostat_code="DE003C")
    assert (munich.nuts_code, munich.is_bsr) == ("DE212", False)
    for name, nuts in (("Hamburg", "DE600"), ("Rostock", "DE803"), ("Kiel", "DEF02")):
        city = City.objects.get(name=name, country="DE")
        assert (city.nuts_code, city.is_bsr) == (nuts, True), name
    # Most German Urban Audit cities are outside the northern Länder.
    assert sum(bsr.values()) < len(bsr) / 2
    assert City.objects.filter(country="EE", is_bsr=False).count() == 0
