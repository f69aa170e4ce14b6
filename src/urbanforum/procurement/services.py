"""Writes of joint procurement. Every function checks the permission, validates (errors name the
field), writes in one transaction with row locks instead of check-then-act, records the audit trail
and emits domain events. Bid content never appears in audit entries, events or e-mails."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.cities.models import City
from urbanforum.core.audit import diff, record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.models import unique_slug
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.core.tasks import send_email_on_commit
from urbanforum.procurement import clock, sealing
from urbanforum.procurement.models import (
    CPV_RE,
    Award,
    AwardCriterion,
    Bid,
    BidStatus,
    Contract,
    CriterionKind,
    Demand,
    Document,
    Evaluator,
    JointProcurement,
    Lot,
    Participant,
    Question,
    Score,
    Status,
)
from urbanforum.procurement.permissions import (
    can_read_opened_bids,
    is_lead_editor,
    may_act_for_bidder,
)

CENT = Decimal("0.01")


def _money(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as exc:
        raise field_error(field, "Give an amount in euros, e.g. 480000.00.") from exc
    if amount <= 0:
        raise field_error(field, "The amount must be more than zero.")
    return amount


def _lock(procurement: JointProcurement) -> JointProcurement:
    return JointProcurement.objects.select_for_update().get(pk=procurement.pk)


# --- the procurement itself ---------------------------------------------------------------------

EDITABLE = (
    "title",
    "description",
    "procedure",
    "category",
    "cpv_codes",
    "selection_criteria",
    "clarification_deadline",
    "bid_deadline",
    "opening_date",
    "award_date",
    "standstill_days",
    "challenge",
)


def _unique_reference(title: str) -> str:
    return unique_slug(JointProcurement(), title, field="reference", max_length=50)


def procurement_create(
    *,
    actor: User,
    lead_organisation: Organisation,
    title: str,
    clarification_deadline: datetime,
    bid_deadline: datetime,
    cpv_codes: list[str],
    **fields: Any,
) -> JointProcurement:
    require(actor, "procurement.add_jointprocurement")
    if not has_role(actor, lead_organisation, Role.EDITOR):
        raise PermissionDenied("Only editors of the lead city's administration can start it.")
    lead_city = (
        City.objects.filter(administration=lead_organisation).order_by("-population").first()
    )
    if lead_city is None or lead_organisation.kind != OrganisationKind.CITY_ADMINISTRATION:
        raise field_error("lead_organisation", "The lead buyer must be a city administration.")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise field_error(sorted(unknown)[0], "Unknown field.")
    with transaction.atomic():
        p = JointProcurement(
            reference=_unique_reference(title),
            title=title,
            lead_organisation=lead_organisation,
            lead_city=lead_city,
            clarification_deadline=clarification_deadline,
            bid_deadline=bid_deadline,
            cpv_codes=cpv_codes,
            seal_salt=sealing.new_salt(),
            created_by=actor,
            **fields,
        )
        validate(p, exclude=["seal_salt"])
        p.save()
        Participant.objects.create(
            procurement=p, city=lead_city, organisation=lead_organisation, is_lead=True
        )
        record(actor=actor, action="procurement.create", target=p, changes={"title": title})
        emit(DomainEvent("procurement.created", actor.pk, {"procurement_id": p.pk}))
    return p


def procurement_update(
    *, actor: User, procurement: JointProcurement, **fields: Any
) -> JointProcurement:
    require(actor, "procurement.change_jointprocurement", procurement)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be changed.")
    with transaction.atomic():
        p = _lock(procurement)
        if p.status not in (Status.DRAFT, Status.PUBLISHED):
            raise field_error("status", "The procurement can no longer be changed.")
        if p.status == Status.PUBLISHED and clock.now() >= p.bid_deadline:
            raise field_error(
                "bid_deadline", "The bid deadline has passed: nothing can change now."
            )
        old_deadline = p.bid_deadline
        changes = diff(p, fields)
        new_deadline = fields.get("bid_deadline", old_deadline)
        # Shortening a deadline after publication would let a buyer open bids early.
        if p.status == Status.PUBLISHED and new_deadline < old_deadline:
            raise field_error("bid_deadline", "A published bid deadline can only be extended.")
        for name, value in fields.items():
            setattr(p, name, value)
        validate(p, exclude=["seal_salt"])
        if new_deadline != old_deadline:
            _move_bid_deadline(p, old_deadline=old_deadline, new_deadline=new_deadline)
        p.save()
        if changes:
            record(actor=actor, action="procurement.update", target=p, changes=changes)
    procurement.refresh_from_db()
    return procurement


def _move_bid_deadline(
    p: JointProcurement, *, old_deadline: datetime, new_deadline: datetime
) -> None:
    """Re-wrap the data key of every sealed bid for the new deadline (which is bound into the
    opening key). Internal: callers decide whether the move is allowed. Tests use it to move a
    deadline into the past."""
    for bid in Bid.objects.select_for_update().filter(procurement=p, status=BidStatus.SEALED):
        bid.key_for_opening = sealing.rewrap_for_new_deadline(
            wrapped_key=bid.key_for_opening,
            aad=bid.aad,
            procurement_id=p.pk,
            salt=p.seal_salt,
            old_deadline=old_deadline,
            new_deadline=new_deadline,
        )
        bid.save(update_fields=["key_for_opening"])
    p.bid_deadline = new_deadline


def procurement_join(
    *, actor: User, procurement: JointProcurement, organisation: Organisation
) -> Participant:
    require(actor, "procurement.join_jointprocurement", procurement)
    if not has_role(actor, organisation, Role.EDITOR):
        raise PermissionDenied("You can only join on behalf of an administration you edit.")
    city = City.objects.filter(administration=organisation).order_by("-population").first()
    if city is None:
        raise field_error("organisation", "This organisation does not represent a city.")
    with transaction.atomic():
        p = _lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error("status", "Cities can join only while the demand is being gathered.")
        if p.participants.filter(city=city).exists():
            raise field_error("organisation", f"{city.name} already takes part.")
        participant = Participant.objects.create(
            procurement=p, city=city, organisation=organisation
        )
        record(actor=actor, action="procurement.join", target=p, changes={"city": city.name})
        emit(
            DomainEvent(
                "procurement.joined", actor.pk, {"procurement_id": p.pk, "city_id": city.pk}
            )
        )
    return participant


def lot_create(
    *,
    actor: User,
    procurement: JointProcurement,
    title: str,
    description: str = "",
    cpv_code: str = "",
) -> Lot:
    require(actor, "procurement.change_jointprocurement", procurement)
    with transaction.atomic():
        p = _lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error("status", "Lots can be added only before publication.")
        number = (p.lots.aggregate(n=Max("number"))["n"] or 0) + 1
        lot = Lot(
            procurement=p, number=number, title=title, description=description, cpv_code=cpv_code
        )
        validate(lot)
        lot.save()
        record(actor=actor, action="procurement.lot_create", target=p, changes={"lot": title})
    return lot


def demand_add(
    *,
    actor: User,
    lot: Lot,
    organisation: Organisation,
    item: str,
    quantity: Any,
    unit: str,
    budget: Any,
) -> Demand:
    """A participating city states (part of) its demand in a lot."""
    procurement = lot.procurement
    require(actor, "procurement.state_demand", procurement)
    if not has_role(actor, organisation, Role.EDITOR):
        raise PermissionDenied("You can only state the demand of an administration you edit.")
    with transaction.atomic():
        p = _lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error("status", "The demand is fixed once the procurement is published.")
        participant = p.participants.filter(organisation=organisation).first()
        if participant is None:
            raise field_error("organisation", "This administration does not take part.")
        try:
            qty = Decimal(str(quantity))
        except InvalidOperation as exc:
            raise field_error("quantity", "Give a number.") from exc
        demand = Demand(
            lot=lot,
            participant=participant,
            item=item,
            quantity=qty,
            unit=unit or "pcs",
            budget=_money(budget, "budget"),
        )
        validate(demand)
        demand.save()
        record(
            actor=actor,
            action="procurement.demand_add",
            target=p,
            changes={
                "lot": lot.number,
                "city": participant.city.name,
                "item": item,
                "quantity": str(qty),
                "budget": str(demand.budget),
            },
        )
    return demand


def criteria_set(
    *, actor: User, procurement: JointProcurement, criteria: list[dict[str, Any]]
) -> list[AwardCriterion]:
    """Replace the award criteria. MEAT: the weights must add up to exactly 100."""
    require(actor, "procurement.change_jointprocurement", procurement)
    if not criteria:
        raise field_error("criteria", "Give at least one award criterion.")
    objs = []
    for i, c in enumerate(criteria):
        obj = AwardCriterion(
            procurement=procurement,
            name=str(c.get("name", "")).strip(),
            kind=c.get("kind", ""),
            weight=c.get("weight") or 0,
        )
        try:
            validate(obj, exclude=["procurement"])
        except ValidationError as exc:
            raise ValidationError(
                {f"criteria[{i}].{f}": m for f, m in exc.message_dict.items()}
            ) from exc
        objs.append(obj)
    total = sum(int(o.weight) for o in objs)
    if total != 100:
        raise field_error(
            "weight",
            f"The weights of the award criteria must add up to 100; they add up to {total}.",
        )
    if sum(1 for o in objs if o.kind == CriterionKind.PRICE) > 1:
        raise field_error("kind", "Give at most one price criterion.")
    with transaction.atomic():
        p = _lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error(
                "status", "The award criteria are fixed once the procurement is published."
            )
        p.criteria.all().delete()
        AwardCriterion.objects.bulk_create(objs)
        record(
            actor=actor,
            action="procurement.criteria_set",
            target=p,
            changes={"criteria": [f"{o.name} ({o.kind}) {o.weight}" for o in objs]},
        )
    return list(procurement.criteria.all())


def document_add(*, actor: User, procurement: JointProcurement, title: str, url: str) -> Document:
    require(actor, "procurement.change_jointprocurement", procurement)
    with transaction.atomic():
        doc = Document(procurement=procurement, title=title, url=url)
        validate(doc)
        doc.save()
        record(
            actor=actor,
            action="procurement.document_add",
            target=procurement,
            changes={"title": title},
        )
    return doc


def procurement_publish(*, actor: User, procurement: JointProcurement) -> JointProcurement:
    require(actor, "procurement.change_jointprocurement", procurement)
    with transaction.atomic():
        p = _lock(procurement)
        now = clock.now()
        if p.status != Status.DRAFT:
            raise field_error("status", "Only a draft can be published.")
        lots = list(p.lots.all())
        if not lots:
            raise field_error("lots", "Add at least one lot.")
        for lot in lots:
            if not lot.demands.exists():
                raise field_error("lots", f"Lot {lot.number} has no demand yet.")
        total = p.criteria.aggregate(t=Sum("weight"))["t"] or 0
        if total != 100:
            raise field_error(
                "criteria", f"The award criteria's weights add up to {total}, not 100."
            )
        if p.bid_deadline <= now:
            raise field_error("bid_deadline", "The bid deadline must be in the future.")
        if p.clarification_deadline <= now:
            raise field_error(
                "clarification_deadline", "The clarification deadline must be in the future."
            )
        p.status = Status.PUBLISHED
        p.publication_date = now
        p.save(update_fields=["status", "publication_date", "updated_at"])
        record(actor=actor, action="procurement.publish", target=p)
        emit(DomainEvent("procurement.published", actor.pk, {"procurement_id": p.pk}))
    procurement.refresh_from_db()
    return procurement


# --- clarification questions ------------------------------------------------------------------------


def question_ask(*, actor: User, procurement: JointProcurement, question: str) -> Question:
    require(actor, "procurement.ask_question", procurement)
    if not question.strip():
        raise field_error("question", "Write the question.")
    with transaction.atomic():
        p = _lock(procurement)
        now = clock.now()
        if p.status != Status.PUBLISHED or now >= p.clarification_deadline:
            raise field_error("question", "The clarification deadline has passed.")
        q = Question.objects.create(
            procurement=p, asked_by=actor, question=question.strip(), asked_at=now
        )
        # The audit entry names the procurement, not the asker's question text.
        record(actor=actor, action="procurement.question_ask", target=p)
        emit(DomainEvent("procurement.question_asked", actor.pk, {"procurement_id": p.pk}))
    return q


def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    require(actor, "procurement.answer_question", question.procurement)
    if not answer.strip():
        raise field_error("answer", "Write the answer.")
    with transaction.atomic():
        q = Question.objects.select_for_update().get(pk=question.pk)
        q.answer = answer.strip()
        q.answered_at = clock.now()
        q.save()
        record(actor=actor, action="procurement.question_answer", target=q.procurement)
        emit(
            DomainEvent(
                "procurement.question_answered", actor.pk, {"procurement_id": q.procurement_id}
            )
        )
    return q


# --- sealed bids --------------------------------------------------------------------------------------


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
    *,
    actor: User,
    lot: Lot,
    bidder: Organisation,
    amount: Any,
    offer: str,
) -> tuple[Bid, Receipt]:
    """Seal a bid for a lot. A bid the same bidder already sealed for this lot is replaced.

    Race-safe: the procurement row is locked and the server clock read *after* the lock, so a bid
    that commits after the deadline cannot slip through, and opening (which takes the same lock)
    never misses or half-sees a bid."""
    procurement = JointProcurement.objects.get(pk=lot.procurement_id)  # fresh: status and deadline
    require(actor, "procurement.submit_bid", procurement)
    if not may_act_for_bidder(actor, bidder) or bidder.kind == OrganisationKind.CITY_ADMINISTRATION:
        raise PermissionDenied("You can only bid for a provider organisation you edit.")
    value = _money(amount, "amount")
    if not offer.strip():
        raise field_error("offer", "Describe the offer (how it meets the quality criteria).")
    with transaction.atomic():
        p = _lock(procurement)
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
            "amount": str(value),
            "currency": p.currency,
            "offer": offer.strip(),
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
        bid.procurement = _lock(bid.procurement)
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


def bid_content_for_bidder(*, actor: User, bid: Bid) -> dict[str, Any]:
    """The bidder reads back its own bid (any time). Membership is checked directly: no superuser
    or coordinator exception."""
    if not may_act_for_bidder(actor, bid.bidder):
        raise PermissionDenied("Only the bidder can read a sealed bid.")
    raw = sealing.open_for_bidder(
        ciphertext=bid.ciphertext,
        wrapped_key=bid.key_for_bidder,
        aad=bid.aad,
        procurement_id=bid.procurement_id,
        salt=bid.procurement.seal_salt,
        bidder_id=bid.bidder_id,
    )
    return dict(json.loads(raw))


def may_read_bid(user: Any, bid: Bid) -> bool:
    """Whether `user` may read this bid's content now (used by every screen and endpoint)."""
    if bid.procurement.opened_at is not None and bid.status in (
        BidStatus.OPENED,
        BidStatus.INVALID,
    ):
        return bool(can_read_opened_bids(user, bid.procurement))
    return bid.status == BidStatus.SEALED and may_act_for_bidder(user, bid.bidder)


