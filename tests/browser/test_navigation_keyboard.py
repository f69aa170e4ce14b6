"""The header's menus with the keyboard and on a phone: Tab reaches the step buttons, Enter opens a
menu, Tab walks into it, Escape closes it and gives the focus back; opening one closes the other;
at phone width the navigation folds behind a "Menu" button and the page does not scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page: Any) -> str:
    return str(
        page.evaluate(
            "() => document.activeElement.getAttribute('aria-controls')"
            " || document.activeElement.textContent.trim()"
        )
    )


def test_menus_with_the_keyboard(page: Any, world: World) -> None:
    log_in(page, "editor@helsinki.example")
    page.goto("/")
    start = page.locator('button[aria-controls="nav-start"]')
    menu = page.locator("#nav-start")
    assert menu.is_hidden()

    # Tab from the top of the page until the first step's button has the focus.
    for _ in range(10):
        page.keyboard.press("Tab")
        if _focused(page) == "nav-start":
            break
    assert _focused(page) == "nav-start"
    page.keyboard.press("Enter")
    assert start.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    screenshot(page, "nav-menu-open")

    page.keyboard.press("Tab")
    assert _focused(page) == "Cities"
    page.keyboard.press("Escape")
    assert start.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    assert _focused(page) == "nav-start"

    # One menu at a time; Enter on a link follows it.
    page.keyboard.press("Enter")
    action = page.locator('button[aria-controls="nav-action"]')
    action.click()
    assert start.get_attribute("aria-expanded") == "false"
    assert page.locator("#nav-action").is_visible()
    page.locator("#nav-action").get_by_role("link", name="Procurement").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/procurement/")
    assert (
        page.locator('button[aria-controls="nav-action"]').get_attribute("data-current") == "true"
    )

    # Clicking elsewhere closes an open menu.
    page.locator('button[aria-controls="nav-community"]').click()
    page.locator("main h1").first.click()
    assert page.locator("#nav-community").is_hidden()


def test_phone_width_folds_the_menu(browser: Any, live_server: Any, world: World) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto("/")
        toggle = page.get_by_role("button", name="Menu")
        assert toggle.is_visible()
        nav = page.get_by_role("navigation", name="Main")
        assert nav.is_hidden()
        header_height = page.locator(".site-header").bounding_box()["height"]
        assert header_height < 740 * 0.15, header_height  # no longer 40 % of a phone screen
        toggle.click()
        assert nav.is_visible()
        nav.get_by_role("button", name="2 Challenges").click()
        assert nav.get_by_role("link", name="Challenges").is_visible()
        screenshot(page, "nav-phone-open")
        page.keyboard.press("Escape")  # closes the group
        page.keyboard.press("Escape")  # then the menu
        assert nav.is_hidden()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert errors == []
    finally:
        context.close()
