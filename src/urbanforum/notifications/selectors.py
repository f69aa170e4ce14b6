from __future__ import annotations

from django.db.models import QuerySet

from urbanforum.accounts.models import User
from urbanforum.notifications.models import Notification


def user_notifications(
    *, user: User, unread: bool = False, event_type: str = ""
) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user, in_app=True)
    if unread:
        qs = qs.filter(read_at=None)
    if event_type:
        qs = qs.filter(event_type=event_type)
    return qs.order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, in_app=True, read_at=None).count()
