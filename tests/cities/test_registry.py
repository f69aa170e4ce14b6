"""The real city registry: gazetteer joined with Eurostat codes and LAU/NUTS, idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import data_unavailable
from urbanforum.cities import registry
from urbanforum.cities.models import City
from urbanforum.cities.services import city_registry_load
from urbanforum.core.datadir import data_dir

EXPECTED = {
    # code: (name, country, NUTS 3, size class)
    "FI001C": ("Helsinki", "FI", "FI1B1", "large"),
    "FI005C": ("Espoo", "FI", "FI1B1", "large"),
    "FI003C": ("Turku", "FI", "FI1C1", "medium"),
    "EE001C": ("Tallinn", "EE", "EE001", "large"),
    "EE002C": ("Tartu", "EE", "EE008", "medium"),
    "LV001C": ("Rīga", "LV", "LV006", "large"),  # as Eurostat writes it, not the label
    "LT001C": ("Vilnius", "LT", "LT011", "large"),
    "SE001C": ("Stockholm", "SE", "SE110", "metropolitan"),
    "PL006C": ("Gdańsk", "PL", "PL633", "large"),
    "DE002C": ("Hamburg", "DE", "DE600", "metropolitan"),
}


@pytest.fixture(scope="module")
def report() -> registry.RegistryReport:
    if data_dir() is None:
        data_unavailable("the reference data folder (../shared/data)")
    return registry.build_registry()


@pytest.mark.django_db
def test_real_registry_joins_eurostat_codes_nuts_and_gazetteer(
    report: registry.RegistryReport,
) -> None:
    assert report.missing == []
    stats = city_registry_load(records=report.records)
    assert stats.created == stats.total > 2500
    for code, (name, country, nuts, size) in EXPECTED.items():
        city = City.objects.get(eurostat_code=code)
        assert (city.name, city.country, city.nuts_code, city.size_class) == (
            name,
            country,
            nuts,
            size,
        ), code
        assert city.is_bsr and city.geonames_id and city.population_year and city.latitude
    helsinki = City.objects.get(eurostat_code="FI001C")
    assert "Helsingfors" in helsinki.local_names
    assert 60.0 < helsinki.latitude < 60.4 and 24.7 < helsinki.longitude < 25.2
    assert City.objects.filter(eurostat_code="FR001C", is_bsr=False).exists()  # Paris: other Europe
    # Districts of a city are not cities of their own.
    for district in ("Lasnamäe", "East Helsinki", "Haaga", "Spandau", "Neukölln"):
        assert not City.objects.filter(name=district).exists(), district
    for town in ("Espoo", "Vantaa", "Solna", "Sopot", "Frederiksberg", "Potsdam"):
        assert City.objects.filter(name=town).exists(), town
    assert City.objects.filter(search_text__contains="tallinn").count() == 1


@pytest.mark.django_db
def test_loading_twice_changes_nothing(report: registry.RegistryReport) -> None:
    city_registry_load(records=report.records)
    City.objects.filter(eurostat_code="EE001C").update(description="Kept across reloads")
    stats = city_registry_load(records=report.records)
    assert (stats.created, stats.updated) == (0, 0)
    assert City.objects.get(eurostat_code="EE001C").description == "Kept across reloads"


@pytest.mark.django_db
def test_without_data_the_gazetteer_alone_loads_and_says_what_is_missing(monkeypatch: Any) -> None:
    monkeypatch.setattr(registry, "data_path", lambda *parts: None)
    report = registry.build_registry()
    assert any("Eurostat city codes" in m for m in report.missing)
    assert any("NUTS" in m for m in report.missing)
    city_registry_load(records=report.records)
    tallinn = City.objects.get(name="Tallinn", country="EE")
    assert tallinn.eurostat_code is None and tallinn.population and tallinn.latitude
    assert City.objects.filter(country="FR", population__gte=100_000).exists()
