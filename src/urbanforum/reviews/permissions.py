"""Who sees and does what in a review round.

* The round: members of the owner organisation, its reviewers and coordinators; everyone once closed
  (`policies.round_policy`).
* Assigning reviewers and closing: editors/admins of the owner organisation and coordinators.
* Answering an invitation (accept or decline): the invited reviewer while the round is open.
* Reviewing: the assigned reviewers who accepted, while the round is open, and only while they still may
  (`eligibility`: an expert as an expert, an official of the city as its peer, nobody of what is
  reviewed).
* Others' reviews: a reviewer only after submitting their own; the owner's members and coordinators
  see submitted reviews; everyone once the round is closed (`policies.round_reviews_policy`).
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.accounts.permissions import is_coordinator, is_org_editor
from urbanforum.reviews import eligibility
from urbanforum.reviews.models import PolicyRecommendation, Response, ReviewRound, RoundStatus
from urbanforum.reviews.policies import round_policy, round_reviews_policy


@rules.predicate
def is_owner_editor(user: User | AnonymousUser, r: ReviewRound | None) -> bool:
    return r is not None and is_org_editor(user, r.organisation)


@rules.predicate
def is_reviewer(user: User | AnonymousUser, r: ReviewRound | None) -> bool:
    return r is not None and isinstance(user, User) and r.assignments.filter(reviewer=user).exists()


@rules.predicate
def has_accepted(user: User | AnonymousUser, r: ReviewRound | None) -> bool:
    return (
        r is not None
        and isinstance(user, User)
        and r.assignments.filter(reviewer=user, response=Response.ACCEPTED).exists()
    )


@rules.predicate
def is_eligible_reviewer(user: User | AnonymousUser, r: ReviewRound | None) -> bool:
    """The assignment's rule still holds for the reviewer (checked again at submission)."""
    if r is None or not isinstance(user, User):
        return False
    a = r.assignments.filter(reviewer=user).select_related("city").first()
    if a is None:
        return False
    try:
        eligibility.check(r=r, reviewer=user, kind=a.kind, city=a.city)
    except eligibility.Ineligible:
        return False
    return True


@rules.predicate
def is_open(user: User | AnonymousUser, r: ReviewRound | None) -> bool:
    return r is not None and r.status == RoundStatus.OPEN


# The visibility rules are the policies' (written once, also giving the querysets).
rules.add_perm("reviews.view_round", round_policy.predicate)
rules.add_perm("reviews.manage_round", is_owner_editor | is_coordinator)
rules.add_perm("reviews.submit_review", is_open & is_reviewer & has_accepted & is_eligible_reviewer)
# Answering the invitation (accept or decline): the invited reviewer while the round is open.
rules.add_perm("reviews.answer_invitation", is_open & is_reviewer)
# The anchoring rule: asked directly by the selectors (no superuser exception).
rules.add_perm("reviews.view_reviews", round_reviews_policy.predicate)


def may_manage_recommendation(user: User | AnonymousUser, rec: PolicyRecommendation) -> bool:
    if rec.process is not None:
        return bool(user.has_perm("processes.change_process", rec.process))
    return bool(user.has_perm("community.change_group", rec.working_group))


def may_view_recommendation(user: User | AnonymousUser, rec: PolicyRecommendation) -> bool:
    """Published: whoever may see the process or working group; drafts: whoever manages it."""
    if rec.status != "published":
        return may_manage_recommendation(user, rec)
    if rec.process is not None:
        return bool(user.has_perm("processes.view_process", rec.process))
    return bool(user.has_perm("community.view_group", rec.working_group))
