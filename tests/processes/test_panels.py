"""The panel hook: apps above processes show what they hold about a process on its page
(registry.register_panel), without processes importing them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.processes.conftest import ProcessWorld
from urbanforum.processes import registry
from urbanforum.processes.models import Process
from urbanforum.processes.registry import Panel, PanelItem, PanelLink, Viewer


def pilots(process: Process, user: Viewer) -> Panel | None:
    if not user.is_authenticated:
        return None  # a source may show nothing to some viewers
    return Panel(
        title="Pilots",
        items=[PanelItem("Heated bike lane", f"/pilots/{process.slug}/1/", "running")],
        links=[PanelLink("All pilots", "/pilots/")],
        shortcut=PanelLink("Pilot board", "/pilots/board/"),
    )


@pytest.fixture
def pilots_panel() -> Iterator[None]:
    registry.register_panel("pilots", pilots, order=5)
    yield
    registry.unregister_panel("pilots")


def test_registered_panels_are_shown_in_order(pworld: ProcessWorld, pilots_panel: None) -> None:
    html = pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
    assert '<h2 id="pilots-heading">Pilots</h2>' in html
    assert f'href="/pilots/{pworld.process.slug}/1/">Heated bike lane</a>' in html
    assert "running" in html and 'href="/pilots/">All pilots</a>' in html
    assert 'href="/pilots/board/">Pilot board</a>' in html  # next to "Edit", for the lead
    # order 5 comes before the community's discussion (10) and events (20)
    assert html.index("pilots-heading") < html.index("discussion-heading")
    assert html.index("discussion-heading") < html.index("events-heading")


def test_a_panel_may_show_nothing_to_a_viewer(pworld: ProcessWorld, pilots_panel: None) -> None:
    pworld.process.visibility = "public"
    pworld.process.save()
    html = pworld.client("anonymous").get(f"/processes/{pworld.process.slug}/").content.decode()
    assert "pilots-heading" not in html
    assert "discussion-heading" in html


def test_the_shortcuts_are_for_the_people_who_manage_the_process(
    pworld: ProcessWorld, pilots_panel: None
) -> None:
    html = pworld.client("partner").get(f"/processes/{pworld.process.slug}/").content.decode()
    assert "Pilot board" not in html and "pilots-heading" in html


def test_the_community_panels(pworld: ProcessWorld) -> None:
    html = pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
    assert "No discussion yet." in html and "No upcoming sessions." in html
    assert f'href="/community/processes/{pworld.process.slug}/discussions/">Discussions</a>' in html
    assert f"/community/events/new/?process={pworld.process.slug}" in html
    assert "Schedule a meeting" in html  # Starting phase