def bid_content(*, actor: Any, bid: Bid) -> dict[str, Any]:
    """A bid's content for whoever may read it: the bidder before opening; after opening the buyers,
    the declared evaluators and coordinators (the predicate is tested directly, not has_perm)."""
    if bid.status == BidStatus.SEALED or bid.procurement.opened_at is None:
        return bid_content_for_bidder(actor=actor, bid=bid)
    if not can_read_opened_bids(actor, bid.procurement):
        raise PermissionDenied("You cannot read this bid.")
    return _open_one(bid)


def _open_one(bid: Bid) -> dict[str, Any]:
    raw = sealing.open_sealed(
        ciphertext=bid.ciphertext,
        wrapped_key=bid.key_for_opening,
        aad=bid.aad,
        procurement_id=bid.procurement_id,
        salt=bid.procurement.seal_salt,
        deadline=bid.procurement.bid_deadline,
    )
    return dict(json.loads(raw))


def bids_open(*, actor: User, procurement: JointProcurement) -> list[Bid]:
    """Open every sealed bid: only after the deadline, only by the lead buyer's editors/admins.

    Each bid is decrypted and its receipt hash recomputed; a mismatch (or a ciphertext that does not
    authenticate) marks it invalid. Records who opened and when."""
    if not is_lead_editor(actor, procurement):
        raise PermissionDenied("Only editors of the lead buyer can open the bids.")
    with transaction.atomic():
        p = _lock(procurement)
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
    return opened


