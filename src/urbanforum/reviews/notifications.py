"""Notification strategies for review events (the notifications app's registry, filled when the
reviews app is ready): a reviewer hears that they are asked to review (and answers on the
invitation's page); the round's organiser hears that a reviewer declined, and why."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.core.events import DomainEvent
from urbanforum.notifications import subscribers
from urbanforum.notifications.strategies import Message, Strategy, register
from urbanforum.reviews.models import Assignment, ReviewRound


def _url(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register
class ReviewerAssignedStrategy(Strategy):
    event_type = "reviews.assigned"
    label = gettext_lazy("You are asked to review")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        return User.objects.filter(pk=event.payload["user_id"])

    def message(self, event: DomainEvent) -> Message:
        r = ReviewRound.objects.filter(pk=event.payload["round_id"]).first()
        return Message(
            text=_("You are asked to review “%(title)s”.") % {"title": r.title if r else ""},
            url=_url("reviews:invitation", event.payload["round_id"]),
            object_key=f"reviews.reviewround:{event.payload['round_id']}",
            object_label=r.title if r else "",
        )


@register
class ReviewerDeclinedStrategy(Strategy):
    """payload {"round_id", "assignment_id"}: the round's organiser (who started it; the owner
    organisation's editors when that account is gone) hears who declined and why, and assigns
    someone else on the round's page."""

    event_type = "reviews.declined"
    label = gettext_lazy("A reviewer declined my review round")
    default_email = "immediate"

    def recipients(self, event: DomainEvent) -> Iterable[User]:
        r = ReviewRound.objects.filter(pk=event.payload["round_id"]).first()
        if r is None:
            return User.objects.none()
        if r.created_by_id is not None:
            return User.objects.filter(pk=r.created_by_id, is_active=True)
        return User.objects.filter(
            pk__in=Membership.objects.filter(
                organisation_id=r.organisation_id, role__in=[Role.EDITOR, Role.ADMIN]
            ).values("user_id")
        )

    def message(self, event: DomainEvent) -> Message:
        a = (
            Assignment.objects.select_related("round", "reviewer")
            .filter(pk=event.payload["assignment_id"])
            .first()
        )
        title = a.round.title if a else ""
        values = {"name": a.reviewer.display_name if a else "", "title": title}
        if a and a.decline_reason:
            text = _(
                "%(name)s declined to review “%(title)s”. Their reason: %(reason)s. "
                "Assign someone else on the round's page."
            ) % {**values, "reason": a.decline_reason}
        else:
            text = (
                _(
                    "%(name)s declined to review “%(title)s” without giving a reason. "
                    "Assign someone else on the round's page."
                )
                % values
            )
        return Message(
            text=text,
            url=_url("reviews:detail", event.payload["round_id"]),
            object_key=f"reviews.reviewround:{event.payload['round_id']}",
            object_label=title,
        )


def connect() -> None:
    """The notifications app subscribed to the strategies registered before it was ready; this one
    comes later in INSTALLED_APPS, so subscribe it too (idempotent)."""
    subscribers.connect()
