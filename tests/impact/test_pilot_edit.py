"""A pilot follows reality: its edit page (and API twin) sets the status, the provider, the joint
procurement and this city's contract, and this city's share of a joint pilot; a pilot is completed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import World, api
from urbanforum.accounts.models import Organisation, OrganisationKind
from urbanforum.impact import services
from urbanforum.impact.models import Pilot, PilotStatus
from urbanforum.impact.schemas import PilotEditIn
from urbanforum.procurement.models import JointProcurement, Participant


@pytest.fixture
def provider(db: Any) -> Organisation:
    return Organisation.objects.create(name="Nordic Lights Oy", kind=OrganisationKind.COMPANY)


@pytest.fixture
def procurement(world: World) -> JointProcurement:
    p = JointProcurement.objects.create(
        reference="jp-lights",
        title="Joint lighting",
        lead_organisation=world.org,
        lead_city=world.city,
        clarification_deadline="2026-05-01T00:00:00Z",
        bid_deadline="2026-06-01T00:00:00Z",
    )
    Participant.objects.create(procurement=p, city=world.city, organisation=world.org, is_lead=True)
    return p


def test_the_edit_page_links_provider_procurement_and_share(
    world: World, pilot: Pilot, provider: Organisation, procurement: JointProcurement
) -> None:
    client = world.client("editor")
    page = client.get(f"/impact/{pilot.slug}/edit/")
    assert page.status_code == 200 and "Nordic Lights Oy" in page.content.decode()
    response = client.post(
        f"/impact/{pilot.slug}/edit/",
        {
            "title": pilot.title,
            "solution_name": pilot.solution_name,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "budget_eur": "120000",
            "status": "running",
            "provider": provider.slug,
            "procurement": procurement.reference,
            "share": "0.4",
        },
    )
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert (pilot.provider, pilot.procurement) == (provider, procurement)
    assert pilot.impact.share == Decimal("0.4000")
    detail = client.get(f"/impact/{pilot.slug}/").content.decode()
    assert "Nordic Lights Oy" in detail and "/procurement/jp-lights/" in detail
    assert f"/impact/{pilot.slug}/edit/" in detail


def test_a_procurement_the_city_is_not_in_is_refused_and_nothing_saved(
    world: World, pilot: Pilot, unchanged: Any
) -> None:
    other = JointProcurement.objects.create(
        reference="jp-tallinn",
        title="Tallinn only",
        lead_organisation=world.other_org,
        lead_city=world.other_city,
        clarification_deadline="2026-05-01T00:00:00Z",
        bid_deadline="2026-06-01T00:00:00Z",
    )
    response = unchanged(
        lambda: api(
            world.client("editor"),
            "PATCH",
            f"/api/v1/pilots/{pilot.slug}",
            {"procurement": other.reference, "status": "finished"},
        )
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "procurement"


def test_a_contract_must_be_of_the_procurement_and_the_city(
    world: World, pilot: Pilot, procurement: JointProcurement
) -> None:
    with pytest.raises(ValidationError) as err:
        services.pilot_edit(
            actor=world.users["editor"],  # type: ignore[arg-type]
            pilot=pilot,
            data=PilotEditIn(procurement=procurement.reference, contract=999999),
        )
    assert "contract" in err.value.message_dict
    pilot.refresh_from_db()
    assert pilot.procurement is None


def test_the_form_keeps_the_input_and_names_the_field(world: World, pilot: Pilot) -> None:
    page = world.client("editor").post(
        f"/impact/{pilot.slug}/edit/",
        {
            "title": "Renamed",
            "solution_name": pilot.solution_name,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "budget_eur": "120000",
            "status": "running",
            "share": "1.5",
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="Renamed"' in html and "1.5" in html
    pilot.refresh_from_db()
    assert pilot.title == "Smart lighting pilot"


def test_complete_a_pilot(world: World, pilot: Pilot) -> None:
    response = api(world.client("editor"), "POST", f"/api/v1/pilots/{pilot.slug}/complete")
    assert response.status_code == 200 and response.json()["status"] == "finished"
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.FINISHED
    # it ended today if it was planned to end later
    assert pilot.end_date == min(date(2026, 12, 31), timezone.localdate())
    again = api(world.client("editor"), "POST", f"/api/v1/pilots/{pilot.slug}/complete")
    assert again.status_code == 422
