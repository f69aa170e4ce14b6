"""The open-data page in a browser: no WCAG 2.1 A/AA violation, the data dictionary opens, the
catalogue link answers Turtle, and a coordinator regenerates the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.browser.test_accessibility import axe_violations
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dumps(settings: Any, tmp_path: Path) -> Path:
    settings.URBANFORUM_OPENDATA_DIR = str(tmp_path / "opendata")
    return tmp_path / "opendata"


def test_open_data_page(page: Any, world: World, dumps: Path) -> None:
    page.goto("/opendata/")
    assert page.get_by_role("heading", name="City registry").is_visible()
    page.get_by_text("Columns (data dictionary)").first.click()
    assert page.get_by_role("cell", name="eurostat_code").first.is_visible()
    assert axe_violations(page) == []
    screenshot(page, "opendata")
    turtle = page.request.get("/opendata/catalog.ttl")
    assert turtle.ok and turtle.headers["content-type"].startswith("text/turtle")
    assert "dcat:Catalog" in turtle.text()

    log_in(page, "coordinator@network.example")
    page.goto("/opendata/")
    page.get_by_role("button", name="Regenerate now").click()
    page.wait_for_url("**/opendata/")
    assert page.get_by_text("The open data will be regenerated in the background.").is_visible()
