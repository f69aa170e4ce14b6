"""Role journey of a coordinator (issue 13, point 9): moderating reported posts, and publishing the
official benchmark run. The coordinator follows the notification of a reported post, opens the
moderation queue from the account menu, reads why each post was reported, hides one and keeps the
other; then, from the benchmark's list of runs, publishes the newer run as the official one, and
the city profile of Helsinki shows that run. Only clicks, from the page after logging in.
Screenshots: var/screenshots/journey-coordinator-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from tests.benchmark.factories import make_data
from tests.browser.conftest import screenshot
from tests.browser.journeys import (
    assert_no_error_page,
    menu,
    open_every_notification,
    open_notification,
    switch_to,
)
from tests.conftest import World
from urbanforum.benchmark import services as benchmark_services
from urbanforum.benchmark.models import BenchmarkRun, PeerGroup
from urbanforum.community import services as community_services
from urbanforum.community.models import Post
from urbanforum.indicators.smart_city import FRAMEWORK_CODE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THREAD = "Ploughing cycle lanes first"
SPAM = "Buy cheap snow tyres at spam.example now!!!"
BLUNT = "Ploughing lanes first is a waste of money, frankly."


def _reported_posts(world: World) -> tuple[Post, Post]:
    editor, member, other = world.users["editor"], world.users["member"], world.users["other"]
    assert editor is not None and member is not None and other is not None
    group = community_services.group_create(actor=editor, name="Winter mobility")
    community_services.group_join(actor=member, group=group)
    thread = community_services.thread_create(
        actor=editor, group=group, title=THREAD, body="Who ploughs the cycle lanes first?"
    )
    spam = community_services.post_reply(actor=member, thread=thread, body=SPAM)
    blunt = community_services.post_reply(actor=editor, thread=thread, body=BLUNT)
    community_services.post_report(actor=other, post=spam, reason="Advertising, not a discussion.")
    community_services.post_report(actor=other, post=blunt, reason="Rude to the other cities.")
    return spam, blunt


def _runs(world: World) -> tuple[BenchmarkRun, BenchmarkRun]:
    """An official run of 2016 and a newer, not yet official run of 2019."""
    framework = make_data()
    framework.code = FRAMEWORK_CODE
    framework.save()
    coordinator = world.users["coordinator"]
    old = benchmark_services.run_create(
        actor=None, framework=framework, year=2016, peer_group=PeerGroup.BSR
    )
    old = benchmark_services.run_publish(actor=coordinator, run=old)
    new = benchmark_services.run_create(
        actor=coordinator, framework=framework, year=2019, peer_group=PeerGroup.BSR
    )
    assert not new.is_official
    return old, new


def _moderate(page: Any, body: str, action: str, button: str, reason: str) -> None:
    """From the queue: open the reported post, and hide it or keep it with a reason."""
    card = page.locator(".card-list > li.card").filter(has_text=body[:40])
    card.get_by_role("link", name="Open the post to hide it or keep it").click()
    assert_no_error_page(page)
    post = page.locator("li.post").filter(has_text=body[:40])
    form = post.locator("details").filter(has=page.get_by_text(action, exact=True))
    form.locator("summary").click()
    form.get_by_label("Reason").fill(reason)
    form.get_by_role("button", name=button).click()
    assert_no_error_page(page)


def test_coordinator_moderates_and_publishes_the_official_benchmark(
    journey: Any, world: World
) -> None:
    page = journey
    spam, blunt = _reported_posts(world)
    _old, new = _runs(world)

    # 1. A reported post: the notification opens the thread.
    switch_to(page, "coordinator@network.example")
    open_notification(page, f"A post in “{THREAD}” was reported")
    assert page.get_by_role("heading", name=THREAD).count() == 1

    # 2. The moderation queue names each post's reason; one is hidden, the other kept.
    menu(page, "account", "Moderation")
    reasons = page.get_by_test_id("report-reasons")
    assert (
        "Advertising, not a discussion."
        in reasons.all_inner_texts()[0] + reasons.all_inner_texts()[1]
    )
    screenshot(page, "journey-coordinator-1-queue")
    _moderate(page, SPAM, "Hide", "Hide", "Advertising.")
    assert "Hidden by a moderator: Advertising." in page.locator(f"#post-{spam.pk}").inner_text()
    menu(page, "account", "Moderation")
    _moderate(page, BLUNT, "Keep", "Keep the post and close the reports", "Blunt, on topic.")
    assert BLUNT in page.locator(f"#post-{blunt.pk}").inner_text()
    menu(page, "account", "Moderation")
    assert "No open reports." in page.locator("#results").inner_text()
    screenshot(page, "journey-coordinator-2-queue-empty")

    # 3. The newer benchmark run becomes the official one.
    menu(page, "start", "Benchmark")
    page.get_by_role("link", name="All runs").click()
    assert_no_error_page(page)
    page.get_by_role("link", name=str(new.pk), exact=True).click()
    assert_no_error_page(page)
    page.get_by_role("button", name="Publish as the official run").click()
    assert_no_error_page(page)
    assert "Official" in page.get_by_test_id("run-audience").inner_text()
    screenshot(page, "journey-coordinator-3-published")

    # 4. Helsinki's profile shows that run (2019), and links to it.
    menu(page, "start", "Cities")
    page.get_by_role("link", name="Helsinki", exact=True).first.click()
    assert_no_error_page(page)
    section = page.get_by_test_id("benchmark-section")
    assert "2019" in section.inner_text() and "2016" not in section.inner_text()
    section.get_by_role("link", name="How this was computed").click()
    assert_no_error_page(page)
    assert page.url.rstrip("/").endswith(f"/benchmark/runs/{new.pk}")
    assert "Official" in page.get_by_test_id("run-audience").inner_text()
    screenshot(page, "journey-coordinator-4-city-profile")

    # 5. Every notification the coordinator received leads to a page that exists.
    assert open_every_notification(page) >= 2
