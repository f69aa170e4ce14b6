"""Conflicts of interest as rules, not a checkbox (Directive 2014/24/EU art. 24).

* Nobody of a buyer organisation (the lead or a participating city administration) bids on its
  procurement: a bid is refused when the bidding organisation has a buyer's person among its people,
  or when the person submitting it is one. Coordinators count as buyers' people here: they may
  change every procurement (art. 24 covers a procurement service provider's staff involved in the
  procedure).
* An evaluator's organisation cannot bid: a bid is refused when the bidding organisation has one of
  the procurement's evaluators (not removed) among its people.
* A bidder's people cannot evaluate — checked **only once the bids are opened**. Before opening an
  appointment is never compared with the bids: a refusal there would tell the lead buyer who has bid
  (an oracle). At opening every evaluator who is a person of a bidding organisation is excluded; after
  opening such a person cannot be named; and if it slips through later (a person joins a bidding
  organisation) the evaluator counts as excluded from that moment on, everywhere (`active_evaluators`,
  the sealed-bid rule in `policies.py`, the permissions), and the evaluation says so.

Each function reads only what its caller may know: the bid-side checks read the bidder's own people,
the buyers and the evaluators, never other bids; the evaluator-side checks read bids only after
opening.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Membership, Organisation, User
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    Evaluator,
    ExclusionReason,
    JointProcurement,
    Participant,
)

# The states in which a bid has been through the opening (verified or not).
OPENED_STATES = (BidStatus.OPENED, BidStatus.INVALID)

BUYER_BIDS = _(
    "People of a buyer, and coordinators, cannot bid in a procurement they run, nor an "
    "organisation they belong to (conflict of interest)."
)
EVALUATOR_BIDS = _(
    "An evaluator of this procurement belongs to this organisation: it cannot bid "
    "(conflict of interest)."
)
BIDDER_EVALUATES = _("A person of a bidding organisation cannot evaluate (conflict of interest).")


def buyer_organisations(procurement: JointProcurement | int) -> QuerySet[Participant, Any]:
    """The ids of the procurement's buyers: the lead and every participating city administration."""
    return Participant.objects.filter(procurement=procurement).values("organisation_id")


def is_buyer_person(user: Any, procurement: JointProcurement) -> bool:
    """Whether `user` runs the procurement: belongs (in any role) to one of its buyers, or is a
    coordinator (the platform role, which may change every procurement)."""
    if not isinstance(user, User):
        return False
    return (
        bool(user.is_coordinator)
        or Membership.objects.filter(
            user=user, organisation_id__in=buyer_organisations(procurement)
        ).exists()
    )


def bidder_conflict(procurement: JointProcurement, bidder: Organisation) -> str | None:
    """Why `bidder` may not bid in `procurement` (None if it may). Reads the bidder's own people,
    the buyers and the evaluators — nothing about other bids."""
    people = Membership.objects.filter(organisation=bidder).values("user_id")
    if (
        Membership.objects.filter(
            user_id__in=people, organisation_id__in=buyer_organisations(procurement)
        ).exists()
        or User.objects.filter(pk__in=people, is_coordinator=True).exists()
    ):
        return str(BUYER_BIDS)
    if (
        Evaluator.objects.filter(procurement=procurement, user_id__in=people)
        .exclude(exclusion_reason=ExclusionReason.REMOVED)
        .exists()
    ):
        return str(EVALUATOR_BIDS)
    return None


def bidding_organisations(procurement: JointProcurement | int) -> QuerySet[Bid, Any]:
    """The ids of the organisations whose bids went through the opening (none before it)."""
    return Bid.objects.filter(procurement=procurement, status__in=OPENED_STATES).values("bidder_id")


def in_a_bidding_organisation(
    user_field: str = "user_id", procurement_field: str = "procurement_id"
) -> Exists:
    """An `Exists` for querysets: the person named by the outer row's `user_field` belongs to an
    organisation whose bid in the procurement named by `procurement_field` was opened."""
    orgs = Membership.objects.filter(user_id=OuterRef(OuterRef(user_field))).values(
        "organisation_id"
    )
    return Exists(
        Bid.objects.filter(
            procurement_id=OuterRef(procurement_field),
            status__in=OPENED_STATES,
            bidder_id__in=orgs,
        )
    )


def person_of_a_bidder(user: Any, procurement: JointProcurement) -> bool:
    """Whether `user` belongs to a bidding organisation. Only meaningful after opening (before it no
    bid counts): callers must not ask it before, or they make an oracle."""
    if procurement.opened_at is None or not isinstance(user, User):
        return False
    return Membership.objects.filter(
        user=user, organisation_id__in=bidding_organisations(procurement)
    ).exists()


def conflicted_evaluators(procurement: JointProcurement) -> QuerySet[Evaluator]:
    """Evaluators not yet excluded who are (now) persons of a bidding organisation."""
    if procurement.opened_at is None:
        return Evaluator.objects.none()
    return Evaluator.objects.filter(procurement=procurement, excluded_at__isnull=True).filter(
        in_a_bidding_organisation()
    )


def active_q() -> Q:
    """Evaluators whose scores count and who read the bids: declared no conflict, not excluded, and
    not (now) a person of a bidding organisation."""
    return Q(declared_no_conflict_at__isnull=False, excluded_at__isnull=True) & ~Q(
        in_a_bidding_organisation()
    )


def active_evaluators(procurement: JointProcurement) -> QuerySet[Evaluator]:
    return Evaluator.objects.filter(procurement=procurement).filter(active_q())


def excluded_evaluators(procurement: JointProcurement) -> list[Evaluator]:
    """Every excluded evaluator with the reason (`exclusion_reason`): recorded exclusions, and after
    opening those who became persons of a bidding organisation since (not yet recorded)."""
    conflicted = set(conflicted_evaluators(procurement).values_list("pk", flat=True))
    out = []
    for ev in Evaluator.objects.filter(procurement=procurement).select_related("user"):
        if ev.excluded_at is None and ev.pk in conflicted:
            ev.exclusion_reason = ExclusionReason.BIDDER  # in memory: the reason, not recorded yet
            out.append(ev)
        elif ev.excluded_at is not None:
            out.append(ev)
    return out
