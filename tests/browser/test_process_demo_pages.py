"""The demo content in the browser: the process in Intervention, a working group with its
discussion, the nearly full forum day, a mentorship and the dashboard — each page loads without
JavaScript errors and shows what it should (screenshots into var/screenshots/)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

from tests.browser.conftest import log_in, screenshot
from urbanforum.cities.models import City
from urbanforum.community import demo as community_demo
from urbanforum.community.models import Mentorship
from urbanforum.processes import demo as processes_demo
from urbanforum.processes.models import Process
from urbanforum.site.demo_accounts import DEMO_PASSWORD, load_demo_organisations_and_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_pages(page: Any) -> None:
    for code, name, country in [
        ("FI001C", "Helsinki", "FI"),
        ("EE001C", "Tallinn", "EE"),
        ("FI005C", "Espoo", "FI"),
        ("LV001C", "Riga", "LV"),
    ]:
        City.objects.create(
            name=name,
            slug=f"{name.lower()}-{country.lower()}",
            country=country,
            eurostat_code=code,
            population=100_000,
        )
    load_demo_organisations_and_accounts()
    out = OutputWrapper(io.StringIO())
    processes_demo.load(stdout=out, style=no_style())
    community_demo.load(stdout=out, style=no_style())
    process = Process.objects.get()

    log_in(page, "editor@helsinki.example", DEMO_PASSWORD)
    page.goto("/processes/")
    page.get_by_role("link", name=process.title).wait_for()
    screenshot(page, "process-list")
    page.goto(f"/processes/{process.slug}/")
    assert (
        page.locator(".phase-active .phase-step-name").inner_text()
        == "2. Intervention and consultancy"
    )
    assert page.get_by_text(
        "Collect the cities' winter maintenance contracts", exact=True
    ).first.is_visible()
    screenshot(page, "process-demo-intervention")

    page.goto("/community/groups/winter-cycling-and-maintenance/")
    page.get_by_role("link", name="Which cycle routes do you plough first?").click()
    page.get_by_text("Ploughing within 3 hours").wait_for()
    assert page.locator(".post strong").first.inner_text() == "Eero Editor"
    screenshot(page, "group-thread")
    page.goto("/community/groups/winter-cycling-and-maintenance/")
    screenshot(page, "group-detail")

    page.goto("/community/events/")
    page.get_by_text("almost full").wait_for()
    page.goto("/community/events/baltic-winter-cycling-forum-day/")
    assert "4 / 5 taken" in page.get_by_test_id("event-places").inner_text()
    screenshot(page, "event-forum-day")

    mentorship = Mentorship.objects.get()
    page.goto(f"/community/mentorships/{mentorship.pk}/")
    page.get_by_text("Went through the current contracts.").wait_for()
    screenshot(page, "mentorship")
    page.goto(f"/community/mentoring/requests/{mentorship.request_id}/")
    screenshot(page, "mentoring-proposals")

    page.goto("/community/dashboard/")
    page.get_by_role("heading", name="My tasks").wait_for()
    assert page.get_by_role("link", name="Draft the call for solutions").is_visible()
    screenshot(page, "dashboard")
    page.goto("/notifications/preferences/")
    screenshot(page, "notification-preferences")
