"""Who may do what in a joint procurement.

* Everyone sees published procurements; drafts the participating cities' people, editors of any city
  administration (so that they can join) and coordinators.
* The lead buyer's editors/admins (and coordinators) manage the procurement; each participating city's
  editors/admins state their city's demand; editors/admins of another city administration may join.
* Editors/admins of a company (or research/NGO) organisation that is not a buyer may bid — but not a
  person of a buyer (any role), and not for an organisation with a buyer's person or an evaluator
  among its people (`conflicts.py`, checked by the service).
* Evaluators: named (and removed) by the lead buyer's editors/admins; after opening an active
  evaluator declares no conflict of interest with the bidders, then scores; an evaluator not excluded
  may declare a conflict (and is excluded) at any time before the award.
* Opening: only the lead buyer's editors/admins, and only after the deadline (the clock is checked by
  the service, which a superuser cannot bypass either).
* Bid content: before opening, nobody but the bidding organisation; after opening, the buyers'
  members, the declared evaluators and coordinators — the sealed-bid rule of `policies.bid_policy`,
  asked directly (not through has_perm), so superusers get no exception.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import Membership, OrganisationKind, Role, User
from urbanforum.accounts.permissions import (
    edits_a_city_administration,
    is_coordinator,
    is_org_editor,
)
from urbanforum.procurement import clock, conflicts
from urbanforum.procurement.models import JointProcurement, Status
from urbanforum.procurement.policies import opened_bids_policy, procurement_policy
from urbanforum.procurement.selectors import PROVIDER_KINDS


def _authenticated(user: User | AnonymousUser) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_published(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and p.status != Status.DRAFT


@rules.predicate
def is_lead_editor(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and is_org_editor(user, p.lead_organisation)


@rules.predicate
def is_participant_editor(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    if p is None or not isinstance(user, User):
        return False
    return Membership.objects.filter(
        user=user,
        organisation__in=p.participants.values("organisation"),
        role__in=[Role.EDITOR, Role.ADMIN],
    ).exists()


@rules.predicate
def edits_other_city_administration(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    if p is None or not isinstance(user, User):
        return False
    return (
        Membership.objects.filter(
            user=user,
            organisation__kind=OrganisationKind.CITY_ADMINISTRATION,
            organisation__represented_cities__isnull=False,
            role__in=[Role.EDITOR, Role.ADMIN],
        )
        .exclude(organisation__in=p.participants.values("organisation"))
        .exists()
    )


@rules.predicate
def edits_a_provider(user: User | AnonymousUser) -> bool:
    return (
        isinstance(user, User)
        and Membership.objects.filter(
            user=user, role__in=[Role.EDITOR, Role.ADMIN], organisation__kind__in=PROVIDER_KINDS
        ).exists()
    )


@rules.predicate
def is_evaluator(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and isinstance(user, User) and p.evaluators.filter(user=user).exists()


@rules.predicate
def is_declared_evaluator(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    """An active evaluator (declared no conflict of interest, not excluded, not a person of a
    bidding organisation): only they see and score bids."""
    return (
        p is not None
        and isinstance(user, User)
        and p.evaluators.filter(user=user).filter(conflicts.active_q()).exists()
    )


@rules.predicate
def is_evaluator_in_office(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    """Named and not excluded (may still have to declare)."""
    return (
        p is not None
        and isinstance(user, User)
        and p.evaluators.filter(user=user, excluded_at__isnull=True).exists()
    )


@rules.predicate
def may_declare_no_conflict(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    """After opening (the bidders are known: the declaration is about them), an evaluator in
    office who is not a person of a bidding organisation and has not declared yet."""
    return (
        p is not None
        and p.opened_at is not None
        and p.status == Status.OPENED
        and isinstance(user, User)
        and p.evaluators.filter(user=user, excluded_at__isnull=True).exists()
        and not conflicts.person_of_a_bidder(user, p)
    )


@rules.predicate
def is_buyer_person(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and conflicts.is_buyer_person(user, p)


@rules.predicate
def evaluation_not_over(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and p.status in (Status.DRAFT, Status.PUBLISHED, Status.OPENED)


@rules.predicate
def is_open_for_bids(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and p.status == Status.PUBLISHED and clock.now() < p.bid_deadline


@rules.predicate
def is_opened(user: User | AnonymousUser, p: JointProcurement | None) -> bool:
    return p is not None and p.opened_at is not None


# The visibility rules are the policies' (written once, also giving the querysets).
can_view = procurement_policy.predicate
rules.add_perm("procurement.view_jointprocurement", can_view)
rules.add_perm("procurement.add_jointprocurement", edits_a_city_administration)
rules.add_perm("procurement.change_jointprocurement", is_lead_editor | is_coordinator)
rules.add_perm("procurement.join_jointprocurement", can_view & edits_other_city_administration)
rules.add_perm("procurement.state_demand", is_participant_editor)
rules.add_perm("procurement.answer_question", is_lead_editor | is_coordinator)
# Questions come from potential suppliers (an editor of a company, research body or NGO that is
# not a buyer): anyone else asking would only notify the buyers (QA: a citizen could spam them).
rules.add_perm("procurement.ask_question", is_published & edits_a_provider & ~is_buyer_person)
rules.add_perm("procurement.submit_bid", is_open_for_bids & edits_a_provider & ~is_buyer_person)
rules.add_perm("procurement.open_bids", is_lead_editor)
rules.add_perm("procurement.manage_evaluation", is_lead_editor)
# The list of evaluators (with exclusions): whoever manages the procurement; after opening also
# whoever reads the evaluation.
rules.add_perm(
    "procurement.view_evaluators",
    is_lead_editor | is_coordinator | opened_bids_policy.predicate,
)
# Bid content is read through `policies.bid_policy` / `opened_bids_policy` directly (not
# has_perm), so that superusers get no exception; the permission serves templates and pages.
rules.add_perm("procurement.view_opened_bids", opened_bids_policy.predicate)
rules.add_perm("procurement.declare_no_conflict", may_declare_no_conflict)
rules.add_perm("procurement.declare_conflict", is_evaluator_in_office & evaluation_not_over)
rules.add_perm("procurement.evaluate", is_opened & is_declared_evaluator)
rules.add_perm("procurement.award", is_opened & is_lead_editor)
