"""Who may see review rounds and reviews, each rule written once (`core.policies`).

* A round: members of the owner organisation, its reviewers and coordinators; everyone once closed.
* All of a round's reviews (no anchoring): a reviewer only after submitting their own; the owner's
  members and coordinators; everyone once the round is closed. This rule is asked directly, never
  through has_perm, so superusers get no exception; and it is never memoised (submitting a review
  changes it).
* One review: its author always, and everyone who may read all of its round's reviews.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from urbanforum.accounts.models import Membership
from urbanforum.core.policies import (
    EVERYTHING,
    VisibilityPolicy,
    is_authenticated,
    is_coordinator,
)
from urbanforum.procurement.policies import AskedEveryTime
from urbanforum.reviews.models import Assignment, Review, ReviewRound, RoundStatus


def _owner_member(user: Any) -> Q:
    return Q(organisation_id__in=Membership.objects.filter(user=user).values("organisation_id"))


class ReviewRoundPolicy(VisibilityPolicy[ReviewRound]):
    model = ReviewRound

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        closed = Q(status=RoundStatus.CLOSED)
        if not is_authenticated(user):
            return closed
        reviewer = Assignment.objects.filter(round_id=OuterRef("pk"), reviewer=user)
        return closed | _owner_member(user) | Q(Exists(reviewer))


class RoundReviewsPolicy(AskedEveryTime[ReviewRound]):
    """The rounds all of whose reviews the user may read."""

    model = ReviewRound

    def rule(self, user: Any) -> Q:
        closed = Q(status=RoundStatus.CLOSED)
        if not is_authenticated(user):
            return closed
        # The platform role only: a superuser who is not a coordinator gets no exception.
        if getattr(user, "is_coordinator", False):
            return EVERYTHING
        submitted = Assignment.objects.filter(
            round_id=OuterRef("pk"), reviewer=user, review__isnull=False
        )
        return closed | _owner_member(user) | Q(Exists(submitted))


class ReviewPolicy(AskedEveryTime[Review]):
    model = Review

    def rule(self, user: Any) -> Q:
        rounds = round_reviews_policy.rule(user)
        if rounds == EVERYTHING:
            return EVERYTHING
        readable = Q(assignment__round_id__in=round_reviews_policy.queryset(user).values("pk"))
        if not is_authenticated(user):
            return readable
        return Q(assignment__reviewer=user) | readable


round_policy = ReviewRoundPolicy()
round_reviews_policy = RoundReviewsPolicy()
review_policy = ReviewPolicy()
