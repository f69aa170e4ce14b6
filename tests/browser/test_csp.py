"""The Content-Security-Policy in a real browser: the language switcher (its handler moved from an
inline onchange to static/js/site.js) works, the API's documentation page loads, and an inline
script — what an injection would be — is blocked and reported (which the `page` fixture of every
journey watches for)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_language_switcher_runs_under_the_policy(page: Any, world: World) -> None:
    page.goto("/organisations/")
    page.locator("#language-select").select_option("fi")
    page.wait_for_function("document.documentElement.lang === 'fi'")


def test_the_api_docs_run_under_the_policy(page: Any, world: World) -> None:
    page.goto("/api/v1/docs")
    page.wait_for_selector("#swagger-ui .information-container", state="attached", timeout=30_000)


def test_an_injected_inline_script_is_blocked(browser: Any, live_server: Any, world: World) -> None:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    reports: list[str] = []
    page.on("console", lambda msg: reports.append(msg.text))
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true'; document.head.appendChild(s); }"""
    )
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in text for text in reports)
    context.close()
