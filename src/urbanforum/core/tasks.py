"""Background tasks shared by every app (Django's tasks API through the django-tasks backport)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from urbanforum.core.mail import header_safe


def deliver(subject: str, message: str, recipients: list[str]) -> int:
    """Send one plain-text e-mail now; the subject is made header-safe (core.mail)."""
    return send_mail(
        subject=header_safe(subject), message=message, from_email=None, recipient_list=recipients
    )


@task()
def send_email(subject: str, message: str, recipients: list[str]) -> int:
    return deliver(subject, message, recipients)


def send_email_on_commit(subject: str, message: str, recipients: list[str]) -> None:
    """Queue an e-mail once the current transaction commits (nothing is sent on a rollback)."""
    transaction.on_commit(lambda: send_email.enqueue(subject, message, recipients))
