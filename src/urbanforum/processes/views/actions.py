"""The actions of the process page (POST, then back to the page): invite, tasks, deliverables,
decisions, reviews, moving on, publishing, participants, checklist, invitations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import errors_of
from urbanforum.core.services import field_error
from urbanforum.processes import selectors, services
from urbanforum.processes.forms import (
    DecisionForm,
    DeliverableForm,
    InviteForm,
    ParticipantForm,
    ReviewForm,
    TaskForm,
)
from urbanforum.processes.models import Process
from urbanforum.processes.schemas import AdvanceIn, DoneIn, PublishIn
from urbanforum.processes.views.common import check, flash, posted, visible_process

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev (typing) dependency only


Action = Callable[[AuthedRequest, Process], str | None]


def _post_action(
    perm: str, message: StrOrPromise
) -> Callable[[Action], Callable[..., HttpResponse]]:
    """Wrap a POST action on a process: login, visibility, permission, service errors as messages."""

    def decorate(action: Action) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        def view(request: AuthedRequest, slug: str) -> HttpResponse:
            process = visible_process(request, slug)
            check(request, perm, process, str(message))
            try:
                done = action(request, process)
            except ValidationError as exc:
                flash(request, exc)
            else:
                if done:
                    messages.success(request, done)
            return redirect("processes:detail", slug=process.slug)

        view.__name__ = action.__name__
        return view

    return decorate


@_post_action(
    "processes.invite_city",
    gettext_lazy("Only the lead city invites, and only while invitations are open."),
)
def process_invite(request: AuthedRequest, process: Process) -> str:
    invitable = selectors.invitable_organisations(process=process)
    form = InviteForm(request.POST, prefix="invite", invitable=invitable)
    if not form.is_valid():
        raise errors_of(form)
    organisation = form.cleaned_data["organisation"]
    services.process_invite(
        actor=request.user,
        process=process,
        organisation=organisation,
        role=form.validated.role,
        message=form.validated.message,
    )
    return _("Invitation sent to %(org)s.") % {"org": organisation.name}


@_post_action(
    "processes.add_task",
    gettext_lazy("Only lead and partner cities add tasks, in a phase open for tasks."),
)
def task_create(request: AuthedRequest, process: Process) -> str:
    form = TaskForm(
        request.POST, prefix="task", people=selectors.participant_people(process=process)
    )
    if not form.is_valid():
        raise errors_of(form)
    data = form.validated
    services.task_create(
        actor=request.user,
        process=process,
        title=data.title,
        description=data.description,
        owner=form.cleaned_data.get("owner"),
        due_on=data.due_on,
    )
    return _("Task added.")


@_post_action(
    "processes.add_deliverable",
    gettext_lazy("Participants add deliverables while the phase allows it."),
)
def deliverable_add(request: AuthedRequest, process: Process) -> str:
    form = DeliverableForm(request.POST, request.FILES, prefix="deliverable")
    if not form.is_valid():
        raise errors_of(form)
    data = form.validated
    services.deliverable_add(
        actor=request.user,
        process=process,
        title=data.title,
        url=data.url,
        kind=data.kind,
        file=form.cleaned_data.get("file"),
    )
    return _("Deliverable added.")


@_post_action("processes.add_decision", gettext_lazy("Only the lead city records decisions."))
def decision_record(request: AuthedRequest, process: Process) -> str:
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        raise errors_of(form)
    data = form.validated
    services.decision_record(
        actor=request.user, process=process, text=data.text, decided_on=data.decided_on
    )
    return _("Decision recorded.")


@_post_action(
    "processes.review",
    gettext_lazy("Reviews are written by partner cities and experts in the Evaluation phase."),
)
def review_add(request: AuthedRequest, process: Process) -> str:
    form = ReviewForm(request.POST, prefix="review")
    if not form.is_valid():
        raise errors_of(form)
    data = form.validated
    services.review_add(actor=request.user, process=process, text=data.text, rating=data.rating)
    return _("Review added.")


@_post_action(
    "processes.advance_phase",
    gettext_lazy("Only the lead city or a coordinator moves the process on."),
)
def phase_advance(request: AuthedRequest, process: Process) -> str:
    data = posted(request, AdvanceIn, prefix="advance")
    nxt = services.phase_advance(
        actor=request.user,
        process=process,
        override_reason=data.override_reason,
        open_tasks=data.open_tasks,
    )
    return _("Now in phase: %(p)s.") % {"p": nxt.label} if nxt else _("All phases are completed.")


@_post_action(
    "processes.publish_result", gettext_lazy("The lead city publishes the result in Follow-up.")
)
def publish_result(request: AuthedRequest, process: Process) -> str:
    data = posted(request, PublishIn, prefix="publish", summary="")
    services.process_publish_result(actor=request.user, process=process, summary=data.summary)
    return _("The result is published.")


@_post_action(
    "processes.change_process",
    gettext_lazy("Only the lead city or a coordinator adds participants."),
)
def participant_add(request: AuthedRequest, process: Process) -> str:
    form = ParticipantForm(request.POST, prefix="participant")
    if not form.is_valid():
        raise errors_of(form)
    person = selectors.person_by_email(form.validated.user)
    if person is None:
        raise field_error("email", _("Nobody with this e-mail address is registered."))
    services.participant_add(
        actor=request.user, process=process, user=person, role=form.validated.role
    )
    return _("%(who)s takes part now.") % {"who": person.display_name}


@login_required
@require_POST
def task_done(request: AuthedRequest, task_id: int) -> HttpResponse:
    task = selectors.task_detail(task_id=task_id)
    if task is None:
        raise Http404(_("No such task."))
    process = visible_process(request, task.phase.process.slug)
    check(
        request,
        "processes.change_task",
        task,
        _("Only the task's owner, the cities and coordinators change tasks of the active phase."),
    )
    try:
        data = posted(request, DoneIn, done="1")
        services.task_set_done(actor=request.user, task=task, done=data.done)
    except ValidationError as exc:
        flash(request, exc)
    return redirect("processes:detail", slug=process.slug)


@login_required
@require_POST
def checklist_tick(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = selectors.checklist_item_detail(item_id=item_id)
    if item is None:
        raise Http404(_("No such checklist item."))
    process = visible_process(request, item.phase.process.slug)
    check(
        request,
        "processes.tick_checklist",
        process,
        _("Only the lead city or a coordinator ticks the checklist."),
    )
    try:
        data = posted(request, DoneIn, done="1")
        services.checklist_tick(actor=request.user, item=item, done=data.done)
    except ValidationError as exc:
        flash(request, exc)
    return redirect("processes:detail", slug=process.slug)


@login_required
@require_POST
def invitation_respond(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_detail(invitation_id=invitation_id)
    if invitation is None:
        raise Http404(_("No such invitation."))
    check(
        request,
        "processes.accept_invitation",
        invitation,
        _("Only editors and admins of the invited organisation answer."),
    )
    accept = request.POST.get("accept", "1") == "1"  # the button pressed: join or decline
    try:
        services.process_invitation_respond(
            actor=request.user, invitation=invitation, accept=accept
        )
    except ValidationError as exc:
        flash(request, exc)
        return redirect("processes:list")
    if accept:
        messages.success(
            request, _("%(org)s joined the process.") % {"org": invitation.organisation.name}
        )
        return redirect("processes:detail", slug=invitation.process.slug)
    messages.success(request, _("Invitation declined."))
    return redirect("processes:list")
