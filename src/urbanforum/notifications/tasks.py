"""Background work for notifications (django-tasks). Both tasks are idempotent."""

from __future__ import annotations

from django_tasks import task


@task()
def send_notification_email(notification_id: int) -> bool:
    from urbanforum.notifications.services import send_immediate

    return send_immediate(notification_id)


@task()
def send_digests_task(period: str) -> int:
    from urbanforum.notifications.services import send_digests

    return send_digests(period)