# --- evaluation and award ------------------------------------------------------------------------------


def evaluator_add(*, actor: User, procurement: JointProcurement, user: User) -> Evaluator:
    require(actor, "procurement.manage_evaluation", procurement)
    if procurement.bids.filter(bidder__memberships__user=user).exists():
        raise field_error("user", "A person of a bidding organisation cannot evaluate.")
    try:
        with transaction.atomic():
            ev = Evaluator.objects.create(procurement=procurement, user=user, added_by=actor)
            record(
                actor=actor,
                action="procurement.evaluator_add",
                target=procurement,
                changes={"evaluator": user.email},
            )
            emit(
                DomainEvent(
                    "procurement.evaluator_added",
                    actor.pk,
                    {"procurement_id": procurement.pk, "user_id": user.pk},
                )
            )
    except IntegrityError as exc:
        raise field_error("user", f"{user.email} is already an evaluator.") from exc
    return ev


NO_CONFLICT = (
    "I declare that I have no conflict of interest with any bidder in this procurement: no financial, "
    "family or other personal interest, and that I will keep the bids confidential."
)


def evaluator_declare(*, actor: User, procurement: JointProcurement, confirm: bool) -> Evaluator:
    require(actor, "procurement.declare_no_conflict", procurement)
    if not confirm:
        raise field_error("confirm", "Confirm the declaration to see the bids.")
    with transaction.atomic():
        ev = Evaluator.objects.select_for_update().get(procurement=procurement, user=actor)
        if ev.declared_no_conflict_at is None:
            ev.declared_no_conflict_at = clock.now()
            ev.declaration = NO_CONFLICT
            ev.save()
            record(actor=actor, action="procurement.no_conflict_declared", target=procurement)
    return ev


