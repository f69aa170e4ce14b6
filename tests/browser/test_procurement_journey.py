"""Browser journey of issue 6, inside a collaboration process: from the process's Action phase three
cities aggregate demand, a provider seals a bid, the bids are opened after the deadline (moved into
the past by the test), an evaluator scores, the lot is awarded, a pilot reports KPIs; in Evaluation a
peer city reviews; in Follow-up the process becomes a good practice that the owner publishes.
Screenshots go to var/screenshots/procurement-*.png."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from tests.browser.conftest import log_in, screenshot
from tests.conftest import World, make_user
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role
from urbanforum.challenges.models import Challenge, ChallengeStatus, Visibility
from urbanforum.cities.models import City
from urbanforum.practices.models import GoodPractice
from urbanforum.processes import services as process_services
from urbanforum.processes.models import Participant, ProcessRole
from urbanforum.procurement.models import JointProcurement
from urbanforum.procurement.services import _move_bid_deadline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page: Any, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, email)


def _local(dt: Any) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_joint_procurement_to_review(page: Any, world: World, tmp_path: Path) -> None:
    espoo_org = Organisation.objects.create(
        name="City of Espoo", kind=OrganisationKind.CITY_ADMINISTRATION, country="FI"
    )
    City.objects.create(
        name="Espoo",
        slug="espoo-fi",
        country="FI",
        eurostat_code="FI005C",
        population=305_274,
        administration=espoo_org,
    )
    espoo = make_user("editor@espoo.example")
    Membership.objects.create(
        user=espoo, organisation=espoo_org, role=Role.EDITOR, verified_via="admin"
    )
    provider = Organisation.objects.create(
        name="Nordic Snowline Oy", kind=OrganisationKind.COMPANY, country="FI"
    )
    bidder = make_user("provider@snowline.example")
    Membership.objects.create(
        user=bidder, organisation=provider, role=Role.ADMIN, verified_via="admin"
    )
    make_user("expert@experts.example", is_expert=True)
    coordinator = world.users["coordinator"]
    challenge = Challenge.objects.create(
        title="Dark and costly street lighting",
        owner_city=world.city,
        owner_organisation=world.org,
        problem_statement="Street lighting burns at full power all night.",
        status=ChallengeStatus.OPEN,
        visibility=Visibility.PUBLIC,
    )
    process = process_services.process_open(
        actor=world.users["editor"], challenge=challenge, visibility="public"
    )
    Participant.objects.create(
        process=process, organisation=world.other_org, role=ProcessRole.PARTNER
    )
    Participant.objects.create(process=process, organisation=espoo_org, role=ProcessRole.PARTNER)

    def advance_to(phase_type: str) -> None:
        while True:
            process.forget_phases()
            active = process.active_phase
            assert active is not None
            if active.phase_type == phase_type:
                return
            process_services.phase_advance(
                actor=coordinator, process=process, override_reason="journey"
            )

    advance_to("action")

    # 1. In the process's Action phase Helsinki starts the joint procurement: lot, demand, criteria.
    log_in(page, "editor@helsinki.example")
    page.goto(f"/processes/{process.slug}/")
    page.get_by_role("link", name="Joint procurement").first.click()
    page.get_by_role("link", name="Start a joint procurement for this process").click()
    now = timezone.now()
    page.get_by_label("Title").fill("Smart street lighting controllers")
    page.get_by_label("CPV codes").fill("34993000-4")
    page.get_by_label("Clarification deadline").fill(_local(now + timedelta(days=10)))
    page.get_by_label("Bid deadline").fill(_local(now + timedelta(days=20)))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/procurement/smart-street-lighting-controllers/")
    page.get_by_text("Add a lot").click()
    page.get_by_label("Lot title").fill("Luminaire controllers")
    page.get_by_role("button", name="Add lot").click()
    page.get_by_label("Weight (%)").first.fill("60")
    page.locator("#c-name-1").fill("Energy saving")
    page.locator("#c-weight-1").fill("40")
    page.get_by_role("button", name="Save criteria").click()
    assert "Energy saving" in page.content()

    def demand(qty: str, budget: str) -> None:
        page.get_by_text("State your city's demand").click()
        page.get_by_label("Item").fill("Controller")
        page.get_by_label("Quantity").fill(qty)
        page.get_by_label("Budget (EUR)").fill(budget)
        page.get_by_role("button", name="Add demand").click()

    demand("4000", "500000")
    # 2. Tallinn and Espoo join and state their demand.
    for email, qty, budget in (
        ("other@tallinn.example", "2000", "250000"),
        ("editor@espoo.example", "2000", "250000"),
    ):
        _switch(page, email)
        page.goto("/procurement/smart-street-lighting-controllers/")
        page.get_by_role("button", name="Our city joins").click()
        demand(qty, budget)
    # The site's one money format (core.numbers.format_money).
    assert page.get_by_test_id("lot-total-1").inner_text() == "€1,000,000.00"
    screenshot(page, "procurement-1-aggregated-demand")
    _switch(page, "editor@helsinki.example")
    page.goto("/procurement/smart-street-lighting-controllers/")
    page.get_by_role("button", name="Publish the call for bids").click()
    assert "Published" in page.get_by_test_id("status").inner_text()

    # 3. The provider seals a bid and gets a receipt.
    _switch(page, "provider@snowline.example")
    page.goto("/procurement/smart-street-lighting-controllers/")
    page.get_by_role("link", name="Submit a sealed bid for this lot").click()
    page.get_by_label("Total price (EUR, excl. VAT)").fill("912345.67")
    page.get_by_label("Offer").fill("Adaptive dimming to 30 % after midnight.")
    page.get_by_role("button", name="Seal and submit the bid").click()
    assert len(page.get_by_test_id("receipt-hash").inner_text()) == 64
    assert "€912,345.67" in page.get_by_test_id("bid-amount").inner_text()
    screenshot(page, "procurement-2-sealed-bid-receipt")

    # 4. Before the deadline the lead buyer sees that bids are sealed, and nothing of them.
    _switch(page, "editor@helsinki.example")
    page.goto("/procurement/smart-street-lighting-controllers/")
    assert "912345" not in page.content() and "Snowline" not in page.content()
    assert page.get_by_role("button", name="Open the bids").count() == 0
    screenshot(page, "procurement-3-sealed-for-the-buyer")

    # 5. The deadline moves into the past (the keys are re-wrapped: the deadline is bound into them).
    with transaction.atomic():
        p = JointProcurement.objects.select_for_update().get(
            reference="smart-street-lighting-controllers"
        )
        past = timezone.now() - timedelta(minutes=1)
        JointProcurement.objects.filter(pk=p.pk).update(
            clarification_deadline=past - timedelta(minutes=1)
        )
        p.clarification_deadline = past - timedelta(minutes=1)
        _move_bid_deadline(p, old_deadline=p.bid_deadline, new_deadline=past)
        p.save()
    page.goto("/procurement/smart-street-lighting-controllers/")
    page.get_by_label("Add an evaluator (e-mail)").fill("expert@experts.example")
    page.get_by_role("button", name="Add evaluator").click()
    page.get_by_role("button", name="Open the bids").click()
    assert "912,345.67" in page.get_by_test_id("opened-bids").inner_text()
    assert "verified" in page.get_by_test_id("opened-bids").inner_text()
    assert "opened by" in page.content()
    screenshot(page, "procurement-4-opened")

    # 6. The evaluator declares no conflict of interest, then scores.
    _switch(page, "expert@experts.example")
    page.goto("/procurement/smart-street-lighting-controllers/")
    assert page.get_by_test_id("opened-bids").count() == 0
    page.get_by_label("I declare that I have no conflict of interest", exact=False).check()
    page.get_by_role("button", name="Declare and continue").click()
    page.get_by_label("Energy saving (0–100)").fill("80")
    page.get_by_role("button", name="Save scores").click()
    assert "92.00" in page.get_by_test_id("ranking-1").inner_text()  # 0.6 × 100 + 0.4 × 80
    screenshot(page, "procurement-5-evaluation")

    # 7. The lead buyer awards the lot; contracts per city follow.
    _switch(page, "editor@helsinki.example")
    page.goto("/procurement/smart-street-lighting-controllers/")
    page.get_by_role("button", name="Award lot 1 to the best-ranked bid").click()
    assert "Nordic Snowline Oy" in page.get_by_test_id("award-1").inner_text()
    assert "Awarded" in page.get_by_test_id("status").inner_text()
    screenshot(page, "procurement-6-awarded")

    # 8. Helsinki runs a pilot in the process and reports KPIs (CSV import) against the target.
    page.goto(f"/impact/process/{process.slug}/")
    page.get_by_role("link", name="Start a pilot for this process").click()
    page.get_by_label("Title").fill("Smart lighting pilot")
    page.get_by_label("Solution").fill("Adaptive dimming controllers")
    page.get_by_label("Start").fill("2026-01-01")
    page.get_by_label("End").fill("2026-12-31")
    page.get_by_label("Budget (EUR)").fill("500000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/impact/smart-lighting-pilot/")
    page.get_by_text("Add a KPI").click()
    page.get_by_label("Name").fill("Electricity use")
    page.get_by_label("Unit").fill("MWh/month")
    page.get_by_label("Baseline").fill("180")
    page.get_by_label("Target").fill("110")
    page.get_by_label("Direction").select_option("decrease")
    page.get_by_role("button", name="Add KPI").click()
    csv = tmp_path / "kpis.csv"
    csv.write_text(
        "kpi,date,value\nElectricity use,2026-01-01,178\nElectricity use,2026-02-01,150\nElectricity use,2026-03-01,131\n"
    )
    page.get_by_text("Import values from CSV").click()
    page.get_by_label("CSV file").set_input_files(str(csv))
    page.get_by_role("button", name="Import").click()
    assert page.get_by_test_id("kpi-latest").inner_text() == "131"
    page.wait_for_selector(".chart svg")
    screenshot(page, "procurement-7-pilot-kpis")

    # 9. Evaluation: a review round of the process on the pilot; a peer city reviews it.
    advance_to("evaluation")
    page.goto(f"/reviews/process/{process.slug}/")
    page.get_by_label("Pilot reviewed (optional)").select_option("smart-lighting-pilot")
    page.get_by_role("button", name="Start the round").click()
    page.get_by_label("Reviewer's e-mail").fill("other@tallinn.example")
    page.get_by_role("button", name="Assign").click()
    round_url = page.url
    _switch(page, "other@tallinn.example")
    page.goto(round_url)
    # The reviewer answers the invitation first (reviews: invited → accepted).
    page.get_by_role("link", name="Answer the invitation to review").click()
    page.get_by_role("button", name="Accept").click()
    for name in (
        "effectiveness",
        "cost_efficiency",
        "transferability",
        "citizen_benefit",
        "sustainability",
    ):
        page.locator(f"input[name={name}][value='4']").check()
    page.get_by_label("Findings").fill("Energy use fell fast; transferable to Tallinn.")
    page.get_by_label("What worked").fill("Open interfaces.")
    page.get_by_role("button", name="Submit the review").click()
    assert "4.00" in page.get_by_test_id("aggregate").inner_text()
    screenshot(page, "procurement-8-review")

    # 10. Follow-up: the process becomes a good practice, pre-filled; the owner publishes it.
    advance_to("follow_up")
    _switch(page, "editor@helsinki.example")
    page.goto(f"/reviews/process/{process.slug}/follow-up/")
    page.get_by_role("button", name="Create the good practice").click()
    page.wait_for_url("**/practices/**/edit/")
    assert "Open interfaces." in page.get_by_label("What worked").input_value()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: not url.endswith("/edit/"))
    assert "Smart lighting pilot" in page.content() or "Electricity use" in page.content()
    screenshot(page, "procurement-9-good-practice")
    assert GoodPractice.objects.get().status == "published"
