"""Who sees and does what in a review round.

* The round: members of the owner organisation, its reviewers and coordinators; everyone once closed.
* Assigning reviewers and closing: editors/admins of the owner organisation and coordinators.
* Reviewing: the assigned reviewers while the round is open.
* Others' reviews: a reviewer only after submitting their own; the owner's members and coordinators
  see submitted reviews; everyone once the round is closed.
"""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.accounts.permissions import is_coordinator, is_org_editor, is_org_member
from urbanforum.reviews.models import ReviewRound, RoundStatus


@rules.predicate
def is_owner_member(user: Any, r: ReviewRound | None) -> bool:
    return r is not None and is_org_member(user, r.organisation)


@rules.predicate
def is_owner_editor(user: Any, r: ReviewRound | None) -> bool:
    return r is not None and is_org_editor(user, r.organisation)


@rules.predicate
def is_reviewer(user: Any, r: ReviewRound | None) -> bool:
    return (
        r is not None
        and getattr(user, "is_authenticated", False)
        and r.assignments.filter(reviewer=user).exists()
    )


@rules.predicate
def has_submitted(user: Any, r: ReviewRound | None) -> bool:
    return (
        r is not None
        and getattr(user, "is_authenticated", False)
        and r.assignments.filter(reviewer=user, review__isnull=False).exists()
    )


@rules.predicate
def is_closed(user: Any, r: ReviewRound | None) -> bool:
    return r is not None and r.status == RoundStatus.CLOSED


@rules.predicate
def is_open(user: Any, r: ReviewRound | None) -> bool:
    return r is not None and r.status == RoundStatus.OPEN


can_view = is_closed | is_owner_member | is_reviewer | is_coordinator
rules.add_perm("reviews.view_round", can_view)
rules.add_perm("reviews.manage_round", is_owner_editor | is_coordinator)
rules.add_perm("reviews.submit_review", is_open & is_reviewer)
# The anchoring rule: tested directly by the selector (no superuser exception).
can_see_reviews = is_closed | has_submitted | is_owner_member | is_coordinator
rules.add_perm("reviews.view_reviews", can_see_reviews)
