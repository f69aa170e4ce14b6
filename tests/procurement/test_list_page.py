"""The procurement list: filters from the query string, the results fragment for htmx, the whole
page when htmx restores its history, and Vary: HX-Request so that caches keep them apart."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.procurement.conftest import Clock, build_tender

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


def test_fragment_for_htmx_whole_page_for_history_restore(world: World, clock: Clock) -> None:
    t = build_tender(world, clock)
    client = world.client("anonymous")
    page = client.get("/procurement/", {"q": "lighting"})
    fragment = client.get("/procurement/", {"q": "lighting"}, **HTMX)
    restored = client.get("/procurement/", {"q": "lighting"}, **RESTORE)
    for response in (page, fragment, restored):
        assert response.status_code == 200
        assert "HX-Request" in response["Vary"]
        assert t.procurement.title in response.content.decode()
    assert "<html" in page.content.decode() and "<html" in restored.content.decode()
    assert "<html" not in fragment.content.decode()
    assert 'value="lighting"' in page.content.decode()


def test_search_and_status_filter(world: World, clock: Clock) -> None:
    t = build_tender(world, clock)
    client = world.client("anonymous")
    assert t.procurement.title in client.get("/procurement/?status=published").content.decode()
    assert t.procurement.title not in client.get("/procurement/?status=awarded").content.decode()
    assert t.procurement.title not in client.get("/procurement/?q=nothing-like-it").content.decode()
