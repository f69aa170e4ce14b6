"""JSON twins of the process pages."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import Organisation, User
from urbanforum.challenges.models import Challenge
from urbanforum.core.api import ErrorBody, Page, public
from urbanforum.processes import registry, selectors, services
from urbanforum.processes.models import ChecklistItem, Process, ProcessInvitation, Task
from urbanforum.processes.timeline import describe

router = Router(tags=["processes"])
ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class ParticipantOut(Schema):
    id: int
    label: str
    role: str
    organisation: str | None
    user: str | None

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_user(obj: Any) -> str | None:
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


class ProcessIn(Schema):
    challenge: str
    title: str = ""
    description: str = ""
    visibility: str = "members"
    blueprint: str = registry.FIVE_STEPS
    starts_on: date | None = None


class ProcessPatchIn(Schema):
    title: str | None = None
    description: str | None = None
    visibility: str | None = None


class ProcessFilterIn(Schema):
    search: str = ""
    phase: str = ""
    challenge: str = ""
    mine: bool = False


class InvitationIn(Schema):
    organisation: str
    role: str = "partner"
    message: str = ""


class InvitationOut(Schema):
    id: int
    process: str
    organisation: str
    role: str
    created_at: datetime
    accepted_at: datetime | None
    declined_at: datetime | None

    @staticmethod
    def resolve_process(obj: ProcessInvitation) -> str:
        return obj.process.slug

    @staticmethod
    def resolve_organisation(obj: ProcessInvitation) -> str:
        return obj.organisation.slug


class TaskIn(Schema):
    title: str
    description: str = ""
    owner: str | None = None  # e-mail
    due_on: date | None = None


class TaskOut(Schema):
    id: int
    title: str
    description: str
    phase: str
    owner: str | None
    due_on: date | None
    done: bool

    @staticmethod
    def resolve_phase(obj: Task) -> str:
        return obj.phase.phase_type

    @staticmethod
    def resolve_owner(obj: Task) -> str | None:
        return obj.owner.email if obj.owner else None

    @staticmethod
    def resolve_done(obj: Task) -> bool:
        return obj.done_at is not None


class DoneIn(Schema):
    done: bool = True


class DeliverableIn(Schema):
    title: str
    url: str
    kind: str = "document"


class DeliverableOut(Schema):
    id: int
    title: str
    kind: str
    url: str
    has_file: bool
    created_at: datetime

    @staticmethod
    def resolve_has_file(obj: Any) -> bool:
        return bool(obj.file)


class DecisionIn(Schema):
    text: str
    decided_on: date | None = None


class DecisionOut(Schema):
    id: int
    text: str
    decided_on: date


class ReviewIn(Schema):
    text: str
    rating: int | None = None


class ReviewOut(Schema):
    id: int
    kind: str
    text: str
    rating: int | None


class AdvanceIn(Schema):
    override_reason: str = ""


class PublishIn(Schema):
    summary: str


class ParticipantIn(Schema):
    role: str
    user: str | None = None  # e-mail
    organisation: str | None = None  # slug


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


def _get(request: HttpRequest, slug: str) -> Process:
    process = selectors.process_detail(slug=slug)
    if process is None:
        raise Http404(f"Unknown process '{slug}'.")
    if not request.user.has_perm("processes.view_process", process):
        raise PermissionDenied("This process is visible to its participants only.")
    return process


def _detail(process: Process) -> dict[str, Any]:
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
                "completed_at": p.completed_at,
                "capabilities": sorted(p.type.capabilities),
                "features": [
                    {"feature": f.feature, "label": f.label, "url_name": f.url_name}
                    for f in p.features
                ],
            }
            for p, s in zip(phases, state.states, strict=True)
        ],
        "participants": list(process.participants.all()),
        "checklist": list(active.checklist.all()) if active else [],
    }


def _user_by_email(email: str | None, field: str) -> User | None:
    if not email:
        return None
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        from urbanforum.core.services import field_error

        raise field_error(field, f"Nobody is registered with the e-mail address {email}.")
    return user


@router.get("/process-blueprints", response=list[BlueprintOut], auth=public)
def list_blueprints(request: HttpRequest) -> Any:
    return [
        {
            "slug": b.slug,
            "label": b.label,
            "description": b.description,
            "phases": [
                {
                    "phase_type": p.phase_type,
                    "label": registry.phase_type(p.phase_type).label,
                    "days": p.days,
                    "checklist": list(p.checklist),
                    "capabilities": sorted(registry.phase_type(p.phase_type).capabilities),
                }
                for p in b.phases
            ],
        }
        for b in registry.blueprints()
    ]


@router.get("/processes", response=list[ProcessOut], auth=public)
@paginate(Page)
def list_processes(request: HttpRequest, filters: Query[ProcessFilterIn]) -> Any:
    return selectors.process_list(user=request.user, **filters.dict())


@router.post("/processes", response={201: ProcessDetailOut, **ERRORS})
def open_process(request: HttpRequest, payload: ProcessIn) -> Any:
    challenge = Challenge.objects.filter(slug=payload.challenge).first()
    if challenge is None:
        raise Http404(f"Unknown challenge '{payload.challenge}'.")
    data = payload.dict(exclude={"challenge"})
    process = services.process_open(actor=current_user(request), challenge=challenge, **data)
    return 201, _detail(process)


@router.get("/processes/{slug}", response={200: ProcessDetailOut, **ERRORS}, auth=public)
def get_process(request: HttpRequest, slug: str) -> Any:
    return _detail(_get(request, slug))


@router.patch("/processes/{slug}", response={200: ProcessDetailOut, **ERRORS})
def patch_process(request: HttpRequest, slug: str, payload: ProcessPatchIn) -> Any:
    process = services.process_update(
        actor=current_user(request), process=_get(request, slug), **payload.dict(exclude_unset=True)
    )
    return _detail(process)


@router.get("/processes/{slug}/timeline", response={200: list[TimelineOut], **ERRORS}, auth=public)
@paginate(Page)
def process_timeline(request: HttpRequest, slug: str) -> Any:
    return [describe(e) for e in selectors.process_timeline(process=_get(request, slug))]


@router.post("/processes/{slug}/invitations", response={201: InvitationOut, **ERRORS})
def invite(request: HttpRequest, slug: str, payload: InvitationIn) -> Any:
    process = _get(request, slug)
    org = Organisation.objects.filter(slug=payload.organisation).first()
    if org is None:
        from urbanforum.core.services import field_error

        raise field_error("organisation", f"Unknown organisation '{payload.organisation}'.")
    invitation = services.process_invite(
        actor=current_user(request),
        process=process,
        organisation=org,
        role=payload.role,
        message=payload.message,
    )
    return 201, invitation


@router.get("/process-invitations", response={200: list[InvitationOut], **ERRORS})
def my_invitations(request: HttpRequest) -> Any:
    return list(selectors.invitations_for_user(user=current_user(request)))


def _respond(request: HttpRequest, invitation_id: int, accept: bool) -> Any:
    invitation = get_object_or_404(
        ProcessInvitation.objects.select_related("process", "organisation"), pk=invitation_id
    )
    services.process_invitation_respond(
        actor=current_user(request), invitation=invitation, accept=accept
    )
    invitation.refresh_from_db()
    return invitation


@router.post("/process-invitations/{invitation_id}/accept", response={200: InvitationOut, **ERRORS})
def accept_invitation(request: HttpRequest, invitation_id: int) -> Any:
    return _respond(request, invitation_id, True)


@router.post(
    "/process-invitations/{invitation_id}/decline", response={200: InvitationOut, **ERRORS}
)
def decline_invitation(request: HttpRequest, invitation_id: int) -> Any:
    return _respond(request, invitation_id, False)


@router.post("/processes/{slug}/participants", response={201: ParticipantOut, **ERRORS})
def add_participant(request: HttpRequest, slug: str, payload: ParticipantIn) -> Any:
    process = _get(request, slug)
    org = (
        Organisation.objects.filter(slug=payload.organisation).first()
        if payload.organisation
        else None
    )
    participant = services.participant_add(
        actor=current_user(request),
        process=process,
        role=payload.role,
        user=_user_by_email(payload.user, "user"),
        organisation=org,
    )
    return 201, participant


@router.get("/processes/{slug}/tasks", response={200: list[TaskOut], **ERRORS}, auth=public)
def list_tasks(request: HttpRequest, slug: str) -> Any:
    process = _get(request, slug)
    return list(Task.objects.filter(phase__process=process).select_related("phase", "owner"))


@router.post("/processes/{slug}/tasks", response={201: TaskOut, **ERRORS})
def create_task(request: HttpRequest, slug: str, payload: TaskIn) -> Any:
    process = _get(request, slug)
    task = services.task_create(
        actor=current_user(request),
        process=process,
        title=payload.title,
        description=payload.description,
        owner=_user_by_email(payload.owner, "owner"),
        due_on=payload.due_on,
    )
    return 201, task


@router.post("/process-tasks/{task_id}/done", response={200: TaskOut, **ERRORS})
def task_done(request: HttpRequest, task_id: int, payload: DoneIn) -> Any:
    task = get_object_or_404(Task.objects.select_related("phase__process"), pk=task_id)
    _get(request, task.phase.process.slug)
    return services.task_set_done(actor=current_user(request), task=task, done=payload.done)


@router.post("/process-checklist/{item_id}", response={200: ChecklistOut, **ERRORS})
def tick(request: HttpRequest, item_id: int, payload: DoneIn) -> Any:
    item = get_object_or_404(ChecklistItem.objects.select_related("phase__process"), pk=item_id)
    _get(request, item.phase.process.slug)
    return services.checklist_tick(actor=current_user(request), item=item, done=payload.done)


@router.get(
    "/processes/{slug}/deliverables", response={200: list[DeliverableOut], **ERRORS}, auth=public
)
def list_deliverables(request: HttpRequest, slug: str) -> Any:
    from urbanforum.processes.models import Deliverable

    return list(Deliverable.objects.filter(phase__process=_get(request, slug)))


@router.post("/processes/{slug}/deliverables", response={201: DeliverableOut, **ERRORS})
def add_deliverable(request: HttpRequest, slug: str, payload: DeliverableIn) -> Any:
    """A deliverable as a link (upload files through the page, multipart)."""
    deliverable = services.deliverable_add(
        actor=current_user(request),
        process=_get(request, slug),
        title=payload.title,
        url=payload.url,
        kind=payload.kind,
    )
    return 201, deliverable


@router.post("/processes/{slug}/deliverables/upload", response={201: DeliverableOut, **ERRORS})
def upload_deliverable(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    title: Form[str],
    kind: Form[str] = "document",
) -> Any:
    """A deliverable as a file (multipart/form-data: file, title, kind)."""
    deliverable = services.deliverable_add(
        actor=current_user(request), process=_get(request, slug), title=title, file=file, kind=kind
    )
    return 201, deliverable


@router.post("/processes/{slug}/decisions", response={201: DecisionOut, **ERRORS})
def add_decision(request: HttpRequest, slug: str, payload: DecisionIn) -> Any:
    return 201, services.decision_record(
        actor=current_user(request),
        process=_get(request, slug),
        text=payload.text,
        decided_on=payload.decided_on,
    )


@router.post("/processes/{slug}/reviews", response={201: ReviewOut, **ERRORS})
def add_review(request: HttpRequest, slug: str, payload: ReviewIn) -> Any:
    return 201, services.review_add(
        actor=current_user(request),
        process=_get(request, slug),
        text=payload.text,
        rating=payload.rating,
    )


@router.post("/processes/{slug}/advance", response={200: ProcessDetailOut, **ERRORS})
def advance(request: HttpRequest, slug: str, payload: AdvanceIn) -> Any:
    process = _get(request, slug)
    services.phase_advance(
        actor=current_user(request), process=process, override_reason=payload.override_reason
    )
    process.forget_phases()
    return _detail(process)


@router.post("/processes/{slug}/publish", response={200: ProcessDetailOut, **ERRORS})
def publish(request: HttpRequest, slug: str, payload: PublishIn) -> Any:
    process = services.process_publish_result(
        actor=current_user(request), process=_get(request, slug), summary=payload.summary
    )
    return _detail(process)
