"""Reads of bids. Content comes out only through `bid_content` (whoever the sealed-bid rule,
`policies.bid_policy`, allows) and `opened_content` (the system's read of opened bids, for the
evaluation and the published award)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import User
from urbanforum.procurement import clock, sealing
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    JointProcurement,
)
from urbanforum.procurement.policies import (
    OPENED_STATES,
    bid_policy,
)
from urbanforum.procurement.selectors.procurements import may_act_for_bidder, provider_organisations

SEALED = gettext_lazy("This bid is sealed: only the bidder can read it before opening.")


# --- bids --------------------------------------------------------------------------------------


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


def bid_get(*, procurement: JointProcurement, bid_id: str) -> Bid | None:
    """A bid of the procurement by its public id (its metadata; whether the user may read it is
    `bid_policy`'s)."""
    return (
        Bid.objects.select_related("lot", "bidder", "procurement")
        .filter(procurement=procurement, public_id=bid_id)
        .first()
    )


def bids_of_bidder(*, procurement: JointProcurement, user: User | AnonymousUser) -> QuerySet[Bid]:
    """The bids the user's provider organisations made (metadata only)."""
    orgs = provider_organisations(user)
    return Bid.objects.filter(procurement=procurement, bidder__in=orgs).select_related(
        "lot", "bidder"
    )


def opened_bids(*, procurement: JointProcurement) -> QuerySet[Bid]:
    if procurement.opened_at is None:
        return Bid.objects.none()
    return Bid.objects.filter(procurement=procurement, status__in=OPENED_STATES).select_related(
        "lot", "bidder", "procurement"
    )


def readable_bids(*, procurement: JointProcurement, user: User | AnonymousUser) -> QuerySet[Bid]:
    """The procurement's bids whose content `user` may read now (the sealed-bid rule)."""
    base = Bid.objects.filter(procurement=procurement).select_related(
        "lot", "bidder", "procurement"
    )
    return bid_policy.queryset(user, base=base)


def readable_opened_bids(
    *, procurement: JointProcurement, user: User | AnonymousUser
) -> QuerySet[Bid]:
    return bid_policy.queryset(user, base=opened_bids(procurement=procurement))


def bid_content(*, user: User | AnonymousUser, bid: Bid) -> dict[str, Any]:
    """A bid's content for whoever may read it (`bid_policy`): the bidding organisation always,
    with its own key; after opening, the buyers, the declared evaluators and coordinators."""
    if not bid_policy.allows(user, bid):
        opened = bid.procurement.opened_at is not None and bid.status in OPENED_STATES
        raise PermissionDenied(_("You cannot read this bid.") if opened else str(SEALED))
    if may_act_for_bidder(user, bid.bidder):
        return _bidders_copy(bid)
    return opened_content(bid)


def bid_content_for_bidder(*, user: User | AnonymousUser, bid: Bid) -> dict[str, Any]:
    """The bidder reads back its own bid (any time). Membership is checked directly: no superuser
    or coordinator exception."""
    if not may_act_for_bidder(user, bid.bidder):
        raise PermissionDenied(_("Only the bidder can read a sealed bid."))
    return _bidders_copy(bid)


def _bidders_copy(bid: Bid) -> dict[str, Any]:
    raw = sealing.open_for_bidder(
        ciphertext=bid.ciphertext,
        wrapped_key=bid.key_for_bidder,
        aad=bid.aad,
        procurement_id=bid.procurement_id,
        salt=bid.procurement.seal_salt,
        bidder_id=bid.bidder_id,
    )
    return dict(json.loads(raw))


def opened_content(bid: Bid) -> dict[str, Any]:
    """The content of a bid with the opening key (which cannot be derived before the deadline).

    No user is asked: the callers are the evaluation (shown only to whom `opened_bids_policy`
    allows; used by the award) and the OCDS release, which publishes a bid's price once its lot
    is awarded."""
    raw = sealing.open_sealed(
        ciphertext=bid.ciphertext,
        wrapped_key=bid.key_for_opening,
        aad=bid.aad,
        procurement_id=bid.procurement_id,
        salt=bid.procurement.seal_salt,
        deadline=bid.procurement.bid_deadline,
    )
    return dict(json.loads(raw))
