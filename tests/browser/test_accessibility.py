"""WCAG 2.1 A/AA checks with axe-core on the main screens, and the log-in journey of a demo account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol: an injected inline <script> would be blocked by
    # the site's Content-Security-Policy (and reported, failing the journey).
    page.evaluate(AXE)
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    assert result["passes"], "axe did not run any check"
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cities/",
        "/cities/?q=atlantis",
        "/cities/tallinn-ee/",
        "/organisations/",
        "/organisations/city-of-helsinki/",
        "/accounts/login/",
        "/accounts/signup/",
    ],
)
def test_pages_have_no_wcag_violations(page: Any, world: World, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_logged_in_pages_have_no_wcag_violations(page: Any, world: World) -> None:
    log_in(page, "admin@helsinki.example")
    for url in [
        "/profile/",
        "/organisations/city-of-helsinki/members/",
        "/cities/helsinki-fi/edit/",
    ]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], url


def test_admin_logs_in_edits_the_city_and_sees_the_change(page: Any, world: World) -> None:
    log_in(page, "admin@helsinki.example")
    page.goto("/cities/helsinki-fi/")
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Description").fill("Helsinki shares its *winter cycling* lessons.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/cities/helsinki-fi/")
    assert page.get_by_text("The city profile was saved.").is_visible()
    assert page.locator(".prose em").inner_text() == "winter cycling"
    screenshot(page, "city-profile-edited")


def test_the_checker_catches_a_violation(page: Any, world: World) -> None:
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'x.png\\'>')"
    )
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
