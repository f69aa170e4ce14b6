"""A city officer's journey: Tallinn publishes a good practice that matches Helsinki's open
challenge well; Helsinki's editor logs in, lands on their city's workspace, reads the next steps
("1 new match for …", the draft to open, the benchmark missing) and follows the notification to
the challenge's matches, where the practice is."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World
from tests.practices.kb import fake_embedder  # noqa: F401  (fixture: the hashing embedder)
from urbanforum.challenges.models import Challenge
from urbanforum.practices import services as practices
from urbanforum.practices.schemas import PracticeFields

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_follows_new_matches_from_the_workspace(page: Any, world: World) -> None:
    winter = Challenge.objects.create(
        title="Icy cycle routes in winter",
        owner_city=world.city,
        owner_organisation=world.org,
        problem_statement="Snow and ice on cycle routes keep people off their bikes in winter.",
        domains=["mobility"],
        status="open",
        visibility="public",
    )
    Challenge.objects.create(
        title="Noisy night buses",
        owner_city=world.city,
        owner_organisation=world.org,
        problem_statement="Night buses wake residents.",
        domains=["mobility"],
        status="draft",
    )
    tallinn = world.users["other"]
    assert tallinn is not None
    practice = practices.practice_create(  # runs the matching task and the content hook
        actor=tallinn,
        city=world.other_city,
        fields=PracticeFields(
            title="Icy cycle routes cleared first",
            summary="Snow and ice are ploughed from cycle routes before car lanes every morning.",
            status="published",
            domains=["mobility"],
        ),
    )

    log_in(page, "editor@helsinki.example")
    page.wait_for_url("**/my-city/")
    assert page.get_by_test_id("workspace-title").inner_text() == "My city: Helsinki"
    assert page.get_by_test_id("nav-workspace").get_attribute("aria-current") == "page"
    challenges = page.get_by_test_id("step-challenges")
    steps = challenges.get_by_test_id("next-steps").inner_text()
    assert "1 new match for “Icy cycle routes in winter”" in steps
    assert "“Noisy night buses” is a draft" in steps
    assert "Your city has no benchmark yet" in page.get_by_test_id("step-start").inner_text()
    screenshot(page, "workspace-officer")

    page.locator(".notification-bell").click()
    page.wait_for_url("**/notifications/")
    page.get_by_role(
        "button", name="1 new match for your challenge “Icy cycle routes in winter”"
    ).click()
    page.wait_for_url(f"**/challenges/{winter.slug}/#matches")
    matches = page.locator("#matches")
    assert matches.get_by_role("link", name=practice.title).is_visible()
    screenshot(page, "workspace-new-match")

    # back on the workspace, the match is still counted as new (30 days) next to the challenge
    page.get_by_test_id("nav-workspace").click()
    page.wait_for_url("**/my-city/")
    assert "1 new match" in challenges.inner_text()
