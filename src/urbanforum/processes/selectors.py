"""Reads for processes: the same querysets for pages and the API (through the process policy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.challenges.models import Challenge, ChallengeCity
from urbanforum.cities.models import City
from urbanforum.core.models import AuditEvent
from urbanforum.processes import registry
from urbanforum.processes.models import (
    ChecklistItem,
    Deliverable,
    Participant,
    Phase,
    Process,
    ProcessInvitation,
    Task,
)
from urbanforum.processes.policies import process_policy
from urbanforum.processes.registry import Panel, Viewer, signed_in
from urbanforum.processes.timeline import TimelineEntry, describe


@dataclass(frozen=True)
class ProcessFilters:
    search: str = ""
    phase: str = ""  # the type of the active phase
    challenge: str = ""  # the challenge's slug
    mine: bool = False  # only the processes the viewer takes part in


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


def taking_part(user: Viewer) -> Q:
    """The processes `user` takes part in: as a person, or through one of their organisations."""
    person = signed_in(user)
    if person is None:
        return Q(pk__in=[])
    organisations = Membership.objects.filter(user=person).values("organisation_id")
    participants = Participant.objects.filter(process=OuterRef("pk"))
    return Q(Exists(participants.filter(user=person))) | Q(
        Exists(participants.filter(organisation_id__in=organisations))
    )


def process_list(*, user: Viewer, filters: ProcessFilters = ProcessFilters()) -> QuerySet[Process]:
    qs = process_policy.queryset(user)
    if filters.search:
        qs = qs.filter(
            Q(title__icontains=filters.search) | Q(description__icontains=filters.search)
        )
    if filters.challenge:
        qs = qs.filter(challenge__slug=filters.challenge)
    if filters.mine and signed_in(user) is not None:
        qs = qs.filter(taking_part(user))
    if filters.phase:
        # The active phase is computed in one place (processes.phases), in Python.
        ids = []
        for process in _with_phases(qs):
            active = process.active_phase
            if active is not None and active.phase_type == filters.phase:
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
            Prefetch(
                "tasks", queryset=Task.objects.select_related("owner", "done_by", "carried_from")
            ),
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


class TimelineEntries(Sequence[TimelineEntry]):
    """The timeline as readable lines, described only for the slice shown (a page)."""

    def __init__(self, events: QuerySet[AuditEvent]) -> None:
        self.events = events

    def __len__(self) -> int:
        return self.events.count()

    @overload
    def __getitem__(self, index: int) -> TimelineEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[TimelineEntry]: ...
    def __getitem__(self, index: int | slice) -> TimelineEntry | list[TimelineEntry]:
        if isinstance(index, slice):
            return [describe(e) for e in self.events[index]]
        return describe(self.events[index])


def timeline_entries(*, process: Process) -> TimelineEntries:
    return TimelineEntries(process_timeline(process=process))


def process_tasks(*, process: Process) -> QuerySet[Task]:
    return Task.objects.filter(phase__process=process).select_related("phase", "owner")


def process_deliverables(*, process: Process) -> QuerySet[Deliverable]:
    return Deliverable.objects.filter(phase__process=process)


def process_participants(*, process: Process) -> QuerySet[Participant]:
    return process.participants.all()


def open_invitations(*, process: Process) -> QuerySet[ProcessInvitation]:
    return process.invitations.filter(accepted_at=None, declined_at=None).select_related(
        "organisation", "invited_by"
    )


def invitation_detail(*, invitation_id: int) -> ProcessInvitation | None:
    return (
        ProcessInvitation.objects.select_related("process", "organisation")
        .filter(pk=invitation_id)
        .first()
    )


def task_detail(*, task_id: int) -> Task | None:
    return Task.objects.select_related("phase__process").filter(pk=task_id).first()


def checklist_item_detail(*, item_id: int) -> ChecklistItem | None:
    return ChecklistItem.objects.select_related("phase__process").filter(pk=item_id).first()


def deliverable_detail(*, deliverable_id: int) -> Deliverable | None:
    return Deliverable.objects.select_related("phase__process").filter(pk=deliverable_id).first()


def open_checklist(*, phase: Phase) -> list[str]:
    """The labels of the phase's checklist items not ticked yet."""
    return list(phase.checklist.filter(done_at=None).values_list("label", flat=True))


