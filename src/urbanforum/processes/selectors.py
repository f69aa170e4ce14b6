"""Reads for processes: the same querysets for pages and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind
from urbanforum.core.models import AuditEvent
from urbanforum.processes import registry
from urbanforum.processes.models import (
    Participant,
    Phase,
    Process,
    ProcessInvitation,
    ProcessVisibility,
    Task,
)
from urbanforum.processes.registry import Panel, Viewer


def visible_processes(*, user: Any) -> QuerySet[Process]:
    qs = Process.objects.all()
    if getattr(user, "is_authenticated", False) and user.is_coordinator:
        return qs
    visible = Q(visibility=ProcessVisibility.PUBLIC)
    if getattr(user, "is_authenticated", False):
        org_ids = list(
            Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
        if org_ids:
            visible |= Q(visibility=ProcessVisibility.MEMBERS)
            visible |= Q(participants__organisation_id__in=org_ids)
        visible |= Q(participants__user=user)
    return qs.filter(visible).distinct()


def _with_phases(qs: QuerySet[Process]) -> QuerySet[Process]:
    return qs.select_related("challenge__owner_city").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("order")),
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("organisation", "user").prefetch_related(
                "organisation__represented_cities"
            ),
        ),
    )


def process_list(
    *, user: Any, search: str = "", phase: str = "", challenge: str = "", mine: bool = False
) -> QuerySet[Process]:
    qs = visible_processes(user=user)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(description__icontains=search))
    if challenge:
        qs = qs.filter(challenge__slug=challenge)
    if mine and getattr(user, "is_authenticated", False):
        qs = qs.filter(
            Q(participants__user=user) | Q(participants__organisation__memberships__user=user)
        ).distinct()
    if phase:
        # The active phase is the first not completed one (processes.phases); in SQL: the process
        # is open and has no uncompleted phase of a lower order than an uncompleted `phase` one.
        ids = []
        for process in _with_phases(qs):
            active = process.active_phase
            if active is not None and active.phase_type == phase:
                ids.append(process.pk)
        qs = qs.filter(pk__in=ids)
    return _with_phases(qs).order_by("-created_at", "-id")


def process_detail(*, slug: str) -> Process | None:
    return (
        _with_phases(Process.objects.filter(slug=slug))
        .select_related("challenge__owner_organisation", "created_by")
        .first()
    )


def phase_contents(*, process: Process) -> list[Phase]:
    return list(
        process.phases.order_by("order").prefetch_related(
            "checklist",
            Prefetch("tasks", queryset=Task.objects.select_related("owner", "done_by")),
            "deliverables__added_by",
            "decisions__recorded_by",
            "reviews__author",
        )
    )


def process_timeline(*, process: Process) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(target_type="processes.process", target_id=str(process.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def open_invitations(*, process: Process) -> QuerySet[ProcessInvitation]:
    return process.invitations.filter(accepted_at=None, declined_at=None).select_related(
        "organisation", "invited_by"
    )


def invitations_for_user(*, user: Any) -> QuerySet[ProcessInvitation]:
    """Open invitations to organisations the user edits."""
    if not getattr(user, "is_authenticated", False):
        return ProcessInvitation.objects.none()
    orgs = Membership.objects.filter(user=user, role__in=["editor", "admin"]).values(
        "organisation_id"
    )
    return ProcessInvitation.objects.filter(
        organisation_id__in=orgs, accepted_at=None, declined_at=None, process__closed_at=None
    ).select_related("process", "organisation")


def invitable_organisations(*, process: Process) -> QuerySet[Organisation]:
    """City administrations that do not take part yet; those sharing the challenge first."""
    from django.db.models import Exists, OuterRef

    from urbanforum.challenges.models import ChallengeCity

    taking_part = process.participants.exclude(organisation=None).values("organisation_id")
    shares = ChallengeCity.objects.filter(
        challenge_id=process.challenge_id, city__administration=OuterRef("pk")
    )
    return (
        Organisation.objects.filter(kind=OrganisationKind.CITY_ADMINISTRATION)
        .exclude(pk__in=taking_part)
        .annotate(shares_challenge=Exists(shares))
        .order_by("-shares_challenge", "name")
    )


def user_tasks(*, user: Any, open_only: bool = True) -> QuerySet[Task]:
    qs = Task.objects.filter(owner=user).select_related("phase__process")
    if open_only:
        qs = qs.filter(done_at=None)
    return qs.order_by("due_on", "id")


def openable_challenges(*, user: Any) -> list[Any]:
    """Challenges of the organisations the user edits that have no open process yet (the entry
    point "open a process from a challenge" on the processes page)."""
    if not getattr(user, "is_authenticated", False):
        return []
    from urbanforum.challenges.models import Challenge

    orgs = Membership.objects.filter(user=user, role__in=["editor", "admin"]).values(
        "organisation_id"
    )
    qs = (
        Challenge.objects.filter(owner_organisation_id__in=orgs)
        .exclude(pk__in=Process.objects.filter(closed_at=None).values("challenge_id"))
        .select_related("owner_city")
        .order_by("title")[:20]
    )
    return [c for c in qs if user.has_perm("processes.add_process", c)]


def city_processes(*, user: Any, city: Any) -> list[Process]:
    """Processes the city's administration takes part in, visible to the user."""
    if city.administration_id is None:
        return []
    qs = visible_processes(user=user).filter(participants__organisation_id=city.administration_id)
    return list(_with_phases(qs).order_by("-created_at")[:10])


def process_panels(*, process: Process, user: Viewer) -> list[tuple[str, Panel]]:
    """The panels other apps registered (registry.register_panel), as (key, panel) for this
    viewer, in order; a source that shows nothing to the viewer is left out."""
    shown: list[tuple[str, Panel]] = []
    for entry in registry.panels():
        panel = entry.source(process, user)
        if panel is not None:
            shown.append((entry.key, panel))
    return shown
