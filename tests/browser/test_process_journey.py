"""Journey (a): a Helsinki city officer opens a process from a challenge, invites Tallinn, Tallinn's
admin joins, a task is done, the checklist is ticked and the phase advances."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in, log_out, screenshot
from tests.conftest import World
from tests.processes.conftest import make_challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_invite_join_task_advance(page: Any, world: World) -> None:
    make_challenge(world, title="Keeping cycle routes usable in winter")
    log_in(page, "editor@helsinki.example")
    page.goto("/processes/")
    page.get_by_role("link", name="Open a process: Keeping cycle routes usable in winter").click()
    page.get_by_label("Title").fill("Winter cycling together")
    page.get_by_label("Visibility").select_option("members")
    page.get_by_role("button", name="Open the process").click()
    page.wait_for_url("**/processes/winter-cycling-together/")
    assert (
        "Now: Starting" in page.get_by_role("heading", level=2, name="Now: Starting").inner_text()
    )
    # Invite Tallinn.
    page.get_by_text("Invite a city").click()
    page.get_by_label("City administration").select_option(label="Tallinn City Government")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to Tallinn City Government.").wait_for()
    screenshot(page, "process-invited")
    log_out(page)

    # Tallinn's admin joins from the dashboard.
    log_in(page, "other@tallinn.example")
    page.goto("/community/dashboard/")
    page.get_by_role("button", name="Join").click()
    page.wait_for_url("**/processes/winter-cycling-together/")
    page.get_by_text("Tallinn City Government joined the process.").wait_for()
    participants = page.locator("#participants-heading").locator("..")
    assert "Tallinn City Government" in participants.inner_text()
    log_out(page)

    # The officer adds a task for Tallinn, it gets done, the checklist is ticked, the phase advances.
    log_in(page, "editor@helsinki.example")
    page.goto("/processes/winter-cycling-together/")
    page.get_by_text("Add a task").click()
    page.locator("#id_task-title").fill("Update the city profiles")
    page.locator("#id_task-owner").select_option(label="other@tallinn.example")
    page.get_by_role("button", name="Add task").click()
    page.get_by_text("Task added.").wait_for()
    page.get_by_role("button", name="Mark done").click()
    page.locator(".task-list .tag-success").wait_for()
    for label in (
        "City profiles of the participating cities are up to date",
        "Benchmark attached",
        "Common topics agreed",
    ):
        page.get_by_role("button", name=f"Tick: {label}").click()
        page.get_by_role("button", name=f"Untick: {label}").wait_for()
    screenshot(page, "process-starting-ready")
    page.get_by_role("button", name="Move to the next phase").click()
    page.get_by_text("Now in phase: Intervention and consultancy.").wait_for()
    assert (
        page.locator(".phase-active .phase-step-name").inner_text()
        == "2. Intervention and consultancy"
    )
    assert page.locator(".phase-completed .phase-step-name").inner_text() == "1. Starting"
    timeline = page.locator(".timeline").first.inner_text()
    assert "completed Starting; now in Intervention and consultancy" in timeline
    assert "Tallinn City Government joined as Partner city" in timeline
    screenshot(page, "process-intervention")
