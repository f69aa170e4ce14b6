"""Demand: cities join a draft procurement, the lead adds lots, each city states its demand."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.core.audit import record
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.procurement.models import Demand, JointProcurement, Lot, Participant, Status
from urbanforum.procurement.schemas import DemandInput
from urbanforum.procurement.selectors import represented_city
from urbanforum.procurement.services._common import lock


def procurement_join(
    *, actor: User, procurement: JointProcurement, organisation: Organisation
) -> Participant:
    require(actor, "procurement.join_jointprocurement", procurement)
    if not has_role(actor, organisation, Role.EDITOR):
        raise PermissionDenied(_("You can only join on behalf of an administration you edit."))
    city = represented_city(organisation)
    if city is None:
        raise field_error("organisation", _("This organisation does not represent a city."))
    with transaction.atomic():
        p = lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error(
                "status", _("Cities can join only while the demand is being gathered.")
            )
        if p.participants.filter(city=city).exists():
            raise field_error(
                "organisation", _("%(city)s already takes part.") % {"city": city.name}
            )
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
        p = lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error("status", _("Lots can be added only before publication."))
        number = (p.lots.aggregate(n=Max("number"))["n"] or 0) + 1
        lot = Lot(
            procurement=p, number=number, title=title, description=description, cpv_code=cpv_code
        )
        validate(lot)
        lot.save()
        record(actor=actor, action="procurement.lot_create", target=p, changes={"lot": title})
    return lot


def demand_add(*, actor: User, lot: Lot, organisation: Organisation, data: DemandInput) -> Demand:
    """A participating city states (part of) its demand in a lot."""
    procurement = lot.procurement
    require(actor, "procurement.state_demand", procurement)
    if not has_role(actor, organisation, Role.EDITOR):
        raise PermissionDenied(_("You can only state the demand of an administration you edit."))
    with transaction.atomic():
        p = lock(procurement)
        if p.status != Status.DRAFT:
            raise field_error("status", _("The demand is fixed once the procurement is published."))
        participant = p.participants.filter(organisation=organisation).first()
        if participant is None:
            raise field_error("organisation", _("This administration does not take part."))
        demand = Demand(
            lot=lot,
            participant=participant,
            item=data.item,
            quantity=data.quantity,
            unit=data.unit,
            budget=data.budget,
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
                "item": data.item,
                "quantity": str(data.quantity),
                "budget": str(demand.budget),
            },
        )
    return demand
