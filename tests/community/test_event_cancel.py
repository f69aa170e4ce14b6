"""Cancelling an event needs a reason; the page shows it and the people registered or waiting are
told (tests/notifications/test_links.py checks who receives what)."""

from __future__ import annotations

from typing import Any

from tests.community.conftest import Community, u
from tests.conftest import api
from urbanforum.community import services


def test_no_reason_no_cancel(community: Community, unchanged: Any) -> None:
    client = community.world.client("editor")
    url = f"/api/v1/events/{community.event.slug}/cancel"
    response = unchanged(lambda: api(client, "POST", url, {"reason": "  "}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    page = unchanged(lambda: client.post(f"/community/events/{community.event.slug}/cancel/"))
    assert page.status_code == 302  # back to the event, with the error as a message


def test_the_reason_is_kept_and_shown(community: Community) -> None:
    world = community.world
    services.event_register(actor=u(world, "member"), event=community.event)
    response = api(
        world.client("editor"),
        "POST",
        f"/api/v1/events/{community.event.slug}/cancel",
        {"reason": "The hall is flooded."},
    )
    assert (
        response.status_code == 200 and response.json()["cancel_reason"] == "The hall is flooded."
    )
    html = world.client("member").get(f"/community/events/{community.event.slug}/").content.decode()
    assert 'data-testid="event-cancelled"' in html and "The hall is flooded." in html
    again = api(
        world.client("editor"),
        "POST",
        f"/api/v1/events/{community.event.slug}/cancel",
        {"reason": "Twice."},
    )
    assert again.status_code == 422
