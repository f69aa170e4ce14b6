"""A new visitor finds Tallinn: home → cities → search "Tallinn" → profile with population and map."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_to_tallinn_profile(page: Any, world: World) -> None:
    page.goto("/")
    assert (
        "Cities learn from each other" in page.title()
        or page.get_by_role("heading", level=1).is_visible()
    )
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="1 Start").click()
    nav.get_by_role("link", name="Cities").click()
    page.wait_for_url("**/cities/")
    page.get_by_label("Name or Eurostat code").fill("Tallinn")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Tallinn", exact=True).click()
    page.wait_for_url("**/cities/tallinn-ee/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tallinn")
    assert "438,341" in page.get_by_test_id("population").inner_text()
    # The offline map draws the country outlines and the city marker (no tile server).
    page.wait_for_selector(".citymap .leaflet-container path.leaflet-interactive", state="attached")
    assert page.locator(".citymap .leaflet-tile").count() == 0
    screenshot(page, "city-profile-tallinn")


def test_keyboard_user_can_skip_to_content(page: Any, world: World) -> None:
    page.goto("/cities/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to content" in focused
