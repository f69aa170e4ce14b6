"""Sealed bids: submit (or replace), withdraw before the deadline, open after it.

Who may read a bid's content is the sealed-bid rule of `policies.bid_policy`; reading it is
`selectors.bid_content`. Nothing here puts content into audit entries, events or e-mails.

Until opening nothing may tell anyone but the bidder *who* has bid: so submitting, replacing and
withdrawing write no audit entry (the audit log is read by coordinators; its entries name the
actor) — the bid rows are the journal, and the opening writes that journal (who submitted which bid
when, withdrawals included) into the audit trail in one entry. Bids are named by a random
`public_id`, and numbered per procurement only at opening. The receipt's nonce is stored nowhere in
clear: the receipt e-mail task gets the bid's public id only and sends no nonce."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, OrganisationKind, User
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.policies import forget
from urbanforum.core.services import field_error
from urbanforum.procurement import clock, conflicts, sealing
from urbanforum.procurement.models import (
    Bid,
    BidStatus,
    ExclusionReason,
    JointProcurement,
    Lot,
    Status,
)
from urbanforum.procurement.permissions import is_lead_editor
from urbanforum.procurement.schemas import BidInput
from urbanforum.procurement.selectors import may_act_for_bidder
from urbanforum.procurement.services._common import lock
from urbanforum.procurement.tasks import send_bid_receipt


@dataclass(frozen=True)
class Receipt:
    bid_id: str
    procurement: str
    lot: int
    bidder: str
    submitted_at: str
    nonce: str
    receipt_hash: str


def _receipt(bid: Bid, nonce: str) -> Receipt:
    return Receipt(
        bid_id=bid.public_id,
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
    never misses or half-sees a bid.

    Conflicts of interest (`conflicts.py`): a person of a buyer cannot bid (the permission), nor an
    organisation with a buyer's person or an evaluator among its people (checked under the lock, so
    an evaluator named at the same moment is seen). The refusal reads only the bidder's own
    people, the buyers and the evaluators: it tells nothing about other bids."""
    procurement = JointProcurement.objects.get(pk=lot.procurement_id)  # fresh: status and deadline
    require(actor, "procurement.submit_bid", procurement)
    if not may_act_for_bidder(actor, bidder) or bidder.kind == OrganisationKind.CITY_ADMINISTRATION:
        raise PermissionDenied(_("You can only bid for a provider organisation you edit."))
    with transaction.atomic():
        p = lock(procurement)
        now = clock.now()
        if p.status != Status.PUBLISHED or now >= p.bid_deadline:
            raise field_error(
                "bid_deadline", _("The bid deadline has passed: late bids are refused.")
            )
        if p.participants.filter(organisation=bidder).exists():
            raise field_error("bidder", _("A buyer cannot bid in its own procurement."))
        conflict = conflicts.bidder_conflict(p, bidder)
        if conflict is not None:
            raise field_error("bidder", conflict)
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
        # No audit entry (it would name the bidder to coordinators before opening): the opening
        # records the journal. Only the bidder is told; the payload carries no content.
        emit(
            DomainEvent(
                "procurement.bid_sealed",
                actor.pk,
                {"bid_id": bid.public_id, "organisation_id": bidder.pk},
            )
        )
        # The task's stored arguments are the bid's public id only: it reads the rest itself and
        # sends no nonce (the bidder reads it on the bid's page, decrypted with its own key).
        public_id = bid.public_id
        transaction.on_commit(lambda: send_bid_receipt.enqueue(public_id))
    return bid, _receipt(bid, nonce)


def bid_withdraw(*, actor: User, bid: Bid) -> Bid:
    if not may_act_for_bidder(actor, bid.bidder):
        raise PermissionDenied(_("Only the bidder can withdraw its bid."))
    with transaction.atomic():
        bid.procurement = lock(bid.procurement)
        b = Bid.objects.select_for_update().get(pk=bid.pk)
        if clock.now() >= b.procurement.bid_deadline:
            raise field_error("bid_deadline", _("The bid deadline has passed: the bid stands."))
        if b.status != BidStatus.SEALED:
            raise field_error("status", _("Only a sealed bid can be withdrawn."))
        b.status = BidStatus.WITHDRAWN
        b.withdrawn_at = clock.now()
        b.save(update_fields=["status", "withdrawn_at"])
        # Recorded at opening, with the rest of the journal (see the module's docstring).
    return b


def bids_open(*, actor: User, procurement: JointProcurement) -> list[Bid]:
    """Open every sealed bid: only after the deadline, only by the lead buyer's editors/admins.

    Each bid is decrypted and its receipt hash recomputed; a mismatch (or a ciphertext that does not
    authenticate) marks it invalid. Records who opened and when."""
    if not is_lead_editor(actor, procurement):
        raise PermissionDenied(_("Only editors of the lead buyer can open the bids."))
    with transaction.atomic():
        p = lock(procurement)
        now = clock.now()
        if now < p.bid_deadline:
            raise field_error(
                "bid_deadline", _("The bids stay sealed until the bid deadline has passed.")
            )
        if p.status != Status.PUBLISHED or p.opened_at is not None:
            raise field_error(
                "status", _("The bids are already open (or the procurement is not published).")
            )
        opened = []
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
            opened.append(bid)
        journal = _number_and_journal(p)
        p.opened_at = now
        p.opened_by = actor
        p.status = Status.OPENED
        p.save(update_fields=["opened_at", "opened_by", "status", "updated_at"])
        excluded = exclude_conflicted_evaluators(p, now=now)
        record(
            actor=actor,
            action="procurement.bids_open",
            target=p,
            changes={"bids": journal, "evaluators_excluded": excluded},
        )
        emit(
            DomainEvent(
                "procurement.bids_opened", actor.pk, {"procurement_id": p.pk, "bids": len(opened)}
            )
        )
    procurement.refresh_from_db()
    forget(procurement)
    return opened


def _number_and_journal(p: JointProcurement) -> list[dict[str, object]]:
    """Number every bid of the procurement 1, 2, … in the order of submission (withdrawn and
    replaced ones too: the journal has no gaps) and return the journal for the audit trail: who
    submitted which bid when, what became of it. No content."""
    journal: list[dict[str, object]] = []
    bids = (
        Bid.objects.select_for_update(of=("self",))
        .filter(procurement=p)
        .select_related("lot", "bidder", "submitted_by")
        .order_by("submitted_at", "id")
    )
    for n, bid in enumerate(bids, start=1):
        bid.number = n
        bid.save(update_fields=["number"])
        journal.append(
            {
                "number": n,
                "id": bid.public_id,
                "lot": bid.lot.number,
                "bidder": bid.bidder.name,
                "submitted_by": bid.submitted_by.email if bid.submitted_by else "",
                "submitted_at": bid.submitted_at.isoformat(),
                "withdrawn_at": bid.withdrawn_at.isoformat() if bid.withdrawn_at else None,
                "status": bid.status,
                "receipt_hash": bid.receipt_hash,
            }
        )
    return journal


def exclude_conflicted_evaluators(p: JointProcurement, *, now: datetime) -> list[str]:
    """Record the exclusion of every evaluator who is a person of a bidding organisation (at opening,
    and again at each award for those who became one since). Returns their e-mail addresses."""
    found = list(conflicts.conflicted_evaluators(p).select_related("user"))
    for ev in found:
        ev.excluded_at = now
        ev.exclusion_reason = ExclusionReason.BIDDER
        ev.save(update_fields=["excluded_at", "exclusion_reason"])
    return [ev.user.email for ev in found]
