"""Role journey of an expert (issue 13, point 9): from an invitation to review to the review shown
where the process shows its reviews. A city officer, in the Evaluation phase of their process, starts
a review round and asks an expert; the expert follows the notification, accepts the invitation,
writes and submits the review, and finds it again from the process's page. Everyone only clicks, from the page they land on
after logging in. Screenshots: var/screenshots/journey-expert-*.png."""

from __future__ import annotations

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
from tests.conftest import World, make_user
from tests.processes.conftest import make_challenge
from urbanforum.processes import services as process_services
from urbanforum.processes.models import Process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROCESS = "Winter cycling together"


def advance_to(process: Process, phase_type: str, actor: Any) -> None:
    """Move the process to the phase (the phases before it are not the subject of this journey)."""
    while True:
        process.forget_phases()
        active = process.active_phase
        assert active is not None
        if active.phase_type == phase_type:
            return
        process_services.phase_advance(actor=actor, process=process, override_reason="journey")


def to_the_process(page: Any) -> None:
    menu(page, "action", "Processes")
    page.get_by_role("link", name=PROCESS).first.click()
    assert_no_error_page(page)


def test_expert_from_invitation_to_review(journey: Any, world: World) -> None:
    page = journey
    make_user("expert@experts.example", is_expert=True)
    challenge = make_challenge(world, title="Keeping cycle routes usable in winter")
    process = process_services.process_open(
        actor=world.users["editor"], challenge=challenge, title=PROCESS, visibility="public"
    )
    advance_to(process, "evaluation", world.users["coordinator"])

    # 1. The officer starts a review round in the Evaluation phase and asks the expert.
    switch_to(page, "editor@helsinki.example")
    to_the_process(page)
    page.get_by_role("link", name="Peer and expert review rounds").first.click()
    assert_no_error_page(page)
    page.get_by_role("button", name="Start the round").click()
    assert_no_error_page(page)
    page.get_by_label("Reviewer's e-mail").fill("expert@experts.example")
    page.get_by_label("As").select_option("expert")
    page.get_by_role("button", name="Assign").click()
    assert_no_error_page(page)
    assert "expert Expert" in page.locator("#rev-h").locator("..").inner_text()

    # 2. The expert follows the invitation, sees what is asked, accepts, writes and submits.
    switch_to(page, "expert@experts.example")
    open_notification(page, "You are asked to review")
    assert "/invitation/" in page.url
    screenshot(page, "journey-expert-1-invitation")
    page.get_by_role("button", name="Accept").click()
    assert_no_error_page(page)
    for name, score in (
        ("effectiveness", 4),
        ("cost_efficiency", 3),
        ("transferability", 5),
        ("citizen_benefit", 4),
        ("sustainability", 4),
    ):
        page.locator(f"input[name={name}][value='{score}']").check()
    page.get_by_label("Findings").fill("Ploughing the routes first kept winter cycling at 60 %.")
    page.get_by_label("What worked").fill("A shared priority map of the routes.")
    page.get_by_role("button", name="Submit the review").click()
    assert_no_error_page(page)
    assert "4.00" in page.get_by_test_id("aggregate").inner_text()
    screenshot(page, "journey-expert-2-submitted")

    # 3. The review is found again from the process's page (the round links its process).
    page.get_by_role("link", name=f"Process: {PROCESS}").click()
    assert_no_error_page(page)
    page.get_by_role("link", name="Peer and expert review rounds").first.click()
    assert_no_error_page(page)
    page.get_by_role("link", name=f"Review of {PROCESS}").click()
    assert_no_error_page(page)
    assert "Ploughing the routes first" in page.locator("#reviews-h").locator("..").inner_text()

    # 4. The officer sees the review from the process too.
    switch_to(page, "editor@helsinki.example")
    to_the_process(page)
    page.get_by_role("link", name="Peer and expert review rounds").first.click()
    page.get_by_role("link", name=f"Review of {PROCESS}").click()
    assert_no_error_page(page)
    assert "Ploughing the routes first" in page.locator("#reviews-h").locator("..").inner_text()
    screenshot(page, "journey-expert-3-seen-by-the-officer")

    # 5. Every notification either of them received leads to a page that exists.
    open_every_notification(page)
    switch_to(page, "expert@experts.example")
    assert open_every_notification(page) >= 1
