"""Issue 12: there was no Content-Security-Policy. Now every response carries a strict one, and the
templates hold nothing it would block: no inline script, no inline event handler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import World

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "src" / "urbanforum" / "templates"


def _directives(header: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/admin/login/", "/api/v1/health", "/no-such-page/"]
)
def test_every_response_has_a_strict_policy(world: World, url: str) -> None:
    response = Client().get(url)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["default-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in " ".join(v for k, v in policy.items() if k != "style-src-attr")


def test_a_logged_in_page_has_it_too(world: World) -> None:
    response = world.client("member").get("/profile/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_templates_hold_no_inline_script_and_no_inline_handler() -> None:
    offending = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in _SCRIPT.finditer(text):
            attributes = match.group(1)
            if "src=" not in attributes and "application/json" not in attributes:
                offending.append(f"{path.relative_to(ROOT)}: inline <script{attributes}>")
        for match in _HANDLER.finditer(text):
            offending.append(f"{path.relative_to(ROOT)}: inline handler {match.group(0)[-20:]}")
        if "javascript:" in text:
            offending.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert offending == []


def test_the_language_switcher_works_without_an_inline_handler(world: World) -> None:
    html = Client().get("/").content.decode()
    assert "data-autosubmit" in html and "onchange" not in html
    assert "/static/js/site.js" in html
