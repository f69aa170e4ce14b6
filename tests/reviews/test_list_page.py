"""The list of review rounds through the one list recipe: only the rounds the user may see, the
htmx fragment, the whole page on history restore."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.reviews.conftest import Round

pytestmark = pytest.mark.django_db


def test_list_shows_visible_rounds_and_honours_history_restore(
    world: World, review_round: Round
) -> None:
    title = review_round.round.title
    assert title not in world.client("anonymous").get("/reviews/").content.decode()  # open round
    member = world.client("member")
    fragment = member.get("/reviews/", HTTP_HX_REQUEST="true")
    restored = member.get(
        "/reviews/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in restored["Vary"]
    assert title in fragment.content.decode() and "(0/2 " in fragment.content.decode()
    assert "<html" not in fragment.content.decode() and "<html" in restored.content.decode()


def test_pilot_page_shows_its_rounds_through_the_impact_registry(
    world: World, review_round: Round
) -> None:
    """impact does not know reviews: reviews adds its section to the pilot's page in ready()."""
    from urbanforum.impact.registry import pilot_sections

    pilot = review_round.round.pilot
    assert pilot is not None
    [section] = [s for s in pilot_sections(pilot, world.users["editor"]) if s.key == "reviews"]
    assert section.context == {"rounds": [review_round.round], "can_start": True}
    url = f"/impact/{pilot.slug}/"
    editor = world.client("editor").get(url).content.decode()
    assert review_round.round.title in editor and 'action="/reviews/new/"' in editor
    anonymous = world.client("anonymous").get(url).content.decode()
    assert review_round.round.title not in anonymous and 'action="/reviews/new/"' not in anonymous
