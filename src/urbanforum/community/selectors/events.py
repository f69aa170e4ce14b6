"""Reads for events: lists and the calendar feed (through the event policy), places, attendees,
a person's registration and place on the waiting list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from urbanforum.accounts.models import User
from urbanforum.community.models import Event, Registration, RegistrationStatus, WorkingGroup
from urbanforum.community.policies import event_policy
from urbanforum.core.queries import count_of
from urbanforum.processes.registry import Viewer, signed_in


@dataclass(frozen=True)
class EventFilters:
    when: str = "upcoming"  # upcoming, past or all
    kind: str = ""
    search: str = ""


def event_list(
    *,
    user: Viewer,
    filters: EventFilters = EventFilters(),
    group: WorkingGroup | None = None,
) -> QuerySet[Event]:
    qs = event_policy.queryset(user)
    now = timezone.now()
    if filters.when == "upcoming":
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "id")
    elif filters.when == "past":
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    else:
        qs = qs.order_by("-starts_at", "-id")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.search:
        qs = qs.filter(
            Q(title__icontains=filters.search)
            | Q(description__icontains=filters.search)
            | Q(place__icontains=filters.search)
        )
    if group is not None:
        qs = qs.filter(group=group)
    registrations = Registration.objects.all()
    return qs.select_related("group", "organiser").annotate(
        confirmed_count=count_of(
            registrations, "event", where=Q(status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=count_of(registrations, "event", where=Q(status=RegistrationStatus.WAITING)),
    )


def calendar_events(*, user: Viewer, limit: int = 500) -> QuerySet[Event]:
    """The calendar feed: the events `user` may see, upcoming and of the last 30 days."""
    since = timezone.now() - timedelta(days=30)
    return event_policy.queryset(user).filter(ends_at__gte=since).order_by("starts_at")[:limit]


def event_detail(*, slug: str) -> Event | None:
    return Event.objects.select_related("group", "process", "organiser").filter(slug=slug).first()


def event_counts(*, event: Event) -> dict[str, int]:
    rows = dict(event.registrations.values_list("status").annotate(n=Count("id")))
    return {s: rows.get(s, 0) for s in RegistrationStatus.values}


def event_attendees(*, event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "requested_at", "id")
    )


def user_registration(*, event: Event, user: Viewer) -> Registration | None:
    person = signed_in(user)
    if person is None:
        return None
    return event.registrations.filter(user=person).first()


def waiting_position(*, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(requested_at__lt=registration.requested_at)
        | Q(requested_at=registration.requested_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def confirmed_places(*, event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def has_waiting_list(*, event: Event) -> bool:
    return event.registrations.filter(status=RegistrationStatus.WAITING).exists()


def next_in_line(*, event: Event, places: int | None) -> list[Registration]:
    """The first `places` people on the waiting list (all of them for `None`), first come first
    served."""
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "requested_at", "id"
    )
    return list(waiting if places is None else waiting[:places])


def registration_of(*, event: Event, user: User, active: bool = False) -> Registration | None:
    """`user`'s registration for `event` (only a confirmed or waiting one with `active`)."""
    qs = Registration.objects.filter(event=event, user=user)
    if active:
        qs = qs.exclude(status=RegistrationStatus.CANCELLED)
    return qs.first()
