"""Contracts: each participating city's administration signs its own, after the standstill."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Role, User
from urbanforum.accounts.permissions import has_role
from urbanforum.core.audit import record
from urbanforum.core.services import field_error
from urbanforum.procurement import clock
from urbanforum.procurement.models import Contract


def contract_sign(*, actor: User, contract: Contract) -> Contract:
    org = contract.participant.organisation
    if not has_role(actor, org, Role.EDITOR):
        raise PermissionDenied(
            _("Only editors of the city's administration can sign its contract.")
        )
    with transaction.atomic():
        c = Contract.objects.select_for_update().select_related("award").get(pk=contract.pk)
        if clock.now() < c.award.standstill_ends:
            raise field_error("signed_at", _("The standstill period has not ended."))
        if c.signed_at is None:
            c.signed_at = clock.now()
            c.save()
            record(actor=actor, action="procurement.contract_sign", target=c)
    return c
