"""The pilot list through the one list recipe: htmx fragment, whole page on history restore."""

from __future__ import annotations

import pytest

from tests.conftest import World
from urbanforum.impact.models import Pilot

pytestmark = pytest.mark.django_db


def test_fragment_for_htmx_whole_page_for_history_restore(world: World, pilot: Pilot) -> None:
    client = world.client("anonymous")
    fragment = client.get("/impact/", {"q": "lighting"}, HTTP_HX_REQUEST="true")
    restored = client.get(
        "/impact/",
        {"q": "lighting"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in restored["Vary"]
    assert pilot.title in fragment.content.decode() and pilot.title in restored.content.decode()
    assert "<html" not in fragment.content.decode() and "<html" in restored.content.decode()
    assert pilot.title not in client.get("/impact/?q=nothing-like-it").content.decode()
