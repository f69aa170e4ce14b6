"""Who may see what of a joint procurement: each rule written once (`core.policies`), giving both
the check (`allows`, the registered permission) and the queryset every read goes through (lists,
the API, the OCDS export, notifications).

* A procurement: everyone once published; drafts the people of its buyers, the editors of any city
  administration (that is how cities find and join them) and coordinators.
* The opened bids of a procurement: once opened, its buyers' people, its active evaluators (declared
  no conflict of interest, not excluded, not a person of a bidding organisation — `conflicts.py`),
  and coordinators.
* A bid's content (the sealed-bid rule): the bidding organisation's editors/admins always (with
  their own key); after opening, whoever may read the procurement's opened bids — and the bid must
  have been opened. Nobody else, ever: superusers get no exception (the role `is_coordinator` is
  tested, not `is_superuser`), and the rule is asked directly, never through `has_perm` (which a
  superuser passes).
* A contract: whoever may see its procurement.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet

from urbanforum.accounts.models import Membership, Role
from urbanforum.accounts.permissions import edits_a_city_administration
from urbanforum.core.policies import (
    EVERYTHING,
    NOTHING,
    VisibilityPolicy,
    is_authenticated,
    is_coordinator,
)
from urbanforum.procurement.conflicts import OPENED_STATES, active_q
from urbanforum.procurement.models import (
    Bid,
    Contract,
    Evaluator,
    JointProcurement,
    Participant,
    Status,
)

M = TypeVar("M", bound=models.Model)


def _organisations_of(user: Any, *, editors: bool = False) -> QuerySet[Membership, Any]:
    memberships = Membership.objects.filter(user=user)
    if editors:
        memberships = memberships.filter(role__in=[Role.EDITOR, Role.ADMIN])
    return memberships.values("organisation_id")


def _is_buyer(user: Any, procurement: str = "pk") -> Q:
    """The user belongs to one of the procurement's buyers (`procurement` names its id)."""
    orgs = _organisations_of(user)
    return Q(
        Exists(
            Participant.objects.filter(
                procurement_id=OuterRef(procurement), organisation_id__in=orgs
            )
        )
    )


class AskedEveryTime(VisibilityPolicy[M]):
    """A policy whose answer is never memoised on the instance: the sealed-bid rules change within
    a request (an evaluator declares, the bids are opened) and must never answer from before."""

    def allows(self, user: Any, obj: M | None) -> bool:
        if obj is None or obj.pk is None:
            return False
        condition = self.rule(user)
        if condition == EVERYTHING:
            return True
        return self.model._default_manager.filter(pk=obj.pk).filter(condition).exists()


class ProcurementPolicy(VisibilityPolicy[JointProcurement]):
    model = JointProcurement

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        published = ~Q(status=Status.DRAFT)
        if not is_authenticated(user):
            return published
        if edits_a_city_administration(user):
            return EVERYTHING
        return published | _is_buyer(user) | Q(lead_organisation_id__in=_organisations_of(user))


class OpenedBidsPolicy(AskedEveryTime[JointProcurement]):
    """The procurements whose opened bids the user may read (and whose evaluation they may see)."""

    model = JointProcurement

    def rule(self, user: Any) -> Q:
        if not is_authenticated(user):
            return NOTHING
        opened = Q(opened_at__isnull=False)
        # The platform role only: a superuser who is not a coordinator gets no exception.
        if getattr(user, "is_coordinator", False):
            return opened
        # An evaluator reads the bids only while active: an exclusion (or joining a bidding
        # organisation after opening) takes effect at once.
        declared = Evaluator.objects.filter(procurement_id=OuterRef("pk"), user=user).filter(
            active_q()
        )
        return opened & (
            _is_buyer(user)
            | Q(lead_organisation_id__in=_organisations_of(user))
            | Q(Exists(declared))
        )


class BidPolicy(AskedEveryTime[Bid]):
    """Whose bids' content the user may read now (the sealed-bid rule)."""

    model = Bid

    def rule(self, user: Any) -> Q:
        if not is_authenticated(user):
            return NOTHING
        own = Q(bidder_id__in=_organisations_of(user, editors=True))
        readable = opened_bids_policy.queryset(user).values("pk")
        return own | Q(status__in=OPENED_STATES, procurement_id__in=readable)


class ContractPolicy(VisibilityPolicy[Contract]):
    model = Contract

    def rule(self, user: Any) -> Q:
        condition = procurement_policy.rule(user)
        if condition == EVERYTHING:
            return EVERYTHING
        visible = procurement_policy.queryset(user).values("pk")
        return Q(award__lot__procurement_id__in=visible)


procurement_policy = ProcurementPolicy()
opened_bids_policy = OpenedBidsPolicy()
bid_policy = BidPolicy()
contract_policy = ContractPolicy()
