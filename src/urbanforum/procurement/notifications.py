"""Notification strategies for joint procurement events (the notifications app's registry, filled
when the procurement app is ready). The sealed-bid rule holds here too: a sealed bid is announced
only to its own organisation; buyers hear about bids only when they are opened, and no message
carries bid content."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.core.events import DomainEvent
from urbanforum.notifications import subscribers
from urbanforum.notifications.strategies import Message, Strategy, register
from urbanforum.procurement.models import Award, Bid, Evaluator, JointProcurement, Participant


def _url(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _procurement(event: DomainEvent) -> Message:
    p = JointProcurement.objects.filter(pk=event.payload["procurement_id"]).first()
    return Message(
        text="",
        url=_url("procurement:detail", p.reference) if p else "",
        object_key=f"procurement.jointprocurement:{event.payload['procurement_id']}",
        object_label=p.title if p else "",
    )


def _buyers(procurement_id: int) -> Iterable[User]:
    orgs = Participant.objects.filter(procurement_id=procurement_id).values("organisation_id")
    return User.objects.filter(
        pk__in=Membership.objects.filter(organisation_id__in=orgs).values("user_id")
    ).distinct()


@register
class BidSealedStrategy(Strategy):
    event_type = "procurement.bid_sealed"
    label = gettext_lazy("Your organisation sealed a bid")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        # Only the bidding organisation's editors and admins.
        return User.objects.filter(
            memberships__organisation_id=event.payload["organisation_id"],
            memberships__role__in=[Role.EDITOR, Role.ADMIN],
        ).distinct()

    def message(self, event: DomainEvent) -> Message:
        bid = (
            Bid.objects.select_related("procurement", "lot")
            .filter(public_id=event.payload["bid_id"])
            .first()
        )
        if bid is None:
            return Message(text=_("A bid of your organisation was sealed."))
        return Message(
            text=_(
                "Your organisation sealed a bid for lot %(number)s of “%(procurement)s”. Only your organisation can read it before the deadline."
            )
            % {"number": bid.lot.number, "procurement": bid.procurement.title},
            url=_url("procurement:bid", bid.procurement.reference, bid.public_id),
            object_key=f"procurement.bid:{bid.public_id}",
            object_label=_("sealed bid"),
        )


@register
class BidsOpenedStrategy(Strategy):
    event_type = "procurement.bids_opened"
    label = gettext_lazy("The bids of a joint procurement were opened")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        evaluators = Evaluator.objects.filter(
            procurement_id=event.payload["procurement_id"]
        ).values("user_id")
        return User.objects.filter(
            Q(pk__in=[u.pk for u in _buyers(event.payload["procurement_id"])])
            | Q(pk__in=evaluators)
        ).distinct()

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        return Message(
            text=ngettext(
                "The bids of “%(object_label)s” were opened (%(bids)s bid).",
                "The bids of “%(object_label)s” were opened (%(bids)s bids).",
                event.payload.get("bids", 0),
            )
            % {"object_label": m.object_label, "bids": event.payload.get("bids", 0)},
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


@register
class EvaluatorAddedStrategy(Strategy):
    event_type = "procurement.evaluator_added"
    label = gettext_lazy("You are an evaluator of a joint procurement")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk=event.payload["user_id"])

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        return Message(
            text=_(
                "You are an evaluator of “%(object_label)s”. Declare that you have no conflict of interest before you see the bids."
            )
            % {"object_label": m.object_label},
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


@register
class AwardedStrategy(Strategy):
    event_type = "procurement.awarded"
    label = gettext_lazy("A lot of a joint procurement was awarded")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        bidders = Bid.objects.filter(lot_id=event.payload["lot_id"]).values("bidder_id")
        return User.objects.filter(
            Q(pk__in=[u.pk for u in _buyers(event.payload["procurement_id"])])
            | Q(
                pk__in=Membership.objects.filter(
                    organisation_id__in=bidders, role__in=[Role.EDITOR, Role.ADMIN]
                ).values("user_id")
            )
        ).distinct()

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        award = Award.objects.select_related("lot").filter(lot_id=event.payload["lot_id"]).first()
        if award:
            text = _(
                "Lot %(number)s of “%(object_label)s” was awarded; standstill until %(until)s UTC."
            ) % {
                "number": award.lot.number,
                "object_label": m.object_label,
                "until": f"{award.standstill_ends:%Y-%m-%d %H:%M}",
            }
        else:
            text = _("A lot of “%(object_label)s” was awarded.") % {"object_label": m.object_label}
        return Message(
            text=text,
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


def connect() -> None:
    """The notifications app subscribed to the strategies registered before it was ready; these come
    later in INSTALLED_APPS, so subscribe them too (idempotent)."""
    subscribers.connect()