def scores_submit(
    *, actor: User, bid: Bid, scores: dict[Any, Any], comment: str = ""
) -> list[Score]:
    """An evaluator's scores (0–100) for the quality criteria of one opened bid. Price is scored
    automatically from the prices (see selectors.evaluation)."""
    p = JointProcurement.objects.get(pk=bid.procurement_id)
    require(actor, "procurement.evaluate", p)
    if bid.status != BidStatus.OPENED:
        raise field_error("bid", "Only opened, verified bids are evaluated.")
    if p.status != Status.OPENED or hasattr(bid.lot, "award"):
        raise field_error("status", "The evaluation of this lot is closed.")
    quality = {c.pk: c for c in p.criteria.filter(kind=CriterionKind.QUALITY)}
    clean: dict[int, Decimal] = {}
    for cid, c in quality.items():
        raw = scores.get(cid, scores.get(str(cid)))
        if raw in (None, ""):
            raise field_error(f"criterion_{cid}", f"Score “{c.name}” (0–100).")
        try:
            value = Decimal(str(raw))
        except InvalidOperation as exc:
            raise field_error(f"criterion_{cid}", "Give a number from 0 to 100.") from exc
        if not Decimal(0) <= value <= Decimal(100):
            raise field_error(f"criterion_{cid}", "Give a number from 0 to 100.")
        clean[cid] = value
    with transaction.atomic():
        ev = Evaluator.objects.select_for_update().get(procurement=p, user=actor)
        saved = []
        for cid, value in clean.items():
            s, _ = Score.objects.update_or_create(
                evaluator=ev,
                bid=bid,
                criterion=quality[cid],
                defaults={"score": value, "comment": comment},
            )
            saved.append(s)
        record(
            actor=actor,
            action="procurement.score",
            target=p,
            changes={"bid": bid.pk, "scores": {quality[c].name: str(v) for c, v in clean.items()}},
        )
    return saved


