"""Joint procurement services: demand aggregation, criteria, sealed bids, opening, evaluation, award."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.procurement.conftest import (
    DEADLINE,
    SECRET_OFFER,
    Clock,
    Tender,
    bid_input,
    build_tender,
    criteria,
    scores,
    sealed_bid,
)
from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.procurement import sealing, selectors, services
from urbanforum.procurement.models import Bid, BidStatus, Contract, Status
from urbanforum.procurement.policies import bid_policy
from urbanforum.procurement.schemas import ProcurementChanges, ProcurementInput

pytestmark = pytest.mark.django_db


def test_demand_is_aggregated_per_lot(tender: Tender) -> None:
    [summary] = selectors.lot_summaries(procurement=tender.procurement)
    assert summary.total_budget == Decimal("1000000.00")
    assert summary.quantities == {"pcs": Decimal("8000.00")}
    assert summary.cities == ["Espoo", "Helsinki", "Tallinn"]


def test_cpv_format_is_checked(world: World, clock: Clock) -> None:
    with pytest.raises(ValidationError) as exc:
        services.procurement_create(
            actor=world.users["editor"],
            lead_organisation=world.org,
            data=ProcurementInput(
                title="X",
                clarification_deadline=DEADLINE - timedelta(days=1),
                bid_deadline=DEADLINE,
                cpv_codes=["3499300"],
            ),
        )
    assert "cpv_codes" in exc.value.message_dict


def test_weights_must_add_up_to_100(world: World, clock: Clock, unchanged: Any) -> None:
    t = build_tender(world, clock, publish=False)
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.criteria_set(
                actor=world.users["editor"],
                procurement=t.procurement,
                data=criteria(("Price", "price", 60), ("Q", "quality", 30)),
            )
        )
    assert exc.value.message_dict == {
        "weight": ["The weights of the award criteria must add up to 100; they add up to 90."]
    }


def test_bid_receipt_hash_is_sha256_of_the_canonical_plaintext(tender: Tender) -> None:
    bid, receipt = sealed_bid(tender)
    content = selectors.bid_content_for_bidder(user=tender.bidder, bid=bid)
    assert content["amount"] == "912345.67" and content["offer"] == SECRET_OFFER
    assert content["nonce"] == receipt.nonce and content["bidder"] == tender.provider.pk
    expected = hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert receipt.receipt_hash == expected == bid.receipt_hash
    # Encrypted at rest: nothing of the content is in the row.
    row = Bid.objects.filter(pk=bid.pk).values().get()
    assert "912345" not in str(row) and "ZEBRA" not in str(row)


def test_late_bid_is_refused(tender: Tender, clock: Clock, unchanged: Any) -> None:
    clock.set(DEADLINE)  # exactly at the deadline is late
    with pytest.raises((ValidationError, PermissionDenied)):
        unchanged(lambda: sealed_bid(tender))


def test_replace_and_withdraw_before_deadline(tender: Tender, clock: Clock) -> None:
    first, _ = sealed_bid(tender, amount="900000")
    second, _ = sealed_bid(tender, amount="850000")
    first.refresh_from_db()
    assert first.status == BidStatus.REPLACED and second.status == BidStatus.SEALED
    services.bid_withdraw(actor=tender.bidder, bid=second)
    second.refresh_from_db()
    assert second.status == BidStatus.WITHDRAWN
    third, _ = sealed_bid(tender, amount="800000")
    clock.after_deadline()
    with pytest.raises(ValidationError):
        services.bid_withdraw(actor=tender.bidder, bid=third)


@pytest.mark.parametrize("role", ["editor", "admin", "coordinator", "member", "other"])
def test_nobody_but_the_bidder_reads_before_the_deadline(
    tender: Tender, world: World, role: str
) -> None:
    bid, _ = sealed_bid(tender)
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=world.users[role], bid=bid)


def test_superuser_cannot_read_or_open_before_the_deadline(tender: Tender, world: World) -> None:
    bid, _ = sealed_bid(tender)
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=tender.superuser, bid=bid)
    with pytest.raises(PermissionDenied):
        services.bids_open(actor=tender.superuser, procurement=tender.procurement)


def test_opening_key_refuses_before_the_deadline(tender: Tender) -> None:
    bid, _ = sealed_bid(tender)
    p = tender.procurement
    with pytest.raises(sealing.TooEarly):
        sealing.opening_key(procurement_id=p.pk, salt=p.seal_salt, deadline=p.bid_deadline)
    # Moving the deadline in the database (SQL, admin, a bug) does not help: it is bound into the key.
    from tests.procurement.conftest import T0

    type(p).objects.filter(pk=p.pk).update(
        clarification_deadline=T0 - timedelta(hours=2), bid_deadline=T0 - timedelta(hours=1)
    )
    p.refresh_from_db()
    with pytest.raises(sealing.Tampered):
        sealing.open_sealed(
            ciphertext=bid.ciphertext,
            wrapped_key=bid.key_for_opening,
            aad=bid.aad,
            procurement_id=p.pk,
            salt=p.seal_salt,
            deadline=p.bid_deadline,
        )


def test_lead_editor_cannot_open_before_the_deadline(
    tender: Tender, world: World, unchanged: Any
) -> None:
    sealed_bid(tender)
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
        )
    assert "bid_deadline" in exc.value.message_dict


def test_a_published_deadline_cannot_be_shortened(
    tender: Tender, world: World, unchanged: Any
) -> None:
    with pytest.raises(ValidationError):
        unchanged(
            lambda: services.procurement_update(
                actor=world.users["editor"],
                procurement=tender.procurement,
                changes=ProcurementChanges(bid_deadline=DEADLINE - timedelta(days=1)),
            )
        )


def test_extension_rewraps_the_keys(tender: Tender, world: World, clock: Clock) -> None:
    bid, _ = sealed_bid(tender)
    later = DEADLINE + timedelta(days=7)
    services.procurement_update(
        actor=world.users["editor"],
        procurement=tender.procurement,
        changes=ProcurementChanges(bid_deadline=later),
    )
    clock.set(DEADLINE + timedelta(days=1))
    with pytest.raises(ValidationError):
        services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    clock.set(later + timedelta(seconds=1))
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    bid.refresh_from_db()
    assert bid.status == BidStatus.OPENED and bid.verified is True


def test_opening_records_who_and_when_and_detects_tampering(
    tender: Tender, world: World, clock: Clock
) -> None:
    good, _ = sealed_bid(tender)
    bad, _ = services.bid_submit(
        actor=tender.rival_bidder,
        lot=tender.lot,
        bidder=tender.rival,
        data=bid_input("700000", "Rival"),
    )
    Bid.objects.filter(pk=bad.pk).update(receipt_hash="0" * 64)  # tampered in the database
    clock.after_deadline()
    services.bids_open(actor=world.users["admin"], procurement=tender.procurement)
    p = tender.procurement
    p.refresh_from_db()
    assert (
        p.opened_by == world.users["admin"]
        and p.opened_at == clock.now
        and p.status == Status.OPENED
    )
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, good.verified) == (BidStatus.OPENED, True)
    assert (bad.status, bad.verified) == (BidStatus.INVALID, False)
    assert selectors.bid_content(user=world.users["member"], bid=good)["amount"] == "912345.67"
    # The audit entry says who opened; no content in it.
    from urbanforum.core.models import AuditEvent

    entry = AuditEvent.objects.get(action="procurement.bids_open")
    assert entry.actor == world.users["admin"] and "912345" not in json.dumps(entry.changes)


def test_events_audit_and_mail_carry_no_content(
    tender: Tender, django_capture_on_commit_callbacks: Any
) -> None:
    seen: list[DomainEvent] = []
    subscribe("*", seen.append)
    with django_capture_on_commit_callbacks(execute=True):
        sealed_bid(tender)
    from urbanforum.core.models import AuditEvent

    blob = json.dumps([e.payload for e in seen]) + json.dumps(
        list(AuditEvent.objects.values("changes", "target_label"))
    )
    blob += "".join(m.body + m.subject for m in mail.outbox)
    assert seen and mail.outbox
    assert "912345" not in blob and "ZEBRA" not in blob


def _evaluate(t: Tender, world: World, clock: Clock) -> tuple[Bid, Bid]:
    a, _ = sealed_bid(t, amount="1000000")
    b, _ = services.bid_submit(
        actor=t.rival_bidder, lot=t.lot, bidder=t.rival, data=bid_input("800000", "Rival offer")
    )
    services.evaluator_add(actor=world.users["editor"], procurement=t.procurement, user=t.evaluator)
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=t.procurement)
    a.refresh_from_db()
    b.refresh_from_db()
    a.procurement.refresh_from_db()
    b.procurement = a.procurement
    return a, b


def test_evaluator_must_declare_before_scoring(tender: Tender, world: World, clock: Clock) -> None:
    a, _b = _evaluate(tender, world, clock)
    quality = tender.procurement.criteria.get(kind="quality")
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=tender.evaluator, bid=a)
    with pytest.raises(PermissionDenied):
        services.scores_submit(actor=tender.evaluator, bid=a, data=scores({quality.pk: 90}))
    with pytest.raises(ValidationError):
        services.evaluator_declare(
            actor=tender.evaluator, procurement=tender.procurement, confirm=False
        )
    services.evaluator_declare(actor=tender.evaluator, procurement=tender.procurement, confirm=True)
    assert selectors.bid_content(user=tender.evaluator, bid=a)["amount"] == "1000000.00"


def test_weighted_ranking_award_and_contracts(tender: Tender, world: World, clock: Clock) -> None:
    a, b = _evaluate(tender, world, clock)
    p = tender.procurement
    quality = p.criteria.get(kind="quality")
    price = p.criteria.get(kind="price")
    services.evaluator_declare(actor=tender.evaluator, procurement=p, confirm=True)
    services.scores_submit(actor=tender.evaluator, bid=a, data=scores({quality.pk: 100}))
    with pytest.raises(ValidationError):  # not every bid scored yet
        services.lot_award(actor=world.users["editor"], lot=tender.lot)
    services.scores_submit(actor=tender.evaluator, bid=b, data=scores({quality.pk: 50}))
    ranking = selectors.evaluation(procurement=p)[tender.lot.pk]
    # a: price 800000/1000000*100 = 80 → 0.6*80 + 0.4*100 = 88.00; b: 0.6*100 + 0.4*50 = 80.00
    assert [(r.bid.pk, r.scores[price.pk], r.total, r.rank) for r in ranking.rows] == [
        (a.pk, Decimal("80.00"), Decimal("88.00"), 1),
        (b.pk, Decimal("100.00"), Decimal("80.00"), 2),
    ]
    award = services.lot_award(actor=world.users["editor"], lot=tender.lot)
    assert award.bid == a and award.value == Decimal("1000000.00")
    assert award.standstill_ends == clock.now + timedelta(days=10)
    values = {c.participant.city.name: c.value for c in Contract.objects.filter(award=award)}
    assert values == {
        "Helsinki": Decimal("500000.00"),
        "Tallinn": Decimal("250000.00"),
        "Espoo": Decimal("250000.00"),
    }
    p.refresh_from_db()
    assert p.status == Status.AWARDED
    contract = Contract.objects.get(award=award, participant__city__name="Tallinn")
    with pytest.raises(ValidationError):  # standstill
        services.contract_sign(actor=world.users["other"], contract=contract)
    clock.set(award.standstill_ends)
    with pytest.raises(PermissionDenied):
        services.contract_sign(actor=world.users["editor"], contract=contract)
    assert (
        services.contract_sign(actor=world.users["other"], contract=contract).signed_at == clock.now
    )


def test_questions_are_anonymous(tender: Tender, world: World) -> None:
    q = services.question_ask(
        actor=tender.bidder, procurement=tender.procurement, question="Is DALI required?"
    )
    services.question_answer(actor=world.users["editor"], question=q, answer="Yes, DALI-2.")
    q.refresh_from_db()
    assert q.answer == "Yes, DALI-2." and q.answered_at is not None


@pytest.mark.parametrize("role", ["member", "editor", "coordinator", "citizen"])
def test_only_potential_suppliers_ask_questions(tender: Tender, world: World, role: str) -> None:
    # A citizen, a buyer or a coordinator asking would only notify the buyers (QA: spam).
    from django.core.exceptions import PermissionDenied

    from tests.conftest import make_user

    actor = world.users.get(role) or make_user("citizen@example.org")
    with pytest.raises(PermissionDenied):
        services.question_ask(actor=actor, procurement=tender.procurement, question="Spam?")
    assert not actor.has_perm("procurement.ask_question", tender.procurement)
    assert tender.bidder.has_perm("procurement.ask_question", tender.procurement)


def test_notifications_respect_the_seal(
    tender: Tender, world: World, clock: Clock, django_capture_on_commit_callbacks: Any
) -> None:
    """Before opening, only the bidding organisation hears of the bid; nobody's notification carries
    bid content; buyers are told when the bids are opened."""
    from tests.conftest import make_user
    from urbanforum.accounts.models import Membership, Role
    from urbanforum.notifications.models import Notification

    colleague = make_user("colleague@snowline.example")
    Membership.objects.create(
        user=colleague, organisation=tender.provider, role=Role.EDITOR, verified_via="admin"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sealed_bid(tender)
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        "colleague@snowline.example"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluator_add(
            actor=world.users["editor"], procurement=tender.procurement, user=tender.evaluator
        )
    clock.after_deadline()
    with django_capture_on_commit_callbacks(execute=True):
        services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    opened = set(
        Notification.objects.filter(event_type="procurement.bids_opened").values_list(
            "recipient__email", flat=True
        )
    )
    assert {
        "member@helsinki.example",
        "admin@helsinki.example",
        "other@tallinn.example",
        "evaluator@experts.example",
    } <= opened
    assert (
        "colleague@snowline.example" not in opened and "coordinator@network.example" not in opened
    )
    texts = " ".join(Notification.objects.values_list("text", flat=True))
    assert "912345" not in texts and "ZEBRA" not in texts


def test_the_bidder_still_reads_its_own_bid_after_opening_but_not_the_rivals(
    tender: Tender, world: World, clock: Clock
) -> None:
    own, _ = sealed_bid(tender)
    rival, _ = services.bid_submit(
        actor=tender.rival_bidder,
        lot=tender.lot,
        bidder=tender.rival,
        data=bid_input("700000", "Rival"),
    )
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=tender.procurement)
    own.refresh_from_db()
    rival.refresh_from_db()
    assert selectors.bid_content(user=tender.bidder, bid=own)["amount"] == "912345.67"
    with pytest.raises(PermissionDenied):
        selectors.bid_content(user=tender.bidder, bid=rival)
    assert bid_policy.allows(tender.bidder, rival) is False


def test_the_deadline_is_checked_after_the_lock(tender: Tender, unchanged: Any) -> None:
    """A bid that passes the permission check just before the deadline but reaches the locked row
    after it is refused: the service reads the server clock again once it holds the lock."""
    from unittest.mock import patch

    from tests.procurement.conftest import DEADLINE

    times = iter([DEADLINE - timedelta(seconds=1)] + [DEADLINE + timedelta(microseconds=1)] * 10)
    with (
        patch("urbanforum.procurement.clock.now", lambda: next(times)),
        pytest.raises(ValidationError) as exc,
    ):
        unchanged(lambda: sealed_bid(tender))
    assert exc.value.message_dict == {
        "bid_deadline": ["The bid deadline has passed: late bids are refused."]
    }
