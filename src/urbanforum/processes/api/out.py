"""What the process API answers: the output schemas and the process detail."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema

from urbanforum.core.api import ErrorBody
from urbanforum.processes import selectors
from urbanforum.processes.models import (
    ChecklistItem,
    Deliverable,
    Participant,
    Process,
    ProcessInvitation,
    Task,
)

ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class ParticipantOut(Schema):
    id: int
    label: str
    role: str
    organisation: str | None
    user: str | None

    @staticmethod
    def resolve_organisation(obj: Participant) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_user(obj: Participant) -> str | None:
        return obj.user.display_name if obj.user else None


class ChecklistOut(Schema):
    id: int
    label: str
    done: bool

    @staticmethod
    def resolve_done(obj: ChecklistItem) -> bool:
        return obj.done_at is not None


class PhaseOut(Schema):
    id: int
    phase_type: str
    label: str
    order: int
    state: str
    starts_on: date | None
    ends_on: date | None
    started_at: datetime | None
    completed_at: datetime | None
    capabilities: list[str]
    features: list[dict[str, str]]


class ProcessBase(Schema):
    id: int
    slug: str
    title: str
    description: str
    visibility: str
    blueprint: str
    challenge: str
    active_phase: str | None
    created_at: datetime


class ProcessOut(ProcessBase):
    @staticmethod
    def resolve_challenge(obj: Process) -> str:
        return obj.challenge.slug

    @staticmethod
    def resolve_active_phase(obj: Process) -> str | None:
        phase = obj.active_phase
        return phase.phase_type if phase else None


class ProcessDetailOut(ProcessBase):
    phases: list[PhaseOut]
    participants: list[ParticipantOut]
    overdue: bool
    result_summary: str
    checklist: list[ChecklistOut]


class ProcessFilterIn(Schema):
    search: str = ""
    phase: str = ""
    challenge: str = ""
    mine: bool = False


class ProcessInvitationOut(Schema):
    id: int
    process: str
    organisation: str
    role: str
    message: str
    invited_by: str | None
    created_at: datetime
    accepted_at: datetime | None
    declined_at: datetime | None

    @staticmethod
    def resolve_invited_by(obj: ProcessInvitation) -> str | None:
        return obj.invited_by.display_name if obj.invited_by else None

    @staticmethod
    def resolve_process(obj: ProcessInvitation) -> str:
        return obj.process.slug

    @staticmethod
    def resolve_organisation(obj: ProcessInvitation) -> str:
        return obj.organisation.slug


class TaskOut(Schema):
    id: int
    title: str
    description: str
    phase: str
    owner: str | None
    due_on: date | None
    done: bool
    closed_unfinished: bool

    @staticmethod
    def resolve_phase(obj: Task) -> str:
        return obj.phase.phase_type

    @staticmethod
    def resolve_owner(obj: Task) -> str | None:
        return obj.owner.display_name if obj.owner else None  # as on the page: no address

    @staticmethod
    def resolve_done(obj: Task) -> bool:
        return obj.done_at is not None


class DeliverableOut(Schema):
    id: int
    title: str
    kind: str
    url: str
    has_file: bool
    created_at: datetime

    @staticmethod
    def resolve_has_file(obj: Deliverable) -> bool:
        return bool(obj.file)


class ProcessDecisionOut(Schema):
    id: int
    text: str
    decided_on: date


class ProcessReviewOut(Schema):
    id: int
    kind: str
    text: str
    rating: int | None


class TimelineOut(Schema):
    when: datetime
    who: str
    action: str
    text: str


class BlueprintOut(Schema):
    slug: str
    label: str
    description: str
    phases: list[dict[str, Any]]


def visible(request: HttpRequest, slug: str) -> Process:
    """The process of the address, if the requester may see it (404, then 403)."""
    process = selectors.process_detail(slug=slug)
    if process is None:
        raise Http404(_("Unknown process '%(slug)s'.") % {"slug": slug})
    if not request.user.has_perm("processes.view_process", process):
        raise PermissionDenied(_("This process is visible to its participants only."))
    return process


def detail(process: Process) -> dict[str, object]:
    state = process.phase_state()
    phases = process.ordered_phases()
    active = phases[state.index] if state.index is not None else None
    return {
        **{
            f: getattr(process, f)
            for f in (
                "id",
                "slug",
                "title",
                "description",
                "visibility",
                "blueprint",
                "created_at",
                "result_summary",
            )
        },
        "challenge": process.challenge.slug,
        "active_phase": active.phase_type if active else None,
        "overdue": state.overdue,
        "phases": [
            {
                "id": p.pk,
                "phase_type": p.phase_type,
                "label": p.label,
                "order": p.order,
                "state": s,
                "starts_on": p.starts_on,
                "ends_on": p.ends_on,
                "started_at": p.started_at,
                "completed_at": p.completed_at,
                "capabilities": sorted(p.type.capabilities),
                "features": [
                    {"feature": f.feature, "label": str(f.label), "url_name": f.url_name}
                    for f in p.features
                ],
            }
            for p, s in zip(phases, state.states, strict=True)
        ],
        "participants": list(selectors.process_participants(process=process)),
        "checklist": list(active.checklist.all()) if active else [],
    }
