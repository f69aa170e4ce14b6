"""Writes for notifications: delivering events, preferences, reading, digests, unsubscribing."""

from __future__ import annotations

import logging
from collections import OrderedDict

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from urbanforum.accounts.models import User
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent
from urbanforum.core.services import field_error
from urbanforum.core.tasks import deliver as send_mail_now
from urbanforum.notifications.models import (
    EMAIL_FREQUENCIES,
    IN_APP_FREQUENCIES,
    Channel,
    Frequency,
    Notification,
    NotificationPreference,
)
from urbanforum.notifications.strategies import STRATEGIES

log = logging.getLogger(__name__)


def site_url() -> str:
    """Absolute links in e-mails: the URBANFORUM_SITE_URL setting."""
    return str(settings.URBANFORUM_SITE_URL).rstrip("/")


UNSUBSCRIBE_SALT = "urbanforum.notifications.unsubscribe"
ALL_TYPES = "*"


def effective_preferences(user: User) -> dict[tuple[str, str], str]:
    """(event type, channel) → frequency, defaults filled in. A "*" e-mail preference of "off"
    (from an unsubscribe-from-all link) switches every e-mail off."""
    stored = {
        (p.event_type, p.channel): p.frequency
        for p in NotificationPreference.objects.filter(user=user)
    }
    prefs: dict[tuple[str, str], str] = {}
    all_email_off = stored.get((ALL_TYPES, Channel.EMAIL)) == Frequency.OFF
    for event_type, strategy in STRATEGIES.items():
        prefs[(event_type, Channel.IN_APP)] = stored.get((event_type, Channel.IN_APP), Frequency.ON)
        email = stored.get((event_type, Channel.EMAIL), strategy.default_email)
        prefs[(event_type, Channel.EMAIL)] = Frequency.OFF if all_email_off else email
    return prefs


def deliver(event: DomainEvent) -> list[Notification]:
    """Route an event through its strategy: in-app rows now, e-mail now or in a digest."""
    strategy = STRATEGIES.get(event.name)
    if strategy is None:
        return []
    created: list[Notification] = []
    with transaction.atomic():
        recipients = [
            u for u in strategy.recipients(event) if u.pk != event.actor_id and u.is_active
        ]
        if not recipients:
            return []
        message = strategy.message(event)
        actor = User.objects.filter(pk=event.actor_id).first() if event.actor_id else None
        for user in recipients:
            prefs = effective_preferences(user)
            in_app = prefs[(event.name, Channel.IN_APP)] == Frequency.ON
            email = prefs[(event.name, Channel.EMAIL)]
            if not in_app and email == Frequency.OFF:
                continue
            note = Notification.objects.create(
                recipient=user,
                event_type=event.name,
                text=message.text[:500],
                url=message.url,
                object_key=message.object_key,
                object_label=message.object_label[:255],
                actor_label=actor.display_name if actor else "",
                in_app=in_app,
                email_frequency="" if email == Frequency.OFF else email,
            )
            created.append(note)
            if email == Frequency.IMMEDIATE:
                from urbanforum.notifications.tasks import send_notification_email

                transaction.on_commit(
                    lambda pk=note.pk: send_notification_email.enqueue(pk)  # type: ignore[misc]
                )
    return created


