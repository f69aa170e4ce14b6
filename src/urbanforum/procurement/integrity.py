"""`urbanforum procurement verify`: does every sealed bid still authenticate under this
installation's sealing key? Run after a restore (a backup is only good if its bids still open),
after rotating secrets, or whenever in doubt. Nothing is opened: `sealing.verify` checks the
wrapped keys, the ciphertext's tag and the receipt hash, and the content never leaves it.

A bid that fails is a loud problem, not a silent one: the command exits non-zero naming each such
bid by its procurement and public identifier. The usual causes: the database was restored under
another `PROCUREMENT_SEALING_KEY` (or, when that is unset, another `SECRET_KEY`), a timestamp lost
precision on the way (dumpdata/loaddata drop microseconds, which are part of a bid's associated
data), or a row was altered."""

from __future__ import annotations

from dataclasses import dataclass

from urbanforum.procurement import sealing
from urbanforum.procurement.models import Bid, BidStatus

# Live bids must open at the deadline: both wraps are checked. Withdrawn and replaced bids keep
# their content for the bidder but their opening wrap is not renewed when a deadline moves.
LIVE = (BidStatus.SEALED, BidStatus.OPENED)
KEPT = (BidStatus.WITHDRAWN, BidStatus.REPLACED)


@dataclass(frozen=True)
class SealProblem:
    procurement: str  # reference
    bid: str  # public id
    status: str
    message: str


def seal_problems() -> tuple[int, list[SealProblem]]:
    """(how many bids were checked, the ones that do not authenticate). Bids already found
    invalid at opening are not checked again."""
    checked = 0
    problems: list[SealProblem] = []
    bids = (
        Bid.objects.filter(status__in=[*LIVE, *KEPT])
        .select_related("procurement")
        .order_by("procurement__reference", "public_id")
    )
    for bid in bids.iterator(chunk_size=500):
        checked += 1
        p = bid.procurement
        try:
            sealing.verify(
                ciphertext=bid.ciphertext,
                key_for_opening=bid.key_for_opening if bid.status in LIVE else None,
                key_for_bidder=bid.key_for_bidder,
                aad=bid.aad,
                procurement_id=p.pk,
                salt=p.seal_salt,
                deadline=p.bid_deadline,
                bidder_id=bid.bidder_id,
                expected_receipt=bid.receipt_hash,
            )
        except sealing.Tampered as exc:
            problems.append(SealProblem(p.reference, bid.public_id, bid.status, str(exc)))
    return checked, problems
