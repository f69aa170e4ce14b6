"""Reads of joint procurement for pages, the API and the OCDS export alike.

Nothing here returns bid content: the only ways to bid content are services.bid_content and
services.bid_content_for_bidder, which apply the sealing rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from urbanforum.accounts.models import Membership
from urbanforum.procurement import clock
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    CriterionKind,
    JointProcurement,
    Lot,
    Status,
)


def procurement_list(
    *, user: Any, search: str = "", status: str = ""
) -> QuerySet[JointProcurement]:
    """Procurements the user may see. The search looks at titles, descriptions and references only
    (bid content is encrypted and never indexed)."""
    from urbanforum.procurement.permissions import edits_a_city_administration

    qs = JointProcurement.objects.select_related("lead_city", "lead_organisation")
    if not (getattr(user, "is_authenticated", False) and user.is_coordinator):
        visible = ~Q(status=Status.DRAFT)
        if getattr(user, "is_authenticated", False):
            orgs = Membership.objects.filter(user=user).values("organisation")
            visible |= Q(participants__organisation__in=orgs)
            if edits_a_city_administration(user):
                visible = Q()
        qs = qs.filter(visible)
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(reference__icontains=search)
        )
    if status:
        qs = qs.filter(status=status)
    return (
        qs.distinct()
        .annotate(n_cities=Count("participants", distinct=True))
        .order_by("-bid_deadline", "-id")
    )


def procurement_get(*, reference: str) -> JointProcurement | None:
    return (
        JointProcurement.objects.select_related(
            "lead_city", "lead_organisation", "challenge", "opened_by"
        )
        .filter(reference=reference)
        .first()
    )


@dataclass
class LotSummary:
    lot: Lot
    demands: list[Any]
    total_budget: Decimal
    quantities: dict[str, Decimal]  # unit → total quantity
    cities: list[str]


def lot_summaries(*, procurement: JointProcurement) -> list[LotSummary]:
    """Each lot with its demand aggregated over the participating cities."""
    out = []
    for lot in procurement.lots.prefetch_related("demands__participant__city"):
        demands = list(lot.demands.all())
        quantities: dict[str, Decimal] = {}
        for d in demands:
            quantities[d.unit] = quantities.get(d.unit, Decimal(0)) + d.quantity
        out.append(
            LotSummary(
                lot=lot,
                demands=demands,
                total_budget=sum((d.budget for d in demands), Decimal(0)),
                quantities=quantities,
                cities=sorted({d.participant.city.name for d in demands}),
            )
        )
    return out


def bid_deadline_passed(procurement: JointProcurement) -> bool:
    return clock.now() >= procurement.bid_deadline


def bid_statistics(*, procurement: JointProcurement) -> dict[int, int] | None:
    """Number of valid bids per lot id — only once the deadline has passed (None before)."""
    if not bid_deadline_passed(procurement):
        return None
    rows = (
        Bid.objects.filter(procurement=procurement, status__in=[BidStatus.SEALED, BidStatus.OPENED])
        .values("lot")
        .annotate(n=Count("id"))
    )
    counts = {lot.pk: 0 for lot in procurement.lots.all()}
    counts.update({r["lot"]: r["n"] for r in rows})
    return counts


def bids_of_bidder(*, procurement: JointProcurement, user: Any) -> QuerySet[Bid]:
    """The bids the user's provider organisations made (metadata only)."""
    from urbanforum.procurement.permissions import provider_organisations

    orgs = provider_organisations(user)
    return Bid.objects.filter(procurement=procurement, bidder__in=orgs).select_related(
        "lot", "bidder"
    )


def opened_bids(*, procurement: JointProcurement) -> QuerySet[Bid]:
    if procurement.opened_at is None:
        return Bid.objects.none()
    return Bid.objects.filter(
        procurement=procurement, status__in=[BidStatus.OPENED, BidStatus.INVALID]
    ).select_related("lot", "bidder")


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
    from urbanforum.procurement.services import _open_one

    if procurement.opened_at is None:
        return {}
    criteria = list(procurement.criteria.all())
    quality_ids = [c.pk for c in criteria if c.kind == CriterionKind.QUALITY]
    evaluators = list(procurement.evaluators.filter(declared_no_conflict_at__isnull=False))
    out: dict[int, LotRanking] = {}
    bids = list(
        Bid.objects.filter(procurement=procurement, status=BidStatus.OPENED)
        .select_related("lot", "bidder", "procurement")
        .prefetch_related("scores")
    )
    amounts = {b.pk: Decimal(_open_one(b)["amount"]) for b in bids}
    for lot in procurement.lots.all():
        lot_bids = [b for b in bids if b.lot_id == lot.pk]
        ranking = LotRanking(lot=lot)
        if lot_bids:
            lowest = min(amounts[b.pk] for b in lot_bids)
            complete = bool(evaluators) or not quality_ids
            for b in lot_bids:
                scores: dict[int, Decimal] = {}
                for c in criteria:
                    if c.kind == CriterionKind.PRICE:
                        scores[c.pk] = (lowest / amounts[b.pk] * 100).quantize(Decimal("0.01"))
                    else:
                        given = [s.score for s in b.scores.all() if s.criterion_id == c.pk]
                        if len(given) < len(evaluators):
                            complete = False
                        scores[c.pk] = (
                            (sum(given, Decimal(0)) / len(given)).quantize(Decimal("0.01"))
                            if given
                            else Decimal(0)
                        )
                total = sum((Decimal(c.weight) * scores[c.pk] / 100 for c in criteria), Decimal(0))
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


def total_budget(*, procurement: JointProcurement) -> Decimal:
    return procurement.lots.aggregate(t=Sum("demands__budget"))["t"] or Decimal(0)
