"""The knowledge-base screens in the browser (hashing embedder, fast): lists with facets, details,
forms, search with a saved search — each checked with axe-core (WCAG 2.1 A/AA) and photographed
into var/screenshots/kb-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.browser.test_accessibility import axe_violations
from tests.conftest import World
from tests.practices.kb import KB, build
from urbanforum.matching import index
from urbanforum.matching.models import SavedSearch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kb(world: World, settings: Any) -> Iterator[KB]:
    settings.URBANFORUM_EMBEDDER = "fake"
    index.invalidate()
    yield build(world)
    index.invalidate()


def test_public_screens(page: Any, kb: KB) -> None:
    screens = {
        "kb-practices": "/practices/?domain=mobility",
        "kb-practice": f"/practices/{kb.practice.slug}/",
        "kb-challenges": "/challenges/",
        "kb-challenge": f"/challenges/{kb.public.slug}/",
        "kb-solutions": "/marketplace/solutions/",
        "kb-solution": f"/marketplace/solutions/{kb.solution.slug}/",
        "kb-experts": "/marketplace/experts/",
        "kb-expert": f"/marketplace/experts/{kb.expert.slug}/",
        "kb-search": "/search/?q=snow+on+cycle+routes",
        "kb-search-empty": "/search/?q=zzzz+qqqq",
        "kb-city": "/cities/helsinki-fi/",
    }
    for name, url in screens.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], url
        screenshot(page, name)


def test_editor_forms_and_saved_search(page: Any, kb: KB) -> None:
    log_in(page, "editor@helsinki.example")
    for name, url in {
        "kb-practice-form": "/practices/new/",
        "kb-challenge-form": f"/challenges/{kb.public.slug}/edit/",
        "kb-challenge-owner": f"/challenges/{kb.public.slug}/",
    }.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], url
        screenshot(page, name)
    # facets in the list narrow the results without a page reload (htmx)
    page.goto("/practices/")
    page.get_by_label("Country").select_option("EE")
    page.wait_for_function("() => !document.body.innerText.includes('Winter cycling: snow')")
    assert "Free public transport" in page.locator("#results").inner_text()
    # save a search
    page.goto("/search/?q=winter+cycling")
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url("**/search/saved/")
    assert SavedSearch.objects.filter(query="winter cycling").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "kb-saved-searches")
