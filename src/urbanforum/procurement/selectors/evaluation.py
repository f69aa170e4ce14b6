"""Reads of the evaluation: evaluators, their scores, the ranking per lot."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from urbanforum.accounts.models import User
from urbanforum.procurement import conflicts
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    CriterionKind,
    Evaluator,
    ExclusionReason,
    JointProcurement,
    Lot,
)
from urbanforum.procurement.selectors.bids import opened_content

# --- evaluation ------------------------------------------------------------------------------------


def evaluator_of(*, procurement: JointProcurement, user: User | AnonymousUser) -> Evaluator | None:
    if not isinstance(user, User):
        return None
    return procurement.evaluators.filter(user=user).first()


def evaluators(*, procurement: JointProcurement) -> QuerySet[Evaluator]:
    return procurement.evaluators.select_related("user")


def excluded_evaluators(procurement: JointProcurement) -> list[Evaluator]:
    """The excluded evaluators with their reason (recorded, or — after opening — a person of a
    bidding organisation since then). The evaluation shows them."""
    return conflicts.excluded_evaluators(procurement)


@dataclass(frozen=True)
class EvaluatorRow:
    evaluator: Evaluator
    status: str  # named | declared | excluded
    reason: str  # ExclusionReason value, "" unless excluded

    @property
    def reason_label(self) -> str:
        return str(ExclusionReason(self.reason).label) if self.reason else ""


def evaluator_rows(procurement: JointProcurement) -> list[EvaluatorRow]:
    """Every evaluator with their status. Before opening nothing here depends on the bids (the
    exclusions then are removals and declared conflicts only): it is no oracle."""
    excluded = {ev.pk: ev.exclusion_reason for ev in conflicts.excluded_evaluators(procurement)}
    rows = []
    for ev in evaluators(procurement=procurement):
        if ev.pk in excluded:
            rows.append(EvaluatorRow(ev, "excluded", excluded[ev.pk]))
        else:
            status = "declared" if ev.declared_no_conflict_at else "named"
            rows.append(EvaluatorRow(ev, status, ""))
    return rows


def scores_of(evaluator: Evaluator | None) -> dict[tuple[int, int], Decimal]:
    """An evaluator's scores by (bid id, criterion id)."""
    if evaluator is None:
        return {}
    return {(s.bid_id, s.criterion_id): s.score for s in evaluator.scores.all()}


@dataclass
class RankedBid:
    bid: Bid
    amount: Decimal
    scores: dict[int, Decimal]  # criterion id → score 0–100
    total: Decimal
    rank: int = 0


@dataclass
class LotRanking:
    lot: Lot
    rows: list[RankedBid] = field(default_factory=list)
    complete: bool = False  # every declared evaluator scored every bid on every quality criterion


def evaluation(*, procurement: JointProcurement) -> dict[int, LotRanking]:
    """Weighted totals and ranking per lot (most economically advantageous tender).

    Price score = lowest price in the lot / this price × 100. A quality score is the mean of the
    declared evaluators' scores. Total = Σ weight × score / 100 (weights add up to 100)."""
    if procurement.opened_at is None:
        return {}
    all_criteria = list(procurement.criteria.all())
    quality_ids = [c.pk for c in all_criteria if c.kind == CriterionKind.QUALITY]
    # Only active evaluators count: declared, not excluded, not (now) a person of a bidder.
    declared = list(conflicts.active_evaluators(procurement))
    active = {e.pk for e in declared}
    out: dict[int, LotRanking] = {}
    bids = list(
        Bid.objects.filter(procurement=procurement, status=BidStatus.OPENED)
        .select_related("lot", "bidder", "procurement")
        .prefetch_related("scores")
    )
    amounts = {b.pk: Decimal(opened_content(b)["amount"]) for b in bids}
    for lot in procurement.lots.all():
        lot_bids = [b for b in bids if b.lot_id == lot.pk]
        ranking = LotRanking(lot=lot)
        if lot_bids:
            lowest = min(amounts[b.pk] for b in lot_bids)
            complete = bool(declared) or not quality_ids
            for b in lot_bids:
                scores: dict[int, Decimal] = {}
                for c in all_criteria:
                    if c.kind == CriterionKind.PRICE:
                        scores[c.pk] = (lowest / amounts[b.pk] * 100).quantize(Decimal("0.01"))
                    else:
                        given = [
                            s.score
                            for s in b.scores.all()
                            if s.criterion_id == c.pk and s.evaluator_id in active
                        ]
                        if len(given) < len(declared):
                            complete = False
                        scores[c.pk] = (
                            (sum(given, Decimal(0)) / len(given)).quantize(Decimal("0.01"))
                            if given
                            else Decimal(0)
                        )
                total = sum(
                    (Decimal(c.weight) * scores[c.pk] / 100 for c in all_criteria), Decimal(0)
                )
                ranking.rows.append(
                    RankedBid(
                        bid=b,
                        amount=amounts[b.pk],
                        scores=scores,
                        total=total.quantize(Decimal("0.01")),
                    )
                )
            ranking.rows.sort(key=lambda r: (-r.total, r.amount, r.bid.submitted_at))
            for i, row in enumerate(ranking.rows, start=1):
                row.rank = i
            ranking.complete = complete
        out[lot.pk] = ranking
    return out


def evaluator_get(*, procurement: JointProcurement, pk: int) -> Evaluator | None:
    return procurement.evaluators.select_related("user").filter(pk=pk).first()
