"""Refusals that help on the procurement pages: deadlines in the past are refused with a field
error (form and API), a draft whose deadlines passed can be edited, errors name the field by its
label, and forms keep what the user typed — the full-page forms and the small action forms of the
procurement's page alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World, api
from tests.procurement.conftest import DEADLINE, T0, Clock, Tender, build_tender
from urbanforum.procurement.models import JointProcurement, Lot

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


def _create_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Winter maintenance robots",
        "description": "Three cities buy together.",
        "procedure": "open",
        "category": "goods",
        "cpv_codes": "34993000-4",
        "clarification_deadline": (T0 + timedelta(days=10)).strftime(FMT),
        "bid_deadline": (T0 + timedelta(days=20)).strftime(FMT),
        "standstill_days": "10",
    }
    data.update(overrides)
    return data


def test_create_refuses_a_past_bid_deadline_and_keeps_the_input(world: World, clock: Clock) -> None:
    client = world.client("editor")
    response = client.post(
        "/procurement/new/",
        _create_data(bid_deadline=(T0 - timedelta(days=1)).strftime(FMT)),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["bid_deadline"] == ["The bid deadline must be in the future."]
    html = response.content.decode()
    assert 'value="Winter maintenance robots"' in html  # the input is kept
    assert "Three cities buy together." in html
    assert not JointProcurement.objects.exists()


def test_create_with_future_deadlines_works(world: World, clock: Clock) -> None:
    response = world.client("editor").post("/procurement/new/", _create_data())
    assert response.status_code == 302
    assert JointProcurement.objects.count() == 1


def test_api_refuses_a_past_deadline_naming_the_field(world: World, clock: Clock) -> None:
    client = world.client("editor")
    response = api(
        client,
        "POST",
        "/api/v1/procurements",
        {
            "title": "Robots",
            "cpv_codes": ["34993000-4"],
            "clarification_deadline": (T0 - timedelta(days=2)).isoformat(),
            "bid_deadline": (T0 + timedelta(days=20)).isoformat(),
            "lead_organisation": world.org.slug,
        },
    )
    assert response.status_code in (400, 422), response.content
    fields = {e["field"] for e in response.json()["errors"]}
    assert "clarification_deadline" in fields
    assert not JointProcurement.objects.exists()


def test_a_draft_whose_deadlines_passed_can_be_edited(world: World, clock: Clock) -> None:
    tender = build_tender(world, clock, publish=False)
    clock.after_deadline()
    client = world.client("editor")
    ref = tender.procurement.reference
    page = client.get(f"/procurement/{ref}/").content.decode()
    assert f'href="/procurement/{ref}/edit/"' in page
    assert 'data-testid="deadline-passed"' in page

    edit = client.get(f"/procurement/{ref}/edit/")
    assert edit.status_code == 200
    data = {
        name: value
        for name, value in _create_data(title="Smart street lighting controllers").items()
    }
    refused = client.post(f"/procurement/{ref}/edit/", data)  # the old, past deadlines
    assert refused.status_code == 200
    assert "bid_deadline" in refused.context["form"].errors
    assert "clarification_deadline" in refused.context["form"].errors

    later = DEADLINE + timedelta(days=30)
    data["clarification_deadline"] = (later - timedelta(days=10)).strftime(FMT)
    data["bid_deadline"] = later.strftime(FMT)
    assert client.post(f"/procurement/{ref}/edit/", data).status_code == 302
    tender.procurement.refresh_from_db()
    # The form's times are the site's local time: compare the instant within that offset.
    assert abs(tender.procurement.bid_deadline - later) <= timedelta(hours=14)
    assert tender.procurement.bid_deadline > DEADLINE + timedelta(days=29)


def test_action_errors_name_the_field_by_its_label_and_keep_the_input(
    world: World, clock: Clock
) -> None:
    tender = build_tender(world, clock, publish=False)
    client = world.client("editor")
    ref = tender.procurement.reference
    response = client.post(
        f"/procurement/{ref}/lots/",
        {"title": "Sensors for the ice", "cpv_code": "not-a-cpv-code-at-all", "description": "x"},
        follow=True,
    )
    html = response.content.decode()
    assert "CPV code:" in html
    assert "cpv_code:" not in html
    assert 'value="Sensors for the ice"' in html  # the small form keeps what was typed
    assert 'value="not-a-cpv-code-at-all"' in html
    assert Lot.objects.filter(procurement=tender.procurement).count() == 1
    # Once only: the next visit shows an empty form.
    again = client.get(f"/procurement/{ref}/").content.decode()
    assert "Sensors for the ice" not in again


def test_an_unknown_evaluator_is_refused_and_the_address_kept(tender: Tender, world: World) -> None:
    client = world.client("editor")
    ref = tender.procurement.reference
    response = client.post(
        f"/procurement/{ref}/evaluators/", {"email": "nobody@nowhere.example"}, follow=True
    )
    html = response.content.decode()
    assert "E-mail address: No account has this e-mail address." in html
    assert 'value="nobody@nowhere.example"' in html


def test_bid_form_keeps_the_offer_on_error(tender: Tender) -> None:
    client = Client()
    client.force_login(tender.bidder)
    ref = tender.procurement.reference
    response = client.post(
        f"/procurement/{ref}/lots/{tender.lot.number}/bid/",
        {"amount": "-5", "offer": "Our robots clear 40 km a night."},
    )
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert "Our robots clear 40 km a night." in response.content.decode()
