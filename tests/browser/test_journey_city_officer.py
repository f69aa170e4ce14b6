"""Role journey of a city officer (issue 13, point 9): from the page they land on after logging in
to a published good practice, through the five steps — the challenge and its matches, a
collaboration process opened from it, its phases (each checklist ticked), a pilot with a KPI in
the Action phase, a peer review of it in the Evaluation phase (the peer city follows its
invitation), and the good practice drafted from the process in Follow-up and published. Only
clicks. Screenshots: var/screenshots/journey-officer-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import screenshot
from tests.browser.journeys import (
    assert_no_error_page,
    menu,
    open_every_notification,
    open_notification,
    switch_to,
)
from tests.conftest import World
from tests.practices.kb import KB, build
from urbanforum.matching import index
from urbanforum.practices.models import GoodPractice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHALLENGE = "Icy cycle routes (public)"
PRACTICE = "Winter cycling: snow ploughing of cycle routes first"
PROCESS = "Ice-free cycle routes together"


@pytest.fixture
def kb(world: World, settings: Any) -> Iterator[KB]:
    settings.URBANFORUM_EMBEDDER = "fake"  # the deterministic hashing embedder: fast, no model
    index.invalidate()
    yield build(world)
    index.invalidate()


def finish_phase(page: Any) -> None:
    """Tick every item of the active phase's checklist, then move to the next phase."""
    ticks = page.get_by_role("button", name=re.compile(r"^Tick: "))
    while ticks.count():
        label = ticks.first.get_attribute("aria-label") or ticks.first.inner_text()
        ticks.first.click()
        page.get_by_role("button", name=label.replace("Tick: ", "Untick: ", 1)).wait_for()
    page.get_by_role("button", name="Move to the next phase").click()
    page.get_by_text("Now in phase:").wait_for()
    assert_no_error_page(page)


def test_city_officer_from_home_to_a_published_practice(journey: Any, kb: KB) -> None:
    page = journey

    # 1–2. From their home the officer opens the challenge and accepts a matching practice.
    switch_to(page, "editor@helsinki.example")
    menu(page, "challenges", "Challenges")
    page.get_by_role("link", name=CHALLENGE).first.click()
    assert_no_error_page(page)
    page.get_by_role("button", name=f"Accept {PRACTICE}").click()
    assert_no_error_page(page)
    match = page.locator("li.match").filter(has_text=PRACTICE)
    assert "Accepted" in match.inner_text()
    screenshot(page, "journey-officer-1-challenge-matches")

    # 3. A collaboration process is opened from the challenge.
    page.get_by_role("link", name="Open a collaboration process").click()
    assert_no_error_page(page)
    page.get_by_label("Title").fill(PROCESS)
    page.get_by_label("Visibility").select_option("public")
    page.get_by_role("button", name="Open the process").click()
    assert_no_error_page(page)
    page.wait_for_url("**/processes/ice-free-cycle-routes-together/")
    screenshot(page, "journey-officer-2-process")

    # Starting, Intervention and consultancy: each checklist ticked, the phase moved on.
    for _phase in ("starting", "intervention"):
        finish_phase(page)

    # Action: a pilot of the process, with a KPI; back to the process from the pilot's page.
    page.get_by_role("link", name="Pilots and impact").first.click()
    assert_no_error_page(page)
    page.get_by_role("link", name="Start a pilot for this process").click()
    assert_no_error_page(page)
    page.get_by_label("Title").fill("Cycle route ploughing pilot")
    page.get_by_label("Solution").fill("Ploughing the cycle routes before the car lanes")
    page.get_by_label("Start").fill("2026-01-01")
    page.get_by_label("End").fill("2026-12-31")
    page.get_by_label("Budget (EUR)").fill("120000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/impact/cycle-route-ploughing-pilot/")
    assert_no_error_page(page)
    page.get_by_text("Add a KPI").click()
    page.get_by_label("Name").fill("Winter cycling share")
    page.get_by_label("Unit").fill("%")
    page.get_by_label("Baseline").fill("4")
    page.get_by_label("Target").fill("8")
    page.get_by_role("button", name="Add KPI").click()
    assert_no_error_page(page)
    screenshot(page, "journey-officer-3-pilot")
    page.get_by_role("link", name=PROCESS).first.click()
    assert_no_error_page(page)
    finish_phase(page)
    assert "Evaluation" in page.locator(".phase-active .phase-step-name").inner_text()

    # 4. Evaluation: a review round; Tallinn reviews as a peer city, from its invitation.
    page.get_by_role("link", name="Peer and expert review rounds").first.click()
    assert_no_error_page(page)
    page.get_by_label("Pilot reviewed (optional)").select_option("cycle-route-ploughing-pilot")
    page.get_by_role("button", name="Start the round").click()
    assert_no_error_page(page)
    page.get_by_label("Reviewer's e-mail").fill("other@tallinn.example")
    page.get_by_role("button", name="Assign").click()
    assert_no_error_page(page)
    switch_to(page, "other@tallinn.example")
    open_notification(page, "You are asked to review")
    page.get_by_role("button", name="Accept").click()  # the invitation is answered first
    assert_no_error_page(page)
    for name in (
        "effectiveness",
        "cost_efficiency",
        "transferability",
        "citizen_benefit",
        "sustainability",
    ):
        page.locator(f"input[name={name}][value='4']").check()
    page.get_by_label("Findings").fill("Cycle routes stayed usable; transferable to Tallinn.")
    page.get_by_label("What worked").fill("Ploughing the cycle routes before the car lanes.")
    page.get_by_role("button", name="Submit the review").click()
    assert_no_error_page(page)

    # 5. Back at the process the officer finishes Evaluation; in Follow-up the process becomes a
    # good practice, pre-filled, which they publish.
    switch_to(page, "editor@helsinki.example")
    menu(page, "action", "Processes")
    page.get_by_role("link", name=PROCESS).first.click()
    assert_no_error_page(page)
    finish_phase(page)
    page.get_by_role("link", name="Good practice and recommendations").first.click()
    assert_no_error_page(page)
    page.get_by_role("button", name="Create the good practice").click()
    page.wait_for_url("**/practices/**/edit/")
    assert_no_error_page(page)
    assert "before the car lanes" in page.get_by_label("What worked").input_value()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: not url.endswith("/edit/"))
    assert_no_error_page(page)
    screenshot(page, "journey-officer-4-published-practice")
    practice = GoodPractice.objects.get(title__icontains="Ice-free")
    assert practice.status == "published"
    assert "Cycle route ploughing pilot" in page.content()  # the practice names its pilot
    # The published practice is found where everyone looks for practices.
    menu(page, "share", "Good practices")
    assert page.get_by_role("link", name=practice.title).count() >= 1

    # Every notification either of them received leads to a page that exists.
    open_every_notification(page)
    switch_to(page, "other@tallinn.example")
    assert open_every_notification(page) >= 1
