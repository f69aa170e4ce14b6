"""Browser journeys: Playwright (Python) driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import service_unavailable

CHROMIUM = "/usr/bin/chromium"
# CI (.ci/run) points URBANFORUM_SCREENSHOTS at a folder per database engine, kept as artefacts.
SCREENSHOTS = Path(
    os.environ.get("URBANFORUM_SCREENSHOTS")
    or Path(os.environ.get("URBANFORUM_VAR", "var")) / "screenshots"
)

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        service_unavailable(f"Chromium at {CHROMIUM} (scripts/system-deps.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Every journey is also a check of the Content-Security-Policy: nothing the site does may be
    # blocked by it (Chromium reports each blocked script, style or eval on the console).
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
    assert violations == [], f"blocked by the Content-Security-Policy: {violations}"


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page: Any, email: str, password: str = "a-Strong-password-1") -> None:
    # E-mail verification is mandatory: the person has confirmed their address.
    from allauth.account.models import EmailAddress

    from urbanforum.accounts.models import User

    user = User.objects.get(email=email)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def open_menu(page: Any, controls: str) -> None:
    """Open a menu of the header (`controls` = the id of the menu: nav-start, nav-account, …)."""
    button = page.locator(f'button[aria-controls="{controls}"]')
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    page.locator(f"#{controls}").wait_for(state="visible")


def log_out(page: Any) -> None:
    """Log out through the account menu."""
    open_menu(page, "nav-account")
    page.locator("#nav-account").get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


class ErrorWatch:
    """Records every page load and htmx request of the journey that answered 400 or more."""

    def __init__(self, page: Any) -> None:
        self.failures: list[str] = []
        page.on("response", self._on_response)

    def _on_response(self, response: Any) -> None:
        request = response.request
        kind = request.resource_type
        if response.status >= 400 and (request.is_navigation_request() or kind in ("xhr", "fetch")):
            self.failures.append(f"{response.status} {request.method} {response.url}")


@pytest.fixture
def journey(page: Any) -> Iterator[Any]:
    """The `page`, watched (the role journeys, tests/browser/journeys.py): the test fails if any
    navigation or htmx call met an error status."""
    watch = ErrorWatch(page)
    yield page
    assert watch.failures == [], f"error pages met on the journey: {watch.failures}"
