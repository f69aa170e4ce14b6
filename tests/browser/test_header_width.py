"""The header is one line at 1280 px wide — logged in or not, in every language of the site —
and still folds behind "Menu" on a phone (tests/browser/test_navigation_keyboard.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The header's parts that must share one line: the brand, the bar's entries, the bell, the
# account menu's button and the language selector.
PARTS = (
    ".brand, .nav-bar > li > a, .nav-bar > li > button, .notification-bell, "
    ".nav-group-end > button, .user-nav > a, .language-form select"
)


def _lines(page: Any) -> list[tuple[str, float]]:
    """The (text, vertical centre) of each visible part of the header."""
    return [
        (str(text), float(centre))
        for text, centre in page.evaluate(
            """sel => Array.from(document.querySelectorAll(sel))
                .filter(e => e.offsetParent !== null)
                .map(e => { const r = e.getBoundingClientRect();
                            return [e.textContent.trim().slice(0, 30), r.top + r.height / 2]; })""",
            PARTS,
        )
    ]


def _one_line(page: Any) -> None:
    parts = _lines(page)
    assert len(parts) >= 9, parts
    centres = [c for _t, c in parts]
    assert max(centres) - min(centres) < 8, parts  # one line: every part centred alike
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_one_line_at_1280_in_every_language(page: Any, world: World) -> None:
    editor = world.users["editor"]
    assert editor is not None
    editor.full_name = "Aleksandra Kowalczyk-Wiśniewska"
    editor.save()
    page.goto("/")
    _one_line(page)  # anonymous: Log in, Sign up
    log_in(page, editor.email)
    for code, _name in settings.LANGUAGES:
        editor.preferred_language = code
        editor.save()
        page.goto("/")
        page.wait_for_selector(f'html[lang="{code}"]')
        screenshot(page, f"header-1280-{code}")
        _one_line(page)
