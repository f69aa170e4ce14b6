"""JSON twins of the work inside a process: tasks, checklist, deliverables, decisions, reviews,
moving on and publishing the result."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router
from ninja.files import UploadedFile

from urbanforum.accounts.http import current_user
from urbanforum.core.api import public
from urbanforum.processes import selectors, services
from urbanforum.processes.api.out import (
    ERRORS,
    ChecklistOut,
    DeliverableOut,
    ProcessDecisionOut,
    ProcessDetailOut,
    ProcessReviewOut,
    TaskOut,
    detail,
    visible,
)
from urbanforum.processes.api.processes import person
from urbanforum.processes.models import ChecklistItem, Decision, Deliverable, Review, Task
from urbanforum.processes.schemas import (
    AdvanceIn,
    DecisionIn,
    DeliverableIn,
    DoneIn,
    PhaseDatesIn,
    PublishIn,
    ReviewIn,
    TaskIn,
)

router = Router()


@router.get("/processes/{slug}/tasks", response={200: list[TaskOut], **ERRORS}, auth=public)
def list_tasks(request: HttpRequest, slug: str) -> list[Task]:
    return list(selectors.process_tasks(process=visible(request, slug)))


@router.post("/processes/{slug}/tasks", response={201: TaskOut, **ERRORS})
def create_task(request: HttpRequest, slug: str, payload: TaskIn) -> tuple[int, Task]:
    process = visible(request, slug)
    task = services.task_create(
        actor=current_user(request),
        process=process,
        title=payload.title,
        description=payload.description,
        owner=person(payload.owner, "owner"),
        due_on=payload.due_on,
    )
    return 201, task


@router.post("/process-tasks/{task_id}/done", response={200: TaskOut, **ERRORS})
def task_done(request: HttpRequest, task_id: int, payload: DoneIn) -> Task:
    task = selectors.task_detail(task_id=task_id)
    if task is None:
        raise Http404(_("No Task matches the given query."))
    visible(request, task.phase.process.slug)
    return services.task_set_done(actor=current_user(request), task=task, done=payload.done)


@router.post("/process-checklist/{item_id}", response={200: ChecklistOut, **ERRORS})
def tick(request: HttpRequest, item_id: int, payload: DoneIn) -> ChecklistItem:
    item = selectors.checklist_item_detail(item_id=item_id)
    if item is None:
        raise Http404(_("No ChecklistItem matches the given query."))
    visible(request, item.phase.process.slug)
    return services.checklist_tick(actor=current_user(request), item=item, done=payload.done)


@router.get(
    "/processes/{slug}/deliverables", response={200: list[DeliverableOut], **ERRORS}, auth=public
)
def list_deliverables(request: HttpRequest, slug: str) -> list[Deliverable]:
    return list(selectors.process_deliverables(process=visible(request, slug)))


@router.post("/processes/{slug}/deliverables", response={201: DeliverableOut, **ERRORS})
def add_deliverable(
    request: HttpRequest, slug: str, payload: DeliverableIn
) -> tuple[int, Deliverable]:
    """A deliverable as a link (upload files through the page, multipart)."""
    deliverable = services.deliverable_add(
        actor=current_user(request),
        process=visible(request, slug),
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
) -> tuple[int, Deliverable]:
    """A deliverable as a file (multipart/form-data: file, title, kind)."""
    deliverable = services.deliverable_add(
        actor=current_user(request),
        process=visible(request, slug),
        title=title,
        file=file,
        kind=kind,
    )
    return 201, deliverable


@router.post("/processes/{slug}/decisions", response={201: ProcessDecisionOut, **ERRORS})
def add_decision(request: HttpRequest, slug: str, payload: DecisionIn) -> tuple[int, Decision]:
    return 201, services.decision_record(
        actor=current_user(request),
        process=visible(request, slug),
        text=payload.text,
        decided_on=payload.decided_on,
    )


@router.post("/processes/{slug}/reviews", response={201: ProcessReviewOut, **ERRORS})
def add_review(request: HttpRequest, slug: str, payload: ReviewIn) -> tuple[int, Review]:
    return 201, services.review_add(
        actor=current_user(request),
        process=visible(request, slug),
        text=payload.text,
        rating=payload.rating,
    )


@router.post("/processes/{slug}/advance", response={200: ProcessDetailOut, **ERRORS})
def advance(request: HttpRequest, slug: str, payload: AdvanceIn) -> dict[str, object]:
    process = visible(request, slug)
    services.phase_advance(
        actor=current_user(request),
        process=process,
        override_reason=payload.override_reason,
        open_tasks=payload.open_tasks,
    )
    process.forget_phases()
    return detail(process)


@router.patch("/processes/{slug}/phases/{phase_id}", response={200: ProcessDetailOut, **ERRORS})
def set_phase_dates(
    request: HttpRequest, slug: str, phase_id: int, payload: PhaseDatesIn
) -> dict[str, object]:
    """The planned dates of a phase not yet completed (the twin of the "Change the dates" page)."""
    process = visible(request, slug)
    phase = process.phases.filter(pk=phase_id).first()
    if phase is None:
        raise Http404(_("This process has no such phase."))
    given = payload.model_dump(exclude_unset=True)
    services.phase_set_dates(
        actor=current_user(request),
        phase=phase,
        starts_on=given.get("starts_on", phase.starts_on),
        ends_on=given.get("ends_on", phase.ends_on),
    )
    process.forget_phases()
    return detail(process)


@router.post("/processes/{slug}/publish", response={200: ProcessDetailOut, **ERRORS})
def publish(request: HttpRequest, slug: str, payload: PublishIn) -> dict[str, object]:
    process = services.process_publish_result(
        actor=current_user(request), process=visible(request, slug), summary=payload.summary
    )
    return detail(process)
