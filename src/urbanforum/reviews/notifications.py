"""Notification strategies for review events (the notifications app's registry, filled when the
reviews app is ready): a reviewer hears that they are asked to review."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbanforum.accounts.models import User
from urbanforum.core.events import DomainEvent
from urbanforum.notifications import subscribers
from urbanforum.notifications.strategies import Message, Strategy, register
from urbanforum.reviews.models import ReviewRound


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
            url=_url("reviews:detail", event.payload["round_id"]),
            object_key=f"reviews.reviewround:{event.payload['round_id']}",
            object_label=r.title if r else "",
        )


def connect() -> None:
    """The notifications app subscribed to the strategies registered before it was ready; this one
    comes later in INSTALLED_APPS, so subscribe it too (idempotent)."""
    subscribers.connect()
