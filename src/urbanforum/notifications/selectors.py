"""Reads for notifications: what a person sees (through the notification policy)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from urbanforum.accounts.models import User
from urbanforum.notifications.models import Notification
from urbanforum.notifications.policies import notification_policy


@dataclass(frozen=True)
class NotificationFilters:
    unread: bool = False
    type: str = ""  # the event type (query string `type`)


def user_notifications(
    *, user: User, filters: NotificationFilters = NotificationFilters()
) -> QuerySet[Notification]:
    """The notifications shown on the site to `user`, newest first."""
    qs = notification_policy.queryset(user).filter(in_app=True)
    if filters.unread:
        qs = qs.filter(read_at=None)
    if filters.type:
        qs = qs.filter(event_type=filters.type)
    return qs.order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    return user_notifications(user=user, filters=NotificationFilters(unread=True)).count()


def user_notification(*, user: User, notification_id: int) -> Notification | None:
    """One of `user`'s own notifications (on the site or only e-mailed), or None."""
    return notification_policy.queryset(user).filter(pk=notification_id).first()
