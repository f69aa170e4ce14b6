"""Writes for events: create, change (and report), cancel; registrations with a waiting list
(first come, first served; race-safe: the event row is locked while places are counted)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.community.models import Event, Registration, RegistrationStatus, WorkingGroup
from urbanforum.community.schemas import EventPatchIn
from urbanforum.community.selectors import events as selectors
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update, validate
from urbanforum.processes.models import Process

EVENT_VALIDATE_EXCLUDE = ["slug", "organiser", "group", "process"]


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise field_error(
            "timezone", _("'%(name)s' is not a time zone such as Europe/Helsinki.") % {"name": name}
        ) from None


def _aware(value: datetime, zone: ZoneInfo) -> datetime:
    """Naive times are wall-clock times in the event's zone; everything is stored in UTC."""
    if django_timezone.is_naive(value):
        value = value.replace(tzinfo=zone)
    return value.astimezone(ZoneInfo("UTC"))


def _check_capacity(capacity: int | None) -> None:
    if capacity is not None and capacity < 1:
        raise field_error(
            "capacity", _("The capacity is at least 1 (leave it empty for no limit).")
        )


@transaction.atomic
def event_create(
    *,
    actor: User,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str = "Europe/Helsinki",
    place: str = "",
    online_url: str = "",
    capacity: int | None = None,
    description: str = "",
    agenda: str = "",
    language: str = "en",
    group: WorkingGroup | None = None,
    process: Process | None = None,
) -> Event:
    require(actor, "community.add_event")
    if group is not None and not (actor.has_perm("community.add_document", group)):
        raise field_error("group", _("Only members of the group organise its events."))
    if process is not None and not actor.has_perm("processes.comment", process):
        raise field_error("process", _("Only participants organise events of a process."))
    zone = _zone(timezone)
    _check_capacity(capacity)
    # A new event announces something to come (a past meeting is not published as news). An
    # existing event's times may still be corrected after it began (event_update).
    if _aware(starts_at, zone) <= django_timezone.now():
        raise field_error(
            "starts_at",
            _("The start must be in the future."),
            label=_("Starts (local time of the event)"),
        )
    event = Event(
        title=(title or "").strip(),
        kind=kind,
        starts_at=_aware(starts_at, zone),
        ends_at=_aware(ends_at, zone),
        timezone=timezone,
        place=place.strip(),
        online_url=online_url.strip(),
        capacity=capacity,
        description=description.strip(),
        agenda=agenda.strip(),
        language=language or "en",
        group=group,
        process=process,
        organiser=actor,
    )
    validate(event, exclude=EVENT_VALIDATE_EXCLUDE)
    event.save()
    audit.record(actor=actor, action="event.create", target=event, changes={"title": event.title})
    emit(
        DomainEvent(
            "community.event_created",
            actor.pk,
            {"event_id": event.pk, "event_title": event.title, "group_id": event.group_id},
        )
    )
    return event


@transaction.atomic
def event_update(*, actor: User, event: Event, changes: EventPatchIn) -> Event:
    """Change the event (only the fields given) or write its report once it is over. More places
    move the waiting list up."""
    require(actor, "community.change_event", event)
    values = changes.given()
    zone = _zone(values.get("timezone") or event.timezone)
    for key in ("starts_at", "ends_at"):
        if values.get(key) is not None:
            values[key] = _aware(values[key], zone)
    _check_capacity(values.get("capacity"))
    if values.get("report") and not event.is_past:
        raise field_error("report", _("The report is written after the event."))
    updated = update(
        event,
        actor=actor,
        values=values,
        action="event.update",
        validate_exclude=EVENT_VALIDATE_EXCLUDE,
    )
    _promote(updated.instance)  # more capacity: the waiting list moves up (row still locked)
    return updated.instance


@transaction.atomic
def event_cancel(*, actor: User, event: Event, reason: str) -> Event:
    """Cancel the event with a reason; everyone registered or on the waiting list is told."""
    require(actor, "community.change_event", event)
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", _("Say why the event is cancelled: the participants are told."))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.cancelled_at is not None:
        raise field_error("reason", _("The event is already cancelled."))
    locked.cancelled_at = django_timezone.now()
    locked.cancel_reason = reason
    locked.save(update_fields=["cancelled_at", "cancel_reason"])
    event.cancelled_at, event.cancel_reason = locked.cancelled_at, locked.cancel_reason
    audit.record(actor=actor, action="event.cancel", target=event, changes={"reason": reason})
    told = list(
        Registration.objects.filter(
            event=event,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        ).values_list("user_id", flat=True)
    )
    emit(
        DomainEvent(
            "community.event_cancelled",
            actor.pk,
            {"event_id": event.pk, "event_title": event.title, "reason": reason, "user_ids": told},
        )
    )
    return event


def _promote(event: Event) -> list[Registration]:
    """Move people from the waiting list up, first come first served, while there is room.
    The caller holds the event row lock."""
    free = (
        None
        if event.capacity is None
        else max(0, event.capacity - selectors.confirmed_places(event=event))
    )
    promoted = selectors.next_in_line(event=event, places=free)
    for reg in promoted:
        reg.status = RegistrationStatus.CONFIRMED
        reg.save(update_fields=["status", "updated_at"])
        emit(
            DomainEvent(
                "community.registration_promoted",
                None,
                {"event_id": event.pk, "event_title": event.title, "user_id": reg.user_id},
            )
        )
    return promoted


@transaction.atomic
def event_register(*, actor: User, event: Event) -> Registration:
    """Register, or join the waiting list when the event is full. Race-safe: the event row is
    locked while places are counted (select_for_update), so two people never get the last place."""
    require(actor, "community.register_event", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    existing = selectors.registration_of(event=event, user=actor)
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise field_error("event", _("You are already registered (or on the waiting list)."))
    full = event.capacity is not None and (
        selectors.confirmed_places(event=event) >= event.capacity
        or selectors.has_waiting_list(event=event)
    )
    status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
    if existing is not None:
        existing.status = status
        existing.requested_at = django_timezone.now()  # back of the queue
        existing.save(update_fields=["status", "requested_at", "updated_at"])
        reg = existing
    else:
        reg = Registration.objects.create(event=event, user=actor, status=status)
    audit.record(actor=actor, action="event.register", target=event, changes={"status": status})
    return reg


@transaction.atomic
def registration_cancel(*, actor: User, event: Event) -> Registration:
    event = Event.objects.select_for_update().get(pk=event.pk)
    reg = selectors.registration_of(event=event, user=actor, active=True)
    if reg is None:
        raise field_error("event", _("You are not registered for this event."))
    was = reg.status
    reg.status = RegistrationStatus.CANCELLED
    reg.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="event.unregister", target=event, changes={"was": was})
    if was == RegistrationStatus.CONFIRMED and event.cancelled_at is None:
        _promote(event)
    return reg
