"""Sealed bids: submit (or replace), withdraw before the deadline, open after it.

Who may read a bid's content is the sealed-bid rule of `policies.bid_policy`; reading it is
`selectors.bid_content`. Nothing here puts content into audit entries, events or e-mails."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from urbanforum.accounts.models import Organisation, OrganisationKind, User
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.policies import forget
from urbanforum.core.services import field_error
from urbanforum.core.tasks import send_email_on_commit
from urbanforum.procurement import clock, sealing
from urbanforum.procurement.models import Bid, BidStatus, JointProcurement, Lot, Status
from urbanforum.procurement.permissions import is_lead_editor
from urbanforum.procurement.schemas import BidInput
from urbanforum.procurement.selectors import may_act_for_bidder
from urbanforum.procurement.services._common import lock


@dataclass(frozen=True)
class Receipt:
    bid_id: int
    procurement: str
    lot: int
    bidder: str
    submitted_at: str
    nonce: str
    receipt_hash: str


def _receipt(bid: Bid, nonce: str) -> Receipt:
    return Receipt(
        bid_id=bid.pk,
        procurement=bid.procurement.reference,
        lot=bid.lot.number,
        bidder=bid.bidder.name,
        submitted_at=bid.submitted_at.isoformat(),
        nonce=nonce,
        receipt_hash=bid.receipt_hash,
    )


def bid_submit(
    *, actor: User, lot: Lot, bidder: Organisation, data: BidInput
) -> tuple[Bid, Receipt]:
    """Seal a bid for a lot. A bid the same bidder already sealed for this lot is replaced.

    Race-safe: the procurement row is locked and the server clock read *after* the lock, so a bid
    that commits after the deadline cannot slip through, and opening (which takes the same lock)
    never misses or half-sees a bid."""
    procurement = JointProcurement.objects.get(pk=lot.procurement_id)  # fresh: status and deadline
    require(actor, "procurement.submit_bid", procurement)
    if not may_act_for_bidder(actor, bidder) or bidder.kind == OrganisationKind.CITY_ADMINISTRATION:
        raise PermissionDenied("You can only bid for a provider organisation you edit.")
    with transaction.atomic():
        p = lock(procurement)
        now = clock.now()
        if p.status != Status.PUBLISHED or now >= p.bid_deadline:
            raise field_error("bid_deadline", "The bid deadline has passed: late bids are refused.")
        if p.participants.filter(organisation=bidder).exists():
            raise field_error("bidder", "A buyer cannot bid in its own procurement.")
        previous = list(
            Bid.objects.select_for_update().filter(lot=lot, bidder=bidder, status=BidStatus.SEALED)
        )
        for old in previous:
            old.status = BidStatus.REPLACED
            old.save(update_fields=["status"])
        bid = Bid(procurement=p, lot=lot, bidder=bidder, submitted_by=actor, submitted_at=now)
        nonce = secrets.token_hex(16)
        document = {
            "procurement": p.reference,
            "lot": lot.number,
            "bidder": bidder.pk,
            "submitted_at": now.isoformat(),
            "nonce": nonce,
            "amount": str(data.amount),
            "currency": p.currency,
            "offer": data.offer.strip(),
        }
        sealed = sealing.seal(
            document=document,
            aad=bid.aad,
            procurement_id=p.pk,
            salt=p.seal_salt,
            deadline=p.bid_deadline,
            bidder_id=bidder.pk,
        )
        bid.ciphertext = sealed.ciphertext
        bid.key_for_opening = sealed.key_for_opening
        bid.key_for_bidder = sealed.key_for_bidder
        bid.receipt_hash = sealed.receipt_hash
        bid.save()
        record(
            actor=actor,
            action="procurement.bid_submit",
            target_type="procurement.bid",
            target_id=str(bid.pk),
            target_label="sealed bid",
            changes={"receipt_hash": bid.receipt_hash, "replaces": [b.pk for b in previous]},
        )
        # Only the bidder is told; the payload carries no content.
        emit(
            DomainEvent(
                "procurement.bid_sealed", actor.pk, {"bid_id": bid.pk, "organisation_id": bidder.pk}
            )
        )
        send_email_on_commit(
            "Your sealed bid: receipt",
            f"Your bid for lot {lot.number} of “{p.title}” is sealed.\n"
            f"Submitted at: {now.isoformat()}\nReceipt (SHA-256): {bid.receipt_hash}\n"
            f"Nonce: {nonce}\nNobody can read it before the deadline ({p.bid_deadline.isoformat()}).",
            [actor.email],
        )
    return bid, _receipt(bid, nonce)


def bid_withdraw(*, actor: User, bid: Bid) -> Bid:
    if not may_act_for_bidder(actor, bid.bidder):
        raise PermissionDenied("Only the bidder can withdraw its bid.")
    with transaction.atomic():
        bid.procurement = lock(bid.procurement)
        b = Bid.objects.select_for_update().get(pk=bid.pk)
        if clock.now() >= b.procurement.bid_deadline:
            raise field_error("bid_deadline", "The bid deadline has passed: the bid stands.")
        if b.status != BidStatus.SEALED:
            raise field_error("status", "Only a sealed bid can be withdrawn.")
        b.status = BidStatus.WITHDRAWN
        b.save(update_fields=["status"])
        record(
            actor=actor,
            action="procurement.bid_withdraw",
            target_type="procurement.bid",
            target_id=str(b.pk),
            target_label="sealed bid",
        )
    return b


def bids_open(*, actor: User, procurement: JointProcurement) -> list[Bid]:
    """Open every sealed bid: only after the deadline, only by the lead buyer's editors/admins.

    Each bid is decrypted and its receipt hash recomputed; a mismatch (or a ciphertext that does not
    authenticate) marks it invalid. Records who opened and when."""
    if not is_lead_editor(actor, procurement):
        raise PermissionDenied("Only editors of the lead buyer can open the bids.")
    with transaction.atomic():
        p = lock(procurement)
        now = clock.now()
        if now < p.bid_deadline:
            raise field_error(
                "bid_deadline", "The bids stay sealed until the bid deadline has passed."
            )
        if p.status != Status.PUBLISHED or p.opened_at is not None:
            raise field_error(
                "status", "The bids are already open (or the procurement is not published)."
            )
        opened = []
        results = {}
        for bid in Bid.objects.select_for_update().filter(procurement=p, status=BidStatus.SEALED):
            bid.procurement = p
            try:
                raw = sealing.open_sealed(
                    ciphertext=bid.ciphertext,
                    wrapped_key=bid.key_for_opening,
                    aad=bid.aad,
                    procurement_id=p.pk,
                    salt=p.seal_salt,
                    deadline=p.bid_deadline,
                )
                ok = sealing.receipt_hash(raw) == bid.receipt_hash
            except sealing.Tampered:
                ok = False
            bid.verified = ok
            bid.status = BidStatus.OPENED if ok else BidStatus.INVALID
            bid.save(update_fields=["verified", "status"])
            results[str(bid.pk)] = "verified" if ok else "FAILED verification"
            opened.append(bid)
        p.opened_at = now
        p.opened_by = actor
        p.status = Status.OPENED
        p.save(update_fields=["opened_at", "opened_by", "status", "updated_at"])
        record(actor=actor, action="procurement.bids_open", target=p, changes={"bids": results})
        emit(
            DomainEvent(
                "procurement.bids_opened", actor.pk, {"procurement_id": p.pk, "bids": len(opened)}
            )
        )
    procurement.refresh_from_db()
    forget(procurement)
    return opened
