"""The procurement itself: start it, edit it, set its award criteria and documents, publish it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import Organisation, OrganisationKind, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.models import unique_slug
from urbanforum.core.permissions import require
from urbanforum.core.policies import forget
from urbanforum.core.services import field_error, update, validate
from urbanforum.processes.models import Process
from urbanforum.procurement import clock, sealing
from urbanforum.procurement.models import (
    AwardCriterion,
    Bid,
    BidStatus,
    CriterionKind,
    Document,
    JointProcurement,
    Participant,
    Status,
)
from urbanforum.procurement.process_link import require_attach
from urbanforum.procurement.schemas import CriteriaInput, ProcurementChanges, ProcurementInput
from urbanforum.procurement.selectors import represented_city
from urbanforum.procurement.services._common import lock


def _unique_reference(title: str) -> str:
    return unique_slug(JointProcurement(), title, field="reference", max_length=50)


def procurement_create(
    *,
    actor: User,
    lead_organisation: Organisation,
    data: ProcurementInput,
    process: Process | None = None,
) -> JointProcurement:
    """Start a joint procurement led by `lead_organisation`; optionally in a process's Action phase
    (then only the process's lead and partner cities, or coordinators, may attach it)."""
    require(actor, "procurement.add_jointprocurement")
    require_attach(actor, process)
    if not has_role(actor, lead_organisation, Role.EDITOR):
        raise PermissionDenied(_("Only editors of the lead city's administration can start it."))
    lead_city = represented_city(lead_organisation)
    if lead_city is None or lead_organisation.kind != OrganisationKind.CITY_ADMINISTRATION:
        raise field_error("lead_organisation", _("The lead buyer must be a city administration."))
    _refuse_past_deadlines(
        {
            "clarification_deadline": data.clarification_deadline,
            "bid_deadline": data.bid_deadline,
        }
    )
    fields = data.model_dump(include=set(ProcurementInput.model_fields))
    with transaction.atomic():
        p = JointProcurement(
            reference=_unique_reference(data.title),
            lead_organisation=lead_organisation,
            lead_city=lead_city,
            process=process,
            challenge=process.challenge if process is not None else None,
            seal_salt=sealing.new_salt(),
            created_by=actor,
            **fields,
        )
        validate(p, exclude=["seal_salt"])
        p.save()
        Participant.objects.create(
            procurement=p, city=lead_city, organisation=lead_organisation, is_lead=True
        )
        record(
            actor=actor,
            action="procurement.create",
            target=p,
            changes={"title": data.title, "process": process.slug if process else None},
        )
        emit(DomainEvent("procurement.created", actor.pk, {"procurement_id": p.pk}))
    return p


def procurement_update(
    *, actor: User, procurement: JointProcurement, changes: ProcurementChanges
) -> JointProcurement:
    """Edit a draft, or a published procurement before its deadline. A published bid deadline and
    standstill period can only be extended, the procedure and the main category not changed;
    moving the deadline re-wraps the sealed bids' keys (the deadline is bound into them)."""
    require(actor, "procurement.change_jointprocurement", procurement)
    values = changes.given()
    with transaction.atomic():
        p = lock(procurement)
        if p.status not in (Status.DRAFT, Status.PUBLISHED):
            raise field_error("status", _("The procurement can no longer be changed."))
        if p.status == Status.PUBLISHED and clock.now() >= p.bid_deadline:
            raise field_error(
                "bid_deadline", _("The bid deadline has passed: nothing can change now.")
            )
        _refuse_changed_terms(p, values)
        # A deadline that is set anew must lie ahead (publishing would refuse it anyway); one
        # that stays as it was is left alone, so a PATCH of the title is not refused for it.
        _refuse_past_deadlines(
            {
                name: values[name]
                for name in ("clarification_deadline", "bid_deadline")
                if values.get(name) is not None and values[name] != getattr(p, name)
            }
        )
        old_deadline = p.bid_deadline
        new_deadline = values.get("bid_deadline") or old_deadline
        # Shortening a deadline after publication would let a buyer open bids early.
        if p.status == Status.PUBLISHED and new_deadline < old_deadline:
            raise field_error("bid_deadline", _("A published bid deadline can only be extended."))
        if new_deadline != old_deadline:
            # Rolled back with the rest if the new values do not validate.
            _move_bid_deadline(p, old_deadline=old_deadline, new_deadline=new_deadline)
        update(
            p,
            actor=actor,
            values=values,
            action="procurement.update",
            validate_exclude=["seal_salt"],
        )
        if p.status == Status.PUBLISHED and new_deadline != old_deadline:
            emit(
                DomainEvent(
                    "procurement.bid_deadline_changed",
                    actor.pk,
                    {
                        "procurement_id": p.pk,
                        "old": old_deadline.isoformat(),
                        "new": new_deadline.isoformat(),
                    },
                )
            )
    procurement.refresh_from_db()
    forget(procurement)
    return procurement


def _refuse_changed_terms(p: JointProcurement, values: dict[str, Any]) -> None:
    """After publication the bidders rely on the procedure, the category and the standstill
    period: the first two are fixed, the standstill can only be lengthened (like the deadline)."""
    if not p.terms_fixed:
        return
    errors: dict[str, list[str]] = {}
    for name in ("procedure", "category"):
        if values.get(name) is not None and values[name] != getattr(p, name):
            errors[name] = [str(FIXED_AFTER_PUBLICATION[name])]
    days = values.get("standstill_days")
    if days is not None and days < p.standstill_days:
        errors["standstill_days"] = [
            _("A published standstill period can only be lengthened (it is %(days)s days).")
            % {"days": p.standstill_days}
        ]
    if errors:
        raise ValidationError(errors)


FIXED_AFTER_PUBLICATION = {
    "procedure": gettext_lazy("The procedure is fixed once the procurement is published."),
    "category": gettext_lazy("The main category is fixed once the procurement is published."),
}


def _refuse_past_deadlines(deadlines: dict[str, datetime]) -> None:
    now = clock.now()
    errors = {
        name: [str(PAST_DEADLINE[name])]
        for name, value in deadlines.items()
        if value is not None and value <= now
    }
    if errors:
        raise ValidationError(errors)


PAST_DEADLINE = {
    "clarification_deadline": gettext_lazy("The clarification deadline must be in the future."),
    "bid_deadline": gettext_lazy("The bid deadline must be in the future."),
}


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


def criteria_set(
    *, actor: User, procurement: JointProcurement, data: CriteriaInput
) -> list[AwardCriterion]:
    """Replace the award criteria. MEAT: the weights must add up to exactly 100."""
    require(actor, "procurement.change_jointprocurement", procurement)
    if not data.criteria:
        raise field_error("criteria", _("Give at least one award criterion."))
    objs = []
    for i, c in enumerate(data.criteria):
        obj = AwardCriterion(procurement=procurement, name=c.name, kind=c.kind, weight=c.weight)
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
            _("The weights of the award criteria must add up to 100; they add up to %(total)s.")
            % {"total": total},
        )
    if sum(1 for o in objs if o.kind == CriterionKind.PRICE) > 1:
        raise field_error("kind", _("Give at most one price criterion."))
    with transaction.atomic():
        p = lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error(
                "status", _("The award criteria are fixed once the procurement is published.")
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
        p = lock(procurement)
        now = clock.now()
        if p.status != Status.DRAFT:
            raise field_error("status", _("Only a draft can be published."))
        lots = list(p.lots.all())
        if not lots:
            raise field_error("lots", _("Add at least one lot."))
        for lot in lots:
            if not lot.demands.exists():
                raise field_error(
                    "lots", _("Lot %(number)s has no demand yet.") % {"number": lot.number}
                )
        total = p.criteria.aggregate(t=Sum("weight"))["t"] or 0
        if total != 100:
            raise field_error(
                "criteria",
                _("The award criteria's weights add up to %(total)s, not 100.") % {"total": total},
            )
        if p.bid_deadline <= now:
            raise field_error("bid_deadline", _("The bid deadline must be in the future."))
        if p.clarification_deadline <= now:
            raise field_error(
                "clarification_deadline", _("The clarification deadline must be in the future.")
            )
        p.status = Status.PUBLISHED
        p.publication_date = now
        p.save(update_fields=["status", "publication_date", "updated_at"])
        record(actor=actor, action="procurement.publish", target=p)
        emit(DomainEvent("procurement.published", actor.pk, {"procurement_id": p.pk}))
    procurement.refresh_from_db()
    forget(procurement)
    return procurement