def invitations_for_user(*, user: Viewer) -> QuerySet[ProcessInvitation]:
    """Open invitations to organisations the user edits."""
    person = signed_in(user)
    if person is None:
        return ProcessInvitation.objects.none()
    orgs = Membership.objects.filter(user=person, role__in=[Role.EDITOR, Role.ADMIN]).values(
        "organisation_id"
    )
    return ProcessInvitation.objects.filter(
        organisation_id__in=orgs, accepted_at=None, declined_at=None, process__closed_at=None
    ).select_related("process", "organisation", "invited_by")


def has_open_invitation(*, process: Process, organisation: Organisation) -> bool:
    return ProcessInvitation.objects.filter(
        process=process, organisation=organisation, accepted_at=None, declined_at=None
    ).exists()


def takes_part(
    *, process: Process, user: User | None = None, org: Organisation | None = None
) -> bool:
    """Does this person (or organisation) already take part, as a participant of its own?"""
    lookup = {"user": user} if user is not None else {"organisation": org}
    return Participant.objects.filter(process=process, **lookup).exists()


def invitable_organisations(*, process: Process) -> QuerySet[Organisation]:
    """City administrations that do not take part yet; those sharing the challenge first."""
    taking = process.participants.exclude(organisation=None).values("organisation_id")
    shares = ChallengeCity.objects.filter(
        challenge_id=process.challenge_id, city__administration=OuterRef("pk")
    )
    return (
        Organisation.objects.filter(kind=OrganisationKind.CITY_ADMINISTRATION)
        .exclude(pk__in=taking)
        .annotate(shares_challenge=Exists(shares))
        .order_by("-shares_challenge", "name")
    )


def participant_people(*, process: Process) -> QuerySet[User]:
    """The people of a process (participating persons and the members of participating
    organisations): who may own a task."""
    persons = process.participants.exclude(user=None).values("user_id")
    organisations = process.participants.exclude(organisation=None).values("organisation_id")
    members = Membership.objects.filter(organisation_id__in=organisations).values("user_id")
    return User.objects.filter(Q(pk__in=persons) | Q(pk__in=members)).order_by("email")


def person_by_email(email: str | None) -> User | None:
    """The registered person with this e-mail address (any case)."""
    email = (email or "").strip()
    return User.objects.filter(email__iexact=email).first() if email else None


def organisation_by_slug(slug: str | None) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first() if slug else None


def challenge_by_slug(slug: str) -> Challenge | None:
    return Challenge.objects.filter(slug=slug).first() if slug else None


def user_tasks(*, user: User, open_only: bool = True) -> QuerySet[Task]:
    qs = Task.objects.filter(owner=user).select_related("phase__process")
    if open_only:
        qs = qs.filter(done_at=None)
    return qs.order_by("due_on", "id")


def running_process(challenge: Challenge) -> Process | None:
    """The challenge's process under way, if any: not closed, and not every phase completed. A
    challenge has at most one (services.process_open); a finished one does not count."""
    unfinished = Phase.objects.filter(process=OuterRef("pk"), completed_at=None)
    return (
        Process.objects.filter(challenge=challenge, closed_at=None)
        .filter(Exists(unfinished))
        .order_by("created_at", "id")
        .first()
    )


def openable_challenges(*, user: Viewer) -> list[Challenge]:
    """Challenges of the organisations the user edits that have no open process yet (the entry
    point "open a process from a challenge" on the processes page)."""
    person = signed_in(user)
    if person is None:
        return []
    orgs = Membership.objects.filter(user=person, role__in=[Role.EDITOR, Role.ADMIN]).values(
        "organisation_id"
    )
    qs = (
        Challenge.objects.filter(owner_organisation_id__in=orgs)
        .exclude(pk__in=Process.objects.filter(closed_at=None).values("challenge_id"))
        .select_related("owner_city")
        .order_by("title")[:20]
    )
    return [c for c in qs if user.has_perm("processes.add_process", c)]


def city_processes(*, user: Viewer, city: City) -> list[Process]:
    """Processes the city's administration takes part in, visible to the user."""
    if city.administration_id is None:
        return []
    qs = process_policy.queryset(user).filter(participants__organisation_id=city.administration_id)
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
