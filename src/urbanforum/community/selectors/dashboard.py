"""The personal dashboard: my cities, processes, tasks, events, groups, mentorships and what
changed — each read through its app's selectors and visibility policies."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from urbanforum.accounts.models import Membership, User
from urbanforum.community.models import Event, Mentorship, Registration, RegistrationStatus
from urbanforum.community.models import WorkingGroup as Group
from urbanforum.community.policies import event_policy
from urbanforum.community.selectors.mentoring import user_mentorships
from urbanforum.notifications.models import Notification
from urbanforum.notifications.selectors import user_notifications
from urbanforum.processes import selectors as processes
from urbanforum.processes.models import Process, ProcessInvitation, Task


@dataclass(frozen=True)
class Dashboard:
    memberships: QuerySet[Membership]
    processes: QuerySet[Process]
    invitations: QuerySet[ProcessInvitation]
    tasks: QuerySet[Task]
    registrations: QuerySet[Registration]
    organised: QuerySet[Event]
    groups: QuerySet[Group]
    mentorships: QuerySet[Mentorship]
    changes: QuerySet[Notification]


def dashboard(*, user: User) -> Dashboard:
    now = timezone.now()
    events = event_policy.queryset(user).filter(ends_at__gte=now)
    return Dashboard(
        memberships=Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("organisation__represented_cities"),
        processes=processes.process_list(user=user, filters=processes.ProcessFilters(mine=True))[
            :10
        ],
        invitations=processes.invitations_for_user(user=user),
        tasks=processes.user_tasks(user=user)[:20],
        registrations=Registration.objects.filter(user=user, event__in=events.values("pk"))
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:10],
        organised=events.filter(organiser=user).order_by("starts_at")[:10],
        groups=Group.objects.filter(memberships__user=user).order_by("name"),
        mentorships=user_mentorships(user=user)[:10],
        changes=user_notifications(user=user)[:15],
    )
