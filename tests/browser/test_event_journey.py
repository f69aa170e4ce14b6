"""Journey (b): an event is created with two places; two people register, the third goes on the
waiting list (and gets the place when someone cancels)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in, log_out, screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_event_waiting_list(page: Any, world: World) -> None:
    log_in(page, "editor@helsinki.example")
    page.goto("/community/events/")
    page.get_by_role("link", name="Organise an event").click()
    page.get_by_label("Title").fill("Winter maintenance workshop")
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Starts (local time of the event)").fill("2031-02-10T09:30")
    page.get_by_label("Ends (local time of the event)").fill("2031-02-10T12:00")
    page.get_by_label("Time zone").select_option("Europe/Tallinn")
    page.get_by_label("Place").fill("Tallinn City Hall")
    page.get_by_label("Capacity").fill("2")
    page.get_by_label("Agenda").fill("- Welcome\n- Contracts\n- Monitoring")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/community/events/winter-maintenance-workshop/")
    assert "09:30" in page.get_by_test_id("event-when").inner_text()
    assert "Europe/Tallinn" in page.get_by_test_id("event-when").inner_text()
    log_out(page)

    for email in ("member@helsinki.example", "admin@helsinki.example"):
        log_in(page, email)
        page.goto("/community/events/winter-maintenance-workshop/")
        page.get_by_role("button", name="Register").click()
        page.get_by_text("You are registered.").first.wait_for()
        log_out(page)

    log_in(page, "other@tallinn.example")
    page.goto("/community/events/winter-maintenance-workshop/")
    assert "2 / 2 taken" in page.get_by_test_id("event-places").inner_text()
    page.get_by_role("button", name="Join the waiting list").click()
    assert "waiting list (number 1)" in page.get_by_test_id("registration-status").inner_text()
    screenshot(page, "event-waiting-list")
    log_out(page)

    # member cancels: the first on the waiting list gets the place.
    log_in(page, "member@helsinki.example")
    page.goto("/community/events/winter-maintenance-workshop/")
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_text("Your registration is cancelled.").wait_for()
    log_out(page)
    log_in(page, "other@tallinn.example")
    page.goto("/community/events/winter-maintenance-workshop/")
    assert "You are registered." in page.get_by_test_id("registration-status").inner_text()
    page.goto("/notifications/")
    page.get_by_text("A place became free").wait_for()
    screenshot(page, "event-promoted-notification")
    page.goto("/community/events/")
    screenshot(page, "event-list")
