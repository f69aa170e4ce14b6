"""Evaluation and award: evaluators (who declare no conflict of interest), their scores of the
opened bids, and the award of each lot with a contract per participating city."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error
from urbanforum.procurement import clock, conflicts, selectors
from urbanforum.procurement.models import (
    Award,
    Bid,
    BidStatus,
    Contract,
    CriterionKind,
    Evaluator,
    ExclusionReason,
    JointProcurement,
    Lot,
    Score,
    Status,
)
from urbanforum.procurement.permissions import is_lead_editor
from urbanforum.procurement.schemas import CENT, ScoresInput
from urbanforum.procurement.services._common import lock
from urbanforum.procurement.services.bids import exclude_conflicted_evaluators


def evaluator_add(*, actor: User, procurement: JointProcurement, user: User) -> Evaluator:
    """Name an evaluator (the lead buyer's editors/admins), until the award.

    Before opening the appointment is **never** compared with the bids: answering "a person of a
    bidding organisation cannot evaluate" would tell the lead buyer who has bid. Such a person is
    excluded at opening instead (`bids_open`), and the evaluation says so. From opening on, when
    the bidders are known to the buyers anyway, a person of a bidding organisation is refused.
    Naming a person who was removed names them again; one excluded for a conflict stays out."""
    require(actor, "procurement.manage_evaluation", procurement)
    try:
        with transaction.atomic():
            p = lock(procurement)
            if p.status not in (Status.DRAFT, Status.PUBLISHED, Status.OPENED):
                raise field_error("status", _("The evaluation is over."))
            if conflicts.person_of_a_bidder(user, p):  # False before opening, by design
                raise field_error("user", str(conflicts.BIDDER_EVALUATES))
            ev = Evaluator.objects.select_for_update().filter(procurement=p, user=user).first()
            if ev is not None and ev.exclusion_reason != ExclusionReason.REMOVED:
                if ev.excluded_at is not None:
                    raise field_error(
                        "user",
                        _("%(email)s was excluded for a conflict of interest.")
                        % {"email": user.email},
                    )
                raise field_error(
                    "user", _("%(email)s is already an evaluator.") % {"email": user.email}
                )
            if ev is not None:  # removed before: named again, to declare again
                ev.excluded_at = None
                ev.exclusion_reason = ""
                ev.excluded_by = None
                ev.declared_no_conflict_at = None
                ev.declaration = ""
                ev.added_by = actor
                ev.save()
            else:
                ev = Evaluator.objects.create(procurement=p, user=user, added_by=actor)
            record(
                actor=actor,
                action="procurement.evaluator_add",
                target=p,
                changes={"evaluator": user.email},
            )
            emit(
                DomainEvent(
                    "procurement.evaluator_added",
                    actor.pk,
                    {"procurement_id": p.pk, "user_id": user.pk},
                )
            )
    except IntegrityError as exc:
        raise field_error(
            "user", _("%(email)s is already an evaluator.") % {"email": user.email}
        ) from exc
    return ev


def evaluator_remove(
    *, actor: User, procurement: JointProcurement, evaluator: Evaluator
) -> Evaluator:
    """The lead buyer removes an evaluator (until the award). The row stays, marked removed, so
    that the evaluation and the audit trail keep the record; their scores no longer count."""
    require(actor, "procurement.manage_evaluation", procurement)
    with transaction.atomic():
        p = lock(procurement)
        ev = (
            Evaluator.objects.select_for_update()
            .select_related("user")
            .get(pk=evaluator.pk, procurement=p)
        )
        if p.status not in (Status.DRAFT, Status.PUBLISHED, Status.OPENED):
            raise field_error("status", _("The evaluation is over."))
        if ev.excluded_at is not None:
            raise field_error("evaluator", _("This evaluator is already excluded."))
        ev.excluded_at = clock.now()
        ev.exclusion_reason = ExclusionReason.REMOVED
        ev.excluded_by = actor
        ev.save(update_fields=["excluded_at", "exclusion_reason", "excluded_by"])
        record(
            actor=actor,
            action="procurement.evaluator_remove",
            target=p,
            changes={"evaluator": ev.user.email},
        )
        emit(
            DomainEvent(
                "procurement.evaluator_removed",
                actor.pk,
                {"procurement_id": p.pk, "user_id": ev.user_id},
            )
        )
    return ev


NO_CONFLICT = (
    "I declare that I have no conflict of interest with any bidder in this procurement: no financial, "
    "family or other personal interest, and that I will keep the bids confidential."
)


def evaluator_declare(*, actor: User, procurement: JointProcurement, confirm: bool) -> Evaluator:
    """An evaluator declares no conflict of interest with the bidders — after opening, when the
    bidders are known (the declaration names them), and only if not a person of one of them."""
    require(actor, "procurement.declare_no_conflict", procurement)
    if not confirm:
        raise field_error("confirm", _("Confirm the declaration to see the bids."))
    with transaction.atomic():
        p = lock(procurement)
        ev = Evaluator.objects.select_for_update().filter(procurement=p, user=actor).first()
        if ev is None:  # has_perm lets a superuser through
            raise PermissionDenied(_("You are not an evaluator of this procurement."))
        if ev.excluded_at is not None:
            raise PermissionDenied(_("You are excluded from this evaluation."))
        if ev.declared_no_conflict_at is None:
            bidders = sorted(
                set(
                    Bid.objects.filter(
                        procurement=p, status__in=conflicts.OPENED_STATES
                    ).values_list("bidder__name", flat=True)
                )
            )
            ev.declared_no_conflict_at = clock.now()
            ev.declaration = NO_CONFLICT + "\nBidders: " + "; ".join(bidders)
            ev.save()
            record(
                actor=actor,
                action="procurement.no_conflict_declared",
                target=p,
                changes={"bidders": bidders},
            )
    return ev


def evaluator_declare_conflict(*, actor: User, procurement: JointProcurement) -> Evaluator:
    """An evaluator declares a conflict of interest and is excluded at once (any time before the
    award); scores they gave no longer count."""
    require(actor, "procurement.declare_conflict", procurement)
    with transaction.atomic():
        p = lock(procurement)
        ev = Evaluator.objects.select_for_update().filter(procurement=p, user=actor).first()
        if ev is None:  # has_perm lets a superuser through
            raise PermissionDenied(_("You are not an evaluator of this procurement."))
        if ev.excluded_at is not None:
            raise field_error("evaluator", _("You are already excluded from this evaluation."))
        ev.excluded_at = clock.now()
        ev.exclusion_reason = ExclusionReason.DECLARED
        ev.excluded_by = actor
        ev.save(update_fields=["excluded_at", "exclusion_reason", "excluded_by"])
        record(actor=actor, action="procurement.conflict_declared", target=p)
    return ev


def scores_submit(*, actor: User, bid: Bid, data: ScoresInput) -> list[Score]:
    """An evaluator's scores (0–100) for the quality criteria of one opened bid. Price is scored
    automatically from the prices (see selectors.evaluation)."""
    p = JointProcurement.objects.get(pk=bid.procurement_id)
    require(actor, "procurement.evaluate", p)
    if bid.status != BidStatus.OPENED:
        raise field_error("bid", _("Only opened, verified bids are evaluated."))
    if p.status != Status.OPENED or hasattr(bid.lot, "award"):
        raise field_error("status", _("The evaluation of this lot is closed."))
    scores, comment = data.scores, data.comment
    quality = {c.pk: c for c in p.criteria.filter(kind=CriterionKind.QUALITY)}
    clean: dict[int, Decimal] = {}
    for cid, c in quality.items():
        value = scores.get(str(cid))
        if value is None:
            raise field_error(f"criterion_{cid}", _("Score “%(c)s” (0–100).") % {"c": c.name})
        if not Decimal(0) <= value <= Decimal(100):
            raise field_error(f"criterion_{cid}", _("Give a number from 0 to 100."))
        clean[cid] = value
    with transaction.atomic():
        ev = Evaluator.objects.select_for_update().filter(procurement=p, user=actor).first()
        if ev is None:  # has_perm lets a superuser through
            raise PermissionDenied(_("You are not an evaluator of this procurement."))
        saved = []
        for cid, value in clean.items():
            s, _created = Score.objects.update_or_create(
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
            changes={
                "bid": bid.number,
                "scores": {quality[c].name: str(v) for c, v in clean.items()},
            },
        )
    return saved


def lot_award(*, actor: User, lot: Lot, bid: Bid | None = None) -> Award:
    """Award a lot to the best-ranked bid (or the given one); contracts follow per participating city,
    in proportion to each city's budget in the lot. The standstill period starts now."""
    p = JointProcurement.objects.get(pk=lot.procurement_id)
    require(actor, "procurement.award", p)
    if not is_lead_editor(actor, p):
        raise PermissionDenied(_("Only editors of the lead buyer can award."))
    with transaction.atomic():
        p = lock(p)
        if p.status != Status.OPENED:
            raise field_error("status", _("Bids must be opened and evaluated before an award."))
        if Award.objects.filter(lot=lot).exists():
            raise field_error(
                "lot", _("Lot %(number)s is already awarded.") % {"number": lot.number}
            )
        # Record the exclusion of anyone who became a person of a bidding organisation since the
        # opening (their scores already no longer count): the award stands on the record.
        excluded = exclude_conflicted_evaluators(p, now=clock.now())
        ranking = selectors.evaluation(procurement=p).get(lot.pk)
        if ranking is None or not ranking.rows:
            raise field_error(
                "lot", _("Lot %(number)s has no valid bid to award.") % {"number": lot.number}
            )
        if not ranking.complete:
            raise field_error("lot", _("Every declared evaluator must score every bid first."))
        winner = (
            ranking.rows[0]
            if bid is None
            else next((r for r in ranking.rows if r.bid.pk == bid.pk), None)
        )
        if winner is None:
            raise field_error("bid", _("This bid is not a valid bid of the lot."))
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
            changes={
                "lot": lot.number,
                "bid": winner.bid.number,
                "value": str(winner.amount),
                "evaluators_excluded": excluded,
            },
        )
        emit(
            DomainEvent("procurement.awarded", actor.pk, {"procurement_id": p.pk, "lot_id": lot.pk})
        )
    return award
