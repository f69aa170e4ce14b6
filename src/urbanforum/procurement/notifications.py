"""Notification strategies for joint procurement events (the notifications app's registry, filled
when the procurement app is ready). The sealed-bid rule holds here too: a sealed bid is announced
only to its own organisation; buyers hear about bids only when they are opened, and no message
carries bid content."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.core.events import DomainEvent
from urbanforum.core.i18n import local_moment
from urbanforum.marketplace.selectors import providers_offering
from urbanforum.notifications import subscribers
from urbanforum.notifications.models import Notification
from urbanforum.notifications.strategies import Message, Strategy, register
from urbanforum.procurement.models import (
    Award,
    Bid,
    BidStatus,
    Evaluator,
    JointProcurement,
    Participant,
    Question,
)


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


def when(moment: datetime) -> str:
    """A moment in the active (the recipient's) time zone and language, the zone named."""
    return local_moment(moment)


def editors_of(organisation_ids: Iterable[int]) -> QuerySet[User]:
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            organisation_id__in=list(organisation_ids), role__in=[Role.EDITOR, Role.ADMIN]
        ).values("user_id")
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
        # The buyers; each bidder hears its own outcome (procurement.award_result).
        return _buyers(event.payload["procurement_id"])

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        award = Award.objects.select_related("lot").filter(lot_id=event.payload["lot_id"]).first()
        if award:
            text = _(
                "Lot %(number)s of “%(object_label)s” was awarded; standstill until %(until)s."
            ) % {
                "number": award.lot.number,
                "object_label": m.object_label,
                "until": when(award.standstill_ends),
            }
        else:
            text = _("A lot of “%(object_label)s” was awarded.") % {"object_label": m.object_label}
        return Message(
            text=text,
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


@register
class AwardResultStrategy(Strategy):
    """payload {"procurement_id", "lot_id", "organisation_id", "bid_id", "won"}: one event per
    bidding organisation, told only its own outcome — no rival, no price."""

    event_type = "procurement.award_result"
    label = gettext_lazy("The result for my organisation's bid")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return editors_of([event.payload["organisation_id"]])

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        award = Award.objects.select_related("lot").filter(lot_id=event.payload["lot_id"]).first()
        values = {
            "lot": award.lot.number if award else "",
            "object_label": m.object_label,
            "until": when(award.standstill_ends) if award else "",
        }
        if event.payload.get("won"):
            text = (
                _(
                    "Your organisation's bid won lot %(lot)s of “%(object_label)s”. The contracts can "
                    "be signed after the standstill period, which ends %(until)s."
                )
                % values
            )
        else:
            text = (
                _(
                    "Your organisation's bid did not win lot %(lot)s of “%(object_label)s”. You may "
                    "challenge the decision until the standstill period ends %(until)s."
                )
                % values
            )
        p = JointProcurement.objects.filter(pk=event.payload["procurement_id"]).first()
        return Message(
            text=text,
            url=_url("procurement:bid", p.reference, event.payload["bid_id"]) if p else "",
            object_key=m.object_key,
            object_label=m.object_label,
        )


def _askers(procurement_id: int) -> QuerySet[User]:
    return User.objects.filter(
        pk__in=Question.objects.filter(procurement_id=procurement_id).values("asked_by_id")
    )


def _bidders(procurement_id: int) -> QuerySet[User]:
    orgs = (
        Bid.objects.filter(procurement_id=procurement_id)
        .exclude(status=BidStatus.WITHDRAWN)
        .values_list("bidder_id", flat=True)
    )
    return editors_of(orgs)


@register
class QuestionAskedStrategy(Strategy):
    """payload {"procurement_id", "question_id"}: the lead buyer's editors answer it."""

    event_type = "procurement.question_asked"
    label = gettext_lazy("A clarification question to my procurement (lead buyer)")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        p = JointProcurement.objects.filter(pk=event.payload["procurement_id"]).first()
        return editors_of([p.lead_organisation_id]) if p else User.objects.none()

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        p = JointProcurement.objects.filter(pk=event.payload["procurement_id"]).first()
        text = _(
            "A clarification question was asked about “%(object_label)s”: answer it for all "
            "suppliers on the procurement's page."
        ) % {"object_label": m.object_label}
        if p and p.clarification_deadline:
            text += " " + _("The clarification deadline is %(when)s.") % {
                "when": when(p.clarification_deadline)
            }
        return Message(
            text=text,
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


@register
class QuestionAnsweredStrategy(Strategy):
    """payload {"procurement_id", "question_id"}: the answer is public; the people who asked
    questions and the bidding organisations' editors are told (the same text to each, naming
    nobody)."""

    event_type = "procurement.question_answered"
    label = gettext_lazy("A clarification question is answered")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        pid = event.payload["procurement_id"]
        return User.objects.filter(
            Q(pk__in=_askers(pid).values("pk")) | Q(pk__in=_bidders(pid).values("pk"))
        ).distinct()

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        return Message(
            text=_(
                "The buyers answered a clarification question about “%(object_label)s”; "
                "the answer is published for all suppliers."
            )
            % {"object_label": m.object_label},
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


@register
class BidDeadlineChangedStrategy(Strategy):
    """payload {"procurement_id", "old", "new"}: the suppliers known to be interested (who asked
    a question or hold a bid) and the other buyers; the same text to each, naming no bidder."""

    event_type = "procurement.bid_deadline_changed"
    label = gettext_lazy("The bid deadline of a procurement changes")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        pid = event.payload["procurement_id"]
        buyers = [u.pk for u in _buyers(pid)]
        return User.objects.filter(
            Q(pk__in=_askers(pid).values("pk"))
            | Q(pk__in=_bidders(pid).values("pk"))
            | Q(pk__in=buyers)
        ).distinct()

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        old = datetime.fromisoformat(event.payload["old"])
        new = datetime.fromisoformat(event.payload["new"])
        return Message(
            text=_(
                "The bid deadline of “%(object_label)s” moved from %(old)s to %(new)s. "
                "Sealed bids stay sealed and valid."
            )
            % {"object_label": m.object_label, "old": when(old), "new": when(new)},
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


def call_domains(p: JointProcurement) -> list[str]:
    """The domains of a call: those of the challenge it answers and of its process's challenge (a
    procurement has no domains of its own, and solutions no CPV codes to compare)."""
    domains: list[str] = []
    for challenge in (p.challenge, p.process.challenge if p.process else None):
        for domain in challenge.domains if challenge else []:
            if domain not in domains:
                domains.append(str(domain))
    return domains


@register
class CallPublishedStrategy(Strategy):
    """payload {"procurement_id"}: the editors of the provider organisations with a published
    solution in the call's domains hear of it, once per call — however many of their solutions
    match, and if the event came twice. Buyers of the call are not told (they published it)."""

    event_type = "procurement.published"
    label = gettext_lazy("A joint procurement call in my solutions' field is published")
    default_email = "daily"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        p = (
            JointProcurement.objects.select_related("challenge", "process__challenge")
            .filter(pk=event.payload["procurement_id"])
            .first()
        )
        if p is None:
            return User.objects.none()
        buyers = Participant.objects.filter(procurement=p).values("organisation_id")
        providers = providers_offering(call_domains(p)).exclude(pk__in=buyers)
        told = Notification.objects.filter(
            event_type=self.event_type,
            object_key=f"procurement.jointprocurement:{p.pk}",
        ).values("recipient_id")
        return editors_of(providers.values_list("pk", flat=True)).exclude(pk__in=told).distinct()

    def message(self, event: DomainEvent) -> Message:
        m = _procurement(event)
        p = (
            JointProcurement.objects.select_related("lead_city")
            .filter(pk=event.payload["procurement_id"])
            .first()
        )
        if p is None:
            return Message(text=_("A joint procurement call was published."))
        return Message(
            text=_(
                "A joint procurement call in your solutions' field is published: “%(object_label)s”, "
                "led by %(city)s. Bids are due by %(deadline)s; questions until %(questions)s."
            )
            % {
                "object_label": m.object_label,
                "city": p.lead_city.name,
                "deadline": when(p.bid_deadline),
                "questions": when(p.clarification_deadline),
            },
            url=m.url,
            object_key=m.object_key,
            object_label=m.object_label,
        )


def connect() -> None:
    """The notifications app subscribed to the strategies registered before it was ready; these come
    later in INSTALLED_APPS, so subscribe them too (idempotent)."""
    subscribers.connect()