def lot_award(*, actor: User, lot: Lot, bid: Bid | None = None) -> Award:
    """Award a lot to the best-ranked bid (or the given one); contracts follow per participating city,
    in proportion to each city's budget in the lot. The standstill period starts now."""
    from urbanforum.procurement import selectors

    p = JointProcurement.objects.get(pk=lot.procurement_id)
    require(actor, "procurement.award", p)
    if not is_lead_editor(actor, p):
        raise PermissionDenied("Only editors of the lead buyer can award.")
    with transaction.atomic():
        p = _lock(p)
        if p.status != Status.OPENED:
            raise field_error("status", "Bids must be opened and evaluated before an award.")
        if Award.objects.filter(lot=lot).exists():
            raise field_error("lot", f"Lot {lot.number} is already awarded.")
        ranking = selectors.evaluation(procurement=p).get(lot.pk)
        if ranking is None or not ranking.rows:
            raise field_error("lot", f"Lot {lot.number} has no valid bid to award.")
        if not ranking.complete:
            raise field_error("lot", "Every declared evaluator must score every bid first.")
        winner = (
            ranking.rows[0]
            if bid is None
            else next((r for r in ranking.rows if r.bid.pk == bid.pk), None)
        )
        if winner is None:
            raise field_error("bid", "This bid is not a valid bid of the lot.")
        now = clock.now()
        award = Award.objects.create(
            lot=lot,
            bid=winner.bid,
            value=winner.amount,
            awarded_at=now,
            awarded_by=actor,
            standstill_ends=now + timedelta(days=p.standstill_days),
        )
        demands = list(
            lot.demands.values("participant").annotate(b=Sum("budget")).order_by("participant")
        )
        total = sum((d["b"] for d in demands), Decimal(0))
        ids = [int(d["participant"]) for d in demands]
        values = [
            (winner.amount * d["b"] / total).quantize(CENT) if total else Decimal(0)
            for d in demands
        ]
        if values:  # rounding: the last contract takes the remaining cents
            values[-1] += winner.amount - sum(values, Decimal(0))
        for participant_id, value in zip(ids, values, strict=True):
            Contract.objects.create(award=award, participant_id=participant_id, value=value)
        if not p.lots.filter(award__isnull=True).exists():
            p.status = Status.AWARDED
            p.save(update_fields=["status", "updated_at"])
        record(
            actor=actor,
            action="procurement.award",
            target=p,
            changes={"lot": lot.number, "bid": winner.bid.pk, "value": str(winner.amount)},
        )
        emit(
            DomainEvent("procurement.awarded", actor.pk, {"procurement_id": p.pk, "lot_id": lot.pk})
        )
    return award


def contract_sign(*, actor: User, contract: Contract) -> Contract:
    org = contract.participant.organisation
    if not has_role(actor, org, Role.EDITOR):
        raise PermissionDenied("Only editors of the city's administration can sign its contract.")
    with transaction.atomic():
        c = Contract.objects.select_for_update().select_related("award").get(pk=contract.pk)
        if clock.now() < c.award.standstill_ends:
            raise field_error("signed_at", "The standstill period has not ended.")
        if c.signed_at is None:
            c.signed_at = clock.now()
            c.save()
            record(actor=actor, action="procurement.contract_sign", target=c)
    return c


def organisations_for_join(user: User) -> list[Organisation]:
    return [
        m.organisation
        for m in Membership.objects.filter(
            user=user,
            role__in=[Role.EDITOR, Role.ADMIN],
            organisation__kind=OrganisationKind.CITY_ADMINISTRATION,
        ).select_related("organisation")
    ]


__all__ = ["CPV_RE"]
