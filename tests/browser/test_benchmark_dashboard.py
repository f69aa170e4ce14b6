"""Browser journeys of the benchmark: the dashboard on the real demo data (Eurostat + city panel),
picking a city, its charts and the map; the city profile section; an import with a preview.
Screenshots go to var/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World, data_unavailable

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
FIXTURES = Path(__file__).parents[1] / "indicators" / "fixtures"


def load_real_demo_data() -> None:
    from django.core.management.color import no_style

    from urbanforum.benchmark import demo as bench_demo
    from urbanforum.cities.registry import build_registry
    from urbanforum.cities.services import city_registry_load
    from urbanforum.core.datadir import data_path
    from urbanforum.indicators import demo

    if (
        data_path("eurostat-urb-percep", "urb_percep.tsv") is None
        or data_path("eu-city-panel-2000-2020", "metacityyear.csv.gz") is None
    ):
        data_unavailable("Eurostat urb_percep and the EU city panel (reference data folder)")
    city_registry_load(records=build_registry().records)
    out = io.StringIO()
    demo.load(stdout=out, style=no_style())
    bench_demo.load(stdout=out, style=no_style())


def test_dashboard_on_real_data_pick_a_city(page: Any, world: World) -> None:
    load_real_demo_data()
    page.goto("/benchmark/")
    # Without a choice: the official run, the one city profiles and mentor lists show too.
    assert "All cities with data" in page.get_by_test_id("run-meta").inner_text()
    assert page.get_by_test_id("benchmark-source").count() == 1
    page.goto("/benchmark/?peer_group=bsr")
    ranking = page.get_by_test_id("ranking")
    assert ranking.locator("tbody tr").count() >= 20  # the BSR cities with survey data
    assert "Baltic Sea Region" in page.get_by_test_id("run-meta").inner_text()
    # rank intervals from the demo's Monte Carlo run
    assert page.locator(".bench-ranking .rank-interval").count() >= 20

    page.get_by_label("City", exact=True).select_option(label="Tallinn (EE)")
    page.get_by_role("button", name="Show city").click()
    page.wait_for_url("**city=tallinn-ee**")
    assert page.locator("#profile-heading").inner_text().startswith("Tallinn: score")
    for chart in ("profile-chart", "why-chart", "distribution-chart"):
        page.wait_for_selector(f"[data-testid={chart}] svg", state="attached")
        assert page.get_by_test_id(chart).get_attribute("role") == "img"
    page.wait_for_selector(".citymap .leaflet-container path.leaflet-interactive", state="attached")
    assert page.locator(".citymap-legend").count() == 1
    assert page.locator(".bench-ranking tr.is-highlight").inner_text().find("Tallinn") >= 0
    screenshot(page, "benchmark-dashboard-tallinn")

    # why this score → a characteristic, then an indicator's distribution
    page.locator("#profile-table").get_by_role("link", name="Smart environment").click()
    page.wait_for_selector("[data-testid=why-chart] svg", state="attached")
    assert "Smart environment" in page.locator("#why-heading").inner_text()
    page.get_by_label("Indicator", exact=True).select_option(label="PM2.5 concentration")
    page.get_by_role("button", name="Show indicator").click()
    page.wait_for_selector("[data-testid=distribution-chart] svg", state="attached")
    assert "Smart environment" in page.locator("#why-heading").inner_text()  # kept
    screenshot(page, "benchmark-dashboard-why-environment")

    page.goto("/cities/tallinn-ee/")
    section = page.get_by_test_id("benchmark-section")
    assert "Index score" in section.inner_text()
    page.wait_for_selector("[data-testid=benchmark-section] .chart svg", state="attached")
    screenshot(page, "city-profile-tallinn-benchmark")


def test_import_preview_shows_row_errors_then_imports(page: Any, world: World) -> None:
    from urbanforum.indicators.models import Indicator, Observation

    Indicator.objects.create(code="pm25", name="PM2.5", unit="µg/m³", direction=-1)
    Indicator.objects.create(code="no2", name="NO2", unit="µg/m³", direction=-1)
    log_in(page, "editor@helsinki.example")
    page.goto("/indicators/imports/new/")
    page.get_by_label("File").set_input_files(str(FIXTURES / "tidy_bad.csv"))
    page.get_by_role("button", name="Preview").click()
    errors = page.get_by_test_id("import-errors")
    assert "'20x9' is not a year" in errors.inner_text()
    assert page.get_by_role("button", name="Import").count() == 0  # nothing to confirm
    screenshot(page, "indicators-import-preview-errors")

    page.goto("/indicators/imports/new/")
    page.get_by_label("File").set_input_files(str(FIXTURES / "tidy_good.csv"))
    page.get_by_role("button", name="Preview").click()
    assert Observation.objects.count() == 0
    page.get_by_role("button", name="Import 3 values").click()
    page.wait_for_selector("text=The file was imported.")
    assert Observation.objects.count() == 3
    screenshot(page, "indicators-import-done")
