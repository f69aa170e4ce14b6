"""The terms bidders rely on (QA findings 2 and 15): after publication the procedure and the main
category are fixed and the standstill period can only be lengthened; the standstill is at least
10 days (Remedies Directive 2007/66/EC, art. 2a); the planned dates follow the procedure's order;
the page shows the award decision the standstill runs from."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World, api
from tests.procurement.conftest import DEADLINE, T0, Clock, Tender, build_tender, scores
from tests.procurement.test_services import _evaluate
from urbanforum.procurement import services
from urbanforum.procurement.models import JointProcurement
from urbanforum.procurement.schemas import ProcurementChanges, ProcurementInput

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


def _update(tender: Tender, world: World, **changes: Any) -> JointProcurement:
    return services.procurement_update(
        actor=world.users["editor"],
        procurement=tender.procurement,
        changes=ProcurementChanges(**changes),
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"procedure": "restricted"}, "procedure"),
        ({"category": "services"}, "category"),
        ({"standstill_days": 0}, "standstill_days"),
        ({"standstill_days": 9}, "standstill_days"),
    ],
)
def test_published_terms_cannot_change(
    tender: Tender, world: World, unchanged: Any, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        unchanged(lambda: _update(tender, world, **changes))
    assert field in exc.value.message_dict


def test_the_published_standstill_can_be_lengthened_and_unchanged_terms_pass(
    tender: Tender, world: World
) -> None:
    p = _update(
        tender, world, procedure="open", category="goods", standstill_days=15, title="Renamed"
    )
    assert (p.standstill_days, p.title) == (15, "Renamed")
    with pytest.raises(ValidationError) as exc:  # and then not shortened back to 10
        _update(tender, world, standstill_days=10)
    assert "it is 15 days" in exc.value.message_dict["standstill_days"][0]


def test_a_draft_changes_its_terms(world: World, clock: Clock) -> None:
    tender = build_tender(world, clock, publish=False)
    p = _update(tender, world, procedure="restricted", category="services", standstill_days=12)
    assert (p.procedure, p.category, p.standstill_days) == ("restricted", "services", 12)
    with pytest.raises(ValidationError) as exc:  # the minimum holds for a draft too
        _update(tender, world, standstill_days=3)
    assert "at least 10 calendar days" in exc.value.message_dict["standstill_days"][0]


def _input(**overrides: Any) -> ProcurementInput:
    data: dict[str, Any] = {
        "title": "Robots",
        "cpv_codes": ["34993000-4"],
        "clarification_deadline": T0 + timedelta(days=10),
        "bid_deadline": T0 + timedelta(days=20),
    }
    data.update(overrides)
    return ProcurementInput(**data)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"standstill_days": 0}, "standstill_days"),
        # QA: a planned opening 2027-01-01 before the bid deadline 2027-01-20 was accepted.
        ({"opening_date": T0 + timedelta(days=19)}, "opening_date"),
        (
            {"opening_date": T0 + timedelta(days=21), "award_date": T0 + timedelta(days=20)},
            "award_date",
        ),
        ({"award_date": T0 + timedelta(days=19)}, "award_date"),
    ],
)
def test_creation_refuses_naming_the_field(
    world: World, clock: Clock, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.procurement_create(
            actor=world.users["editor"], lead_organisation=world.org, data=_input(**overrides)
        )
    assert field in exc.value.message_dict
    assert not JointProcurement.objects.exists()


def test_a_plan_in_order_is_accepted(world: World, clock: Clock) -> None:
    p = services.procurement_create(
        actor=world.users["editor"],
        lead_organisation=world.org,
        data=_input(
            opening_date=T0 + timedelta(days=20),  # at the deadline itself: fine
            award_date=T0 + timedelta(days=30),
            standstill_days=10,
        ),
    )
    assert p.standstill_days == 10


def test_api_refuses_a_short_standstill(world: World, clock: Clock) -> None:
    body = {
        "title": "Robots",
        "cpv_codes": ["34993000-4"],
        "clarification_deadline": (T0 + timedelta(days=10)).isoformat(),
        "bid_deadline": (T0 + timedelta(days=20)).isoformat(),
        "standstill_days": 0,
        "lead_organisation": world.org.slug,
    }
    response = api(world.client("editor"), "POST", "/api/v1/procurements", body)
    assert response.status_code in (400, 422), response.content
    assert {e["field"] for e in response.json()["errors"]} == {"standstill_days"}
    assert not JointProcurement.objects.exists()


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Smart street lighting controllers",
        "description": "",
        "procedure": "open",
        "category": "goods",
        "cpv_codes": "34993000-4",
        "clarification_deadline": (DEADLINE - timedelta(days=9)).strftime(FMT),
        "bid_deadline": (DEADLINE + timedelta(days=1)).strftime(FMT),
        "standstill_days": "10",
    }
    data.update(overrides)
    return data


def test_create_page_refuses_a_zero_standstill_and_an_early_opening(
    world: World, clock: Clock
) -> None:
    client = world.client("editor")
    page = client.get("/procurement/new/").content.decode()
    assert "Remedies Directive 2007/66/EC" in page  # the help text says why
    response = client.post(
        "/procurement/new/",
        _form(
            standstill_days="0",
            opening_date=(DEADLINE - timedelta(days=2)).strftime(FMT),
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "at least 10 calendar days" in errors["standstill_days"][0]
    response = client.post(
        "/procurement/new/", _form(opening_date=(DEADLINE - timedelta(days=2)).strftime(FMT))
    )
    assert response.context["form"].errors["opening_date"] == [
        "The planned opening must not be before the bid deadline."
    ]
    assert not JointProcurement.objects.exists()


def test_edit_page_of_a_published_procurement(tender: Tender, world: World) -> None:
    client = world.client("editor")
    ref = tender.procurement.reference
    page = client.get(f"/procurement/{ref}/edit/")
    form = page.context["form"]
    assert form.fields["procedure"].disabled and form.fields["category"].disabled
    # The QA's edit: procedure and category (ignored: the fields are fixed), standstill 10 → 0.
    refused = client.post(
        f"/procurement/{ref}/edit/",
        _form(procedure="restricted", category="services", standstill_days="0"),
    )
    assert refused.status_code == 200
    assert "standstill_days" in refused.context["form"].errors
    assert (
        client.post(
            f"/procurement/{ref}/edit/",
            _form(procedure="restricted", category="services", standstill_days="20"),
        ).status_code
        == 302
    )
    tender.procurement.refresh_from_db()
    p = tender.procurement
    assert (p.procedure, p.category, p.standstill_days) == ("open", "goods", 20)
    refused = client.post(f"/procurement/{ref}/edit/", _form(standstill_days="12"))
    assert "can only be lengthened" in refused.context["form"].errors["standstill_days"][0]


def test_the_page_shows_the_award_decision_the_standstill_runs_from(
    tender: Tender, world: World, clock: Clock
) -> None:
    p = tender.procurement
    JointProcurement.objects.filter(pk=p.pk).update(award_date=DEADLINE + timedelta(days=14))
    a, b = _evaluate(tender, world, clock)
    quality = p.criteria.get(kind="quality")
    services.evaluator_declare(actor=tender.evaluator, procurement=p, confirm=True)
    for bid in (a, b):
        services.scores_submit(actor=tender.evaluator, bid=bid, data=scores({quality.pk: 70}))
    clock.set(DEADLINE + timedelta(days=3))  # earlier than planned
    award = services.lot_award(actor=world.users["editor"], lot=tender.lot)
    html = world.client("editor").get(f"/procurement/{p.reference}/").content.decode()
    # shown in the reader's zone and format (the <time> keeps the ISO moment)
    shown = html.split('data-testid="award-date">')[1].split("</span>")[0]
    assert (
        f'datetime="{award.awarded_at.isoformat()}' in shown
        or award.awarded_at.isoformat()[:16] in shown
    )
    planned = JointProcurement.objects.get(pk=p.pk).award_date
    assert planned.isoformat()[:16] not in shown  # not the planned date
    assert award.standstill_ends.isoformat()[:16] in html
    assert award.standstill_ends > award.awarded_at
