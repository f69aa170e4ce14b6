"""Evaluation and award: evaluators (who declare no conflict of interest), their scores of the
opened bids, and the award of each lot with a contract per participating city."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum

from urbanforum.accounts.models import User
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error
from urbanforum.procurement import clock, selectors
from urbanforum.procurement.models import (
    Award,
    Bid,
    BidStatus,
    Contract,
    CriterionKind,
    Evaluator,
    JointProcurement,
    Lot,
    Score,
    Status,
)
from urbanforum.procurement.permissions import is_lead_editor
from urbanforum.procurement.schemas import CENT, ScoresInput
from urbanforum.procurement.services._common import lock


def evaluator_add(*, actor: User, procurement: JointProcurement, user: User) -> Evaluator:
    require(actor, "procurement.manage_evaluation", procurement)
    if procurement.bids.filter(bidder__memberships__user=user).exists():
        raise field_error("user", "A person of a bidding organisation cannot evaluate.")
    try:
        with transaction.atomic():
            ev = Evaluator.objects.create(procurement=procurement, user=user, added_by=actor)
            record(
                actor=actor,
                action="procurement.evaluator_add",
                target=procurement,
                changes={"evaluator": user.email},
            )
            emit(
                DomainEvent(
                    "procurement.evaluator_added",
                    actor.pk,
                    {"procurement_id": procurement.pk, "user_id": user.pk},
                )
            )
    except IntegrityError as exc:
        raise field_error("user", f"{user.email} is already an evaluator.") from exc
    return ev


NO_CONFLICT = (
    "I declare that I have no conflict of interest with any bidder in this procurement: no financial, "
    "family or other personal interest, and that I will keep the bids confidential."
)


def evaluator_declare(*, actor: User, procurement: JointProcurement, confirm: bool) -> Evaluator:
    require(actor, "procurement.declare_no_conflict", procurement)
    if not confirm:
        raise field_error("confirm", "Confirm the declaration to see the bids.")
    with transaction.atomic():
        ev = Evaluator.objects.select_for_update().get(procurement=procurement, user=actor)
        if ev.declared_no_conflict_at is None:
            ev.declared_no_conflict_at = clock.now()
            ev.declaration = NO_CONFLICT
            ev.save()
            record(actor=actor, action="procurement.no_conflict_declared", target=procurement)
    return ev


def scores_submit(*, actor: User, bid: Bid, data: ScoresInput) -> list[Score]:
    """An evaluator's scores (0–100) for the quality criteria of one opened bid. Price is scored
    automatically from the prices (see selectors.evaluation)."""
    p = JointProcurement.objects.get(pk=bid.procurement_id)
    require(actor, "procurement.evaluate", p)
    if bid.status != BidStatus.OPENED:
        raise field_error("bid", "Only opened, verified bids are evaluated.")
    if p.status != Status.OPENED or hasattr(bid.lot, "award"):
        raise field_error("status", "The evaluation of this lot is closed.")
    scores, comment = data.scores, data.comment
    quality = {c.pk: c for c in p.criteria.filter(kind=CriterionKind.QUALITY)}
    clean: dict[int, Decimal] = {}
    for cid, c in quality.items():
        value = scores.get(str(cid))
        if value is None:
            raise field_error(f"criterion_{cid}", f"Score “{c.name}” (0–100).")
        if not Decimal(0) <= value <= Decimal(100):
            raise field_error(f"criterion_{cid}", "Give a number from 0 to 100.")
        clean[cid] = value
    with transaction.atomic():
        ev = Evaluator.objects.select_for_update().get(procurement=p, user=actor)
        saved = []
        for cid, value in clean.items():
            s, _ = Score.objects.update_or_create(
                evaluator=ev,
                bid=bid,
                criterion=quality[cid],
                defaults={"score": value, "comment": comment},
            )
            saved.append(s)
        record(
            actor=actor,
            action="procurement.score",
            target=p,
            changes={"bid": bid.pk, "scores": {quality[c].name: str(v) for c, v in clean.items()}},
        )
    return saved


def lot_award(*, actor: User, lot: Lot, bid: Bid | None = None) -> Award:
    """Award a lot to the best-ranked bid (or the given one); contracts follow per participating city,
    in proportion to each city's budget in the lot. The standstill period starts now."""
    p = JointProcurement.objects.get(pk=lot.procurement_id)
    require(actor, "procurement.award", p)
    if not is_lead_editor(actor, p):
        raise PermissionDenied("Only editors of the lead buyer can award.")
    with transaction.atomic():
        p = lock(p)
        if p.status != Status.OPENED:
            raise field_error("status", "Bids must be opened and evaluated before an award.")
        if Award.objects.filter(lot=lot).exists():
            raise field_error("lot", f"Lot {lot.number} is already awarded.")
        ranking = selectors.evaluation(procurement=p).get(lot.pk)
        if ranking is None or not ranking.rows:
            raise field_error("lot", f"Lot {lot.number} has no valid bid to award.")
        if not ranking.complete:
            raise field_error("lot", "Every declared evaluator must score every bid first.")
        winner = (
            ranking.rows[0]
            if bid is None
            else next((r for r in ranking.rows if r.bid.pk == bid.pk), None)
        )
        if winner is None:
            raise field_error("bid", "This bid is not a valid bid of the lot.")
        now = clock.now()
        award = Award.objects.create(
            lot=lot,
            bid=winner.bid,
            value=winner.amount,
            awarded_at=now,
            awarded_by=actor,
            standstill_ends=now + timedelta(days=p.standstill_days),
        )
        demands = list(
            lot.demands.values("participant").annotate(b=Sum("budget")).order_by("participant")
        )
        total = sum((d["b"] for d in demands), Decimal(0))
        ids = [int(d["participant"]) for d in demands]
        values = [
            (winner.amount * d["b"] / total).quantize(CENT) if total else Decimal(0)
            for d in demands
        ]
        if values:  # rounding: the last contract takes the remaining cents
            values[-1] += winner.amount - sum(values, Decimal(0))
        for participant_id, value in zip(ids, values, strict=True):
            Contract.objects.create(award=award, participant_id=participant_id, value=value)
        if not p.lots.filter(award__isnull=True).exists():
            p.status = Status.AWARDED
            p.save(update_fields=["status", "updated_at"])
        record(
            actor=actor,
            action="procurement.award",
            target=p,
            changes={"lot": lot.number, "bid": winner.bid.pk, "value": str(winner.amount)},
        )
        emit(
            DomainEvent("procurement.awarded", actor.pk, {"procurement_id": p.pk, "lot_id": lot.pk})
        )
    return award