@transaction.atomic
def preference_set(
    *, actor: User, event_type: str, channel: str, frequency: str
) -> NotificationPreference:
    if event_type != ALL_TYPES and event_type not in STRATEGIES:
        raise field_error("event_type", f"'{event_type}' is not a notification type.")
    if channel not in Channel.values:
        raise field_error("channel", f"'{channel}' is not a channel (in_app, email).")
    allowed = EMAIL_FREQUENCIES if channel == Channel.EMAIL else IN_APP_FREQUENCIES
    if frequency not in allowed:
        raise field_error(
            "frequency", f"'{frequency}' is not possible for {channel} ({', '.join(allowed)})."
        )
    pref, _ = NotificationPreference.objects.update_or_create(
        user=actor, event_type=event_type, channel=channel, defaults={"frequency": frequency}
    )
    audit.record(
        actor=actor,
        action="notification.preference",
        target=actor,
        changes={"event_type": event_type, "channel": channel, "frequency": frequency},
    )
    return pref


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise field_error("notification", "This is not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(recipient=actor, read_at=None).update(read_at=timezone.now())


# --- unsubscribe links (signed, no login needed) -------------------------------------------------
def unsubscribe_token(user: User, event_type: str = ALL_TYPES) -> str:
    return signing.dumps({"u": user.pk, "t": event_type}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user: User, event_type: str = ALL_TYPES) -> str:
    base = site_url()
    return base + reverse("notifications:unsubscribe", args=[unsubscribe_token(user, event_type)])


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise field_error("token", "This unsubscribe link is not valid.") from None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None:
        raise field_error("token", "This unsubscribe link is not valid.")
    return user, str(data.get("t", ALL_TYPES))


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[User, str]:
    """Switch the e-mails of one type (or all) off for the token's user."""
    user, event_type = read_unsubscribe_token(token)
    NotificationPreference.objects.update_or_create(
        user=user,
        event_type=event_type,
        channel=Channel.EMAIL,
        defaults={"frequency": Frequency.OFF},
    )
    # Pending digest entries of that type are dropped from e-mail (they stay in-app).
    pending = Notification.objects.filter(recipient=user, emailed_at=None).exclude(
        email_frequency=""
    )
    if event_type != ALL_TYPES:
        pending = pending.filter(event_type=event_type)
    pending.update(email_frequency="")
    audit.record(
        actor=user,
        action="notification.unsubscribe",
        target=user,
        changes={"event_type": event_type},
    )
    return user, event_type


# --- e-mail --------------------------------------------------------------------------------------
def _footer(user: User, event_type: str = ALL_TYPES) -> str:
    lines = [
        "",
        "--",
        "Change what you receive: " + site_url() + reverse("notifications:preferences"),
    ]
    if event_type != ALL_TYPES:
        lines.append("Stop these e-mails: " + unsubscribe_url(user, event_type))
    lines.append("Stop all e-mails from urbanforum: " + unsubscribe_url(user))
    return "\n".join(lines)


def send_immediate(notification_id: int) -> bool:
    note = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if note is None or note.emailed_at is not None or note.email_frequency != Frequency.IMMEDIATE:
        return False
    base = site_url()
    body = (
        note.text
        + (f"\n\n{base}{note.url}" if note.url else "")
        + _footer(note.recipient, note.event_type)
    )
    send_mail_now(f"urbanforum: {note.text[:90]}", body, [note.recipient.email])
    Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
    return True


def digest_groups(notes: list[Notification]) -> list[tuple[str, list[Notification]]]:
    """Group by object (label), newest first: groups by their newest entry, entries newest first."""
    ordered = sorted(notes, key=lambda n: (n.created_at, n.pk), reverse=True)
    groups: OrderedDict[str, list[Notification]] = OrderedDict()
    for note in ordered:
        groups.setdefault(note.object_key or note.event_type, []).append(note)
    return [(items[0].object_label or items[0].event_type, items) for items in groups.values()]


def send_digests(period: str) -> int:
    """Send one digest e-mail per user with pending `period` notifications. Returns how many were
    sent. Idempotent: sent entries are marked, a second run sends nothing."""
    if period not in (Frequency.DAILY, Frequency.WEEKLY):
        raise field_error("period", "The period is daily or weekly.")
    base = site_url()
    sent = 0
    user_ids = (
        Notification.objects.filter(email_frequency=period, emailed_at=None)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            notes = list(
                Notification.objects.select_for_update().filter(
                    recipient_id=user_id, email_frequency=period, emailed_at=None
                )
            )
            if not notes:
                continue
            user = User.objects.get(pk=user_id)
            lines = [
                f"What happened on urbanforum ({'today' if period == 'daily' else 'this week'}):",
                "",
            ]
            for label, items in digest_groups(notes):
                lines.append(f"# {label}")
                for n in items:
                    lines.append(
                        f"- {n.created_at:%Y-%m-%d %H:%M} {n.text}"
                        + (f" {base}{n.url}" if n.url else "")
                    )
                lines.append("")
            subject = (
                f"urbanforum {period} digest: {len(notes)} update{'s' if len(notes) != 1 else ''}"
            )
            send_mail_now(subject, "\n".join(lines) + _footer(user), [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    log.info("Sent %s %s digests", sent, period)
    return sent


def strategy_choices() -> list[tuple[str, str]]:
    return [(k, s.label) for k, s in STRATEGIES.items()]
