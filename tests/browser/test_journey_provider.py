"""Role journey of a provider (issue 13, point 9): from a published joint procurement call to the
award. The lead buyer publishes the call; the provider, who offers a solution in the call's field,
opens it from the notification, asks a clarification question and seals a bid before the deadline; the lead buyer (a city officer) follows the question's notification,
answers, names itself evaluator, opens the bids after the deadline, scores and awards; the provider
follows the notifications of the answer and of the award result. Everyone only clicks, from the
page they land on after logging in. Screenshots: var/screenshots/journey-provider-*.png."""

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
from tests.conftest import World
from tests.processes.conftest import make_challenge
from tests.procurement.conftest import Clock, build_tender
from tests.procurement.conftest import clock as clock
from urbanforum.marketplace.models import Solution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Smart street lighting controllers"


def _to_the_call(page: Any) -> None:
    menu(page, "action", "Procurement")
    page.get_by_role("link", name=TITLE).first.click()
    assert_no_error_page(page)


def test_provider_from_call_to_award(journey: Any, world: World, clock: Clock) -> None:
    page = journey
    t = build_tender(world, clock, with_tallinn=False, publish=False)
    t.procurement.challenge = make_challenge(world)  # its domains: mobility, climate
    t.procurement.save(update_fields=["challenge"])
    Solution.objects.create(
        title="Adaptive street light controller",
        provider=t.provider,
        description="Dims street lights by traffic.",
        domains=["mobility"],
    )

    # 0. The lead buyer publishes the call.
    switch_to(page, "editor@helsinki.example")
    _to_the_call(page)
    page.get_by_role("button", name="Publish the call for bids").click()
    assert_no_error_page(page)

    # 1. The provider, who offers a solution in the call's field, opens the call from the
    #    notification, asks a question, seals a bid.
    switch_to(page, "bids@snowline.example")
    open_notification(page, "A joint procurement call in your solutions' field is published")
    assert f"/procurement/{t.procurement.reference}/" in page.url
    assert "Published" in page.get_by_test_id("status").inner_text()
    page.get_by_label("Ask a question").fill("May the controllers use the DALI-2 interface?")
    page.get_by_role("button", name="Send the question").click()
    assert_no_error_page(page)
    page.get_by_role("link", name="Submit a sealed bid for this lot").click()
    assert_no_error_page(page)
    page.get_by_label("Total price (EUR, excl. VAT)").fill("912345.67")
    page.get_by_label("Offer").fill("Adaptive dimming to 30 % after midnight.")
    page.get_by_role("button", name="Seal and submit the bid").click()
    assert_no_error_page(page)
    assert len(page.get_by_test_id("receipt-hash").inner_text()) == 64
    screenshot(page, "journey-provider-1-sealed-bid")

    # 2. The lead buyer follows the question's notification and answers it for every supplier.
    switch_to(page, "editor@helsinki.example")
    open_notification(page, "A clarification question was asked")
    assert "DALI-2" in page.content()
    page.get_by_label("Answer").fill("Yes: DALI-2 or an open equivalent.")
    page.get_by_role("button", name="Publish the answer").click()
    assert_no_error_page(page)
    page.get_by_label("Add an evaluator (e-mail)").fill("editor@helsinki.example")
    page.get_by_role("button", name="Add evaluator").click()
    assert_no_error_page(page)

    # 3. The provider reads the answer from its notification.
    switch_to(page, "bids@snowline.example")
    open_notification(page, "The buyers answered a clarification question")
    assert "DALI-2 or an open equivalent" in page.content()
    screenshot(page, "journey-provider-2-answer")

    # 4. After the deadline the lead buyer opens the bids, declares, scores and awards.
    clock.after_deadline()
    switch_to(page, "editor@helsinki.example")
    _to_the_call(page)
    page.get_by_role("button", name="Open the bids").click()
    assert_no_error_page(page)
    page.get_by_label("I declare that I have no conflict of interest", exact=False).check()
    page.get_by_role("button", name="Declare and continue").click()
    assert_no_error_page(page)
    page.get_by_label("Energy saving (0–100)").fill("80")
    page.get_by_role("button", name="Save scores").click()
    assert_no_error_page(page)
    page.get_by_role("button", name="Award lot 1 to the best-ranked bid").click()
    assert_no_error_page(page)
    assert "Nordic Snowline Oy" in page.get_by_test_id("award-1").inner_text()
    screenshot(page, "journey-provider-3-awarded")

    # 5. The provider is told it won; the notification opens its bid.
    switch_to(page, "bids@snowline.example")
    open_notification(page, "Your organisation's bid won lot 1")
    assert "/bids/" in page.url
    screenshot(page, "journey-provider-4-award-result")

    # 6. Every notification either of them received leads to a page that exists.
    assert open_every_notification(page) >= 2
    switch_to(page, "editor@helsinki.example")
    assert open_every_notification(page) >= 1
