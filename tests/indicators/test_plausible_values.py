"""Values an indicator cannot take are refused by the import, row by row, in the reader's
language (QA: a population of -5 and an unemployment rate of 1e308 % went into a benchmark run)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tests.conftest import World
from urbanforum.indicators import services
from urbanforum.indicators.models import Indicator, Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db: Any) -> None:
    Indicator.objects.create(code="pop", name="Population", unit="inhabitants")
    Indicator.objects.create(code="unempl", name="Unemployment rate", unit="%", direction=-1)
    Indicator.objects.create(code="no2", name="NO2", unit="µg/m³", direction=-1)  # no bounds
    Indicator.objects.create(code="idx", name="An index", unit="index", minimum=-1, maximum=1)


def preview(world: World, csv: str) -> Any:
    return services.import_preview(
        actor=world.users["editor"], filename="values.csv", content=csv.encode()
    )


def test_implausible_values_are_refused_with_their_row_and_nothing_is_imported(
    world: World, catalogue: None
) -> None:
    batch = preview(
        world,
        "city,indicator,year,value\n"
        "helsinki-fi,pop,2020,-5\n"
        "helsinki-fi,unempl,2020,1e308\n"
        "helsinki-fi,unempl,2019,100.5\n"
        "helsinki-fi,no2,2020,-0.4\n"  # a modelled concentration may be slightly negative
        "helsinki-fi,idx,2020,1.5\n"
        "helsinki-fi,unempl,2018,6.5\n",
    )
    errors = {(e["row"], e["column"]): e["message"] for e in batch.report["errors"]}
    assert set(errors) == {(2, "value"), (3, "value"), (4, "value"), (6, "value")}
    assert errors[(2, "value")] == (
        "-5 is not a plausible value of Population: it cannot be below 0."
    )
    assert errors[(4, "value")].endswith("it lies between 0 and 100 (%).")
    assert "between -1 and 1" in errors[(6, "value")]  # the indicator's own bounds
    with pytest.raises(Exception, match="nothing was imported"):
        services.import_commit(actor=world.users["editor"], batch=batch)
    assert not Observation.objects.exists()


def test_the_refusal_speaks_the_readers_language(world: World, catalogue: None) -> None:
    with translation.override("fi"):
        batch = preview(world, "city,indicator,year,value\nhelsinki-fi,unempl,2020,100.5\n")
        (error,) = batch.report["errors"]
    assert error["row"] == 2 and "100,5" in error["message"]  # Finnish decimal comma
    assert "plausible" not in error["message"]


def test_values_within_the_range_are_imported(world: World, catalogue: None) -> None:
    batch = preview(
        world,
        "city,indicator,year,value\nhelsinki-fi,unempl,2020,0\nhelsinki-fi,unempl,2019,100\n"
        "helsinki-fi,pop,2020,656920\n",
    )
    assert batch.report["error_count"] == 0
    services.import_commit(actor=world.users["editor"], batch=batch)
    assert Observation.objects.count() == 3
