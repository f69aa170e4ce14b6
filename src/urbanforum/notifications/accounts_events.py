"""Strategies for the events of the floors below notifications (accounts).

Apps above notifications keep their strategies in their own `notifications.py`; accounts sits
below it and may not import notifications, so the strategy for its event is written here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import Invitation, User
from urbanforum.core.events import DomainEvent
from urbanforum.notifications.strategies import Message, Strategy, register, url


@register
class OrganisationInvitationStrategy(Strategy):
    """Someone is invited to an organisation (the invitee may already have an account)."""

    event_type = "invitation.created"
    label = gettext_lazy("I am invited to an organisation")
    default_email = "off"  # accounts already sends the invitation e-mail itself

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        invitation = Invitation.objects.filter(pk=event.payload.get("invitation_id") or 0).first()
        if invitation is None:
            return User.objects.none()
        return User.objects.filter(email__iexact=invitation.email)

    def message(self, event: DomainEvent) -> Message:
        invitation = Invitation.objects.select_related("organisation").get(
            pk=event.payload["invitation_id"]
        )
        return Message(
            _("You are invited to join %(organisation)s.")
            % {"organisation": invitation.organisation.name},
            url("accounts:invitation_accept", invitation.token),
            f"accounts.organisation:{invitation.organisation_id}",
            invitation.organisation.name,
        )
