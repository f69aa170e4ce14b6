"""A joint procurement of Helsinki (lead), Tallinn and Espoo with one lot each side, a provider and a
controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import patch

import pytest

from tests.conftest import World, make_user
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.cities.models import City
from urbanforum.procurement import services
from urbanforum.procurement.models import JointProcurement, Lot
from urbanforum.procurement.schemas import (
    BidInput,
    CriteriaInput,
    DemandInput,
    ProcurementInput,
    ScoresInput,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = T0 + timedelta(days=30)


class Clock:
    """The procurement clock, moved by tests."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, when: datetime) -> None:
        self.now = when

    def after_deadline(self) -> None:
        self.now = DEADLINE + timedelta(minutes=1)


@pytest.fixture
def clock() -> Iterator[Clock]:
    c = Clock(T0)
    with patch("urbanforum.procurement.clock.now", c):
        yield c


def demand(quantity: Any, budget: Any, item: str = "Controller") -> DemandInput:
    return DemandInput.model_validate(
        {"item": item, "quantity": quantity, "unit": "pcs", "budget": budget}
    )


def criteria(*rows: tuple[str, str, int]) -> CriteriaInput:
    return CriteriaInput.model_validate(
        {"criteria": [{"name": n, "kind": k, "weight": w} for n, k, w in rows]}
    )


def bid_input(amount: Any, offer: str) -> BidInput:
    return BidInput.model_validate({"amount": amount, "offer": offer})


def scores(values: dict[int, Any]) -> ScoresInput:
    return ScoresInput.model_validate({"scores": {str(k): v for k, v in values.items()}})


@dataclass
class Tender:
    procurement: JointProcurement
    lot: Lot
    provider: Organisation
    bidder: User
    rival: Organisation
    rival_bidder: User
    espoo: City
    espoo_org: Organisation
    espoo_editor: User
    evaluator: User
    superuser: User


def build_tender(
    world: World, clock: Clock, *, publish: bool = True, with_tallinn: bool = True
) -> Tender:
    espoo_org = Organisation.objects.create(
        name="City of Espoo", kind=OrganisationKind.CITY_ADMINISTRATION, country="FI"
    )
    espoo = City.objects.create(
        name="Espoo",
        slug="espoo-fi",
        country="FI",
        eurostat_code="FI005C",
        population=305_274,
        administration=espoo_org,
    )
    espoo_editor = make_user("editor@espoo.example")
    Membership.objects.create(
        user=espoo_editor, organisation=espoo_org, role=Role.EDITOR, verified_via="admin"
    )
    provider = Organisation.objects.create(
        name="Nordic Snowline Oy", kind=OrganisationKind.COMPANY, country="FI"
    )
    bidder = make_user("bids@snowline.example")
    Membership.objects.create(
        user=bidder, organisation=provider, role=Role.EDITOR, verified_via="admin"
    )
    rival = Organisation.objects.create(
        name="Baltic Lights AS", kind=OrganisationKind.COMPANY, country="EE"
    )
    rival_bidder = make_user("bids@balticlights.example")
    Membership.objects.create(
        user=rival_bidder, organisation=rival, role=Role.ADMIN, verified_via="admin"
    )
    # An external expert: not a member of any buyer, so only the declaration opens the bids to them.
    evaluator = make_user("evaluator@experts.example", is_expert=True)
    superuser = User.objects.create_superuser("root@urbanforum.example", "a-Strong-password-1")

    editor = world.users["editor"]
    assert editor is not None
    p = services.procurement_create(
        actor=editor,
        lead_organisation=world.org,
        data=ProcurementInput(
            title="Smart street lighting controllers",
            description="Three cities buy controllers together.",
            clarification_deadline=DEADLINE - timedelta(days=10),
            bid_deadline=DEADLINE,
            cpv_codes=["34993000-4"],
        ),
    )
    other = world.users["other"]
    assert other is not None
    if with_tallinn:
        services.procurement_join(actor=other, procurement=p, organisation=world.other_org)
    services.procurement_join(actor=espoo_editor, procurement=p, organisation=espoo_org)
    lot = services.lot_create(
        actor=editor, procurement=p, title="Controllers", cpv_code="34993000-4"
    )
    services.demand_add(
        actor=editor,
        lot=lot,
        organisation=world.org,
        data=demand(4000, "500000"),
    )
    if with_tallinn:
        services.demand_add(
            actor=other,
            lot=lot,
            organisation=world.other_org,
            data=demand(2000, "250000"),
        )
    services.demand_add(
        actor=espoo_editor,
        lot=lot,
        organisation=espoo_org,
        data=demand(2000, "250000"),
    )
    services.criteria_set(
        actor=editor,
        procurement=p,
        data=criteria(("Price", "price", 60), ("Energy saving", "quality", 40)),
    )
    if publish:
        services.procurement_publish(actor=editor, procurement=p)
    p.refresh_from_db()
    return Tender(
        p,
        lot,
        provider,
        bidder,
        rival,
        rival_bidder,
        espoo,
        espoo_org,
        espoo_editor,
        evaluator,
        superuser,
    )


@pytest.fixture
def tender(world: World, clock: Clock) -> Tender:
    return build_tender(world, clock)


SECRET_OFFER = "ZEBRA-SECRET-OFFER dimming to 30 % after midnight"


def sealed_bid(t: Tender, amount: str = "912345.67", offer: str = SECRET_OFFER) -> Any:
    bid, receipt = services.bid_submit(
        actor=t.bidder, lot=t.lot, bidder=t.provider, data=bid_input(amount, offer)
    )
    return bid, receipt
