"""Reads of review rounds: which reviews a user may see, and the aggregated results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from urbanforum.accounts.models import Membership
from urbanforum.reviews.models import RUBRIC, Review, ReviewRound, RoundStatus
from urbanforum.reviews.permissions import can_see_reviews


def round_list(*, user: Any) -> QuerySet[ReviewRound]:
    qs = ReviewRound.objects.select_related("pilot", "organisation").annotate(
        n_reviews=Count("assignments__review"), n_reviewers=Count("assignments", distinct=True)
    )
    if getattr(user, "is_authenticated", False) and user.is_coordinator:
        return qs
    visible = Q(status=RoundStatus.CLOSED)
    if getattr(user, "is_authenticated", False):
        visible |= Q(organisation__in=Membership.objects.filter(user=user).values("organisation"))
        visible |= Q(assignments__reviewer=user)
    return qs.filter(visible).distinct()


def visible_reviews(*, round: ReviewRound, user: Any) -> list[Review]:
    """Other people's reviews only for those allowed (the predicate, not has_perm: no superuser bypass);
    one's own review always."""
    qs = Review.objects.filter(assignment__round=round).select_related(
        "assignment__reviewer", "assignment__city"
    )
    if can_see_reviews(user, round):
        return list(qs.order_by("submitted_at"))
    if getattr(user, "is_authenticated", False):
        return list(qs.filter(assignment__reviewer=user))
    return []


@dataclass
class Aggregate:
    n: int
    means: dict[str, Decimal | None]
    overall: Decimal | None


def aggregate(*, round: ReviewRound) -> Aggregate:
    qs = Review.objects.filter(assignment__round=round)
    data = qs.aggregate(n=Count("id"), **{k: Avg(k) for k, _ in RUBRIC})
    means = {
        k: (Decimal(str(data[k])).quantize(Decimal("0.01")) if data[k] is not None else None)
        for k, _ in RUBRIC
    }
    present = [v for v in means.values() if v is not None]
    overall = (
        (sum(present, Decimal(0)) / len(present)).quantize(Decimal("0.01")) if present else None
    )
    return Aggregate(n=data["n"], means=means, overall=overall)
