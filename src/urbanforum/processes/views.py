"""Process pages: thin — parse, check, call a selector or service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urbanforum.accounts.http import current_user
from urbanforum.accounts.models import User
from urbanforum.challenges.models import Challenge
from urbanforum.core.forms import apply_errors
from urbanforum.core.pagination import paginate
from urbanforum.processes import registry, selectors, services
from urbanforum.processes.forms import (
    AdvanceForm,
    DecisionForm,
    DeliverableForm,
    InviteForm,
    ParticipantForm,
    ProcessEditForm,
    ProcessOpenForm,
    PublishForm,
    ReviewForm,
    TaskForm,
)
from urbanforum.processes.models import ChecklistItem, Deliverable, Process, ProcessInvitation, Task
from urbanforum.processes.timeline import describe


def _process(request: HttpRequest, slug: str) -> Process:
    process = selectors.process_detail(slug=slug)
    if process is None:
        raise Http404("No such process.")
    if not request.user.has_perm("processes.view_process", process):
        raise PermissionDenied("This process is visible to its participants only.")
    return process


def _check(request: HttpRequest, perm: str, obj: Any, message: str) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            for err in errs:
                messages.error(request, f"{field}: {err}" if field != "__all__" else err)
    else:
        messages.error(request, " ".join(exc.messages))


def process_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    phase = request.GET.get("phase", "")
    mine = request.GET.get("mine") == "1"
    qs = selectors.process_list(user=request.user, search=q, phase=phase, mine=mine)
    page_info = paginate(qs, page=request.GET.get("page"), params=request.GET)
    return render(
        request,
        "processes/list.html",
        {
            "page_info": page_info,
            "q": q,
            "phase": phase,
            "mine": mine,
            "phase_types": registry.phase_types(),
            "openable": selectors.openable_challenges(user=request.user),
        },
    )


@login_required
def process_open(request: HttpRequest, challenge_slug: str) -> HttpResponse:
    challenge = get_object_or_404(Challenge, slug=challenge_slug)
    _check(
        request,
        "processes.add_process",
        challenge,
        "Only the challenge's city (editors, admins) and coordinators open a process.",
    )
    form = ProcessOpenForm(request.POST or None, initial={"title": challenge.title})
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_open(
                actor=current_user(request), challenge=challenge, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The process is open. Invite the cities that share the challenge.")
            )
            return redirect("processes:detail", slug=process.slug)
    return render(request, "processes/open.html", {"form": form, "challenge": challenge})


@login_required
def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    _check(
        request,
        "processes.change_process",
        process,
        "Only the lead city and coordinators edit the process.",
    )
    initial = {
        "title": process.title,
        "description": process.description,
        "visibility": process.visibility,
    }
    form = ProcessEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(
                actor=current_user(request), process=process, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The process was saved."))
            return redirect("processes:detail", slug=process.slug)
    return render(
        request, "processes/open.html", {"form": form, "process": process, "editing": True}
    )


def _feature_links(phase_type: str) -> list[dict[str, str]]:
    return [
        {
            "label": f.label,
            "feature": f.feature,
            "url_name": f.url_name,
            "description": f.description,
        }
        for f in registry.features_for(phase_type)
    ]


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    user = request.user
    phases = selectors.phase_contents(process=process)
    state = process.phase_state()
    active = phases[state.index] if state.index is not None else None
    features = []
    if active is not None:
        for f in registry.features_for(active.phase_type):
            try:
                features.append(
                    {
                        "label": f.label,
                        "url": reverse(f.url_name, args=[process.slug]),
                        "description": f.description,
                    }
                )
            except NoReverseMatch:
                continue
    can = {
        name: user.has_perm(f"processes.{name}", process)
        for name in (
            "change_process",
            "invite_city",
            "add_task",
            "add_deliverable",
            "submit_solution",
            "add_decision",
            "review",
            "comment",
            "tick_checklist",
            "advance_phase",
            "override_checklist",
            "publish_result",
        )
    }
    invite_form = InviteForm(prefix="invite")
    invite_form.fields["organisation"].queryset = selectors.invitable_organisations(process=process)  # type: ignore[attr-defined]
    task_form = TaskForm(prefix="task")
    task_form.fields["owner"].queryset = _participant_people(process)  # type: ignore[attr-defined]
    return render(
        request,
        "processes/detail.html",
        {
            "process": process,
            "phases": list(zip(phases, state.states, strict=True)),
            "active": active,
            "overdue": state.overdue,
            "features": features,
            "can": can,
            "participants": process.participants.all(),
            "invitations": selectors.open_invitations(process=process)
            if can["invite_city"] or can["change_process"]
            else [],
            "timeline": [describe(e) for e in selectors.process_timeline(process=process)[:8]],
            "invite_form": invite_form,
            "task_form": task_form,
            "deliverable_form": DeliverableForm(prefix="deliverable"),
            "decision_form": DecisionForm(prefix="decision"),
            "review_form": ReviewForm(prefix="review"),
            "advance_form": AdvanceForm(prefix="advance"),
            "publish_form": PublishForm(prefix="publish"),
            "participant_form": ParticipantForm(prefix="participant"),
            "panels": selectors.process_panels(process=process, user=user),
        },
    )


def _participant_people(process: Process) -> Any:
    from django.db.models import Q

    return (
        User.objects.filter(
            Q(pk__in=process.participants.exclude(user=None).values("user_id"))
            | Q(
                memberships__organisation__in=process.participants.exclude(
                    organisation=None
                ).values("organisation_id")
            )
        )
        .distinct()
        .order_by("email")
    )


def process_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(request, slug)
    page_info = paginate(
        selectors.process_timeline(process=process),
        page=request.GET.get("page"),
        per_page=50,
        params=request.GET,
    )
    return render(
        request,
        "processes/timeline.html",
        {
            "process": process,
            "page_info": page_info,
            "entries": [describe(e) for e in page_info.items],
        },
    )


def _post_action(
    perm: str, message: str
) -> Callable[[Callable[..., str | None]], Callable[..., HttpResponse]]:
    """Wrap a POST action on a process: login, visibility, permission, service errors as messages."""

    def decorate(action: Callable[..., str | None]) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        def view(request: HttpRequest, slug: str) -> HttpResponse:
            process = _process(request, slug)
            _check(request, perm, process, message)
            try:
                done = action(request, process)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                if done:
                    messages.success(request, done)
            return redirect("processes:detail", slug=process.slug)

        view.__name__ = action.__name__
        return view

    return decorate


@_post_action(
    "processes.invite_city", "Only the lead city invites, and only while invitations are open."
)
def process_invite(request: HttpRequest, process: Process) -> str:
    form = InviteForm(request.POST, prefix="invite")
    form.fields["organisation"].queryset = selectors.invitable_organisations(process=process)  # type: ignore[attr-defined]
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    services.process_invite(actor=current_user(request), process=process, **form.cleaned_data)
    return _("Invitation sent to %(org)s.") % {"org": form.cleaned_data["organisation"].name}


@_post_action(
    "processes.add_task", "Only lead and partner cities add tasks, in a phase open for tasks."
)
def task_create(request: HttpRequest, process: Process) -> str:
    form = TaskForm(request.POST, prefix="task")
    form.fields["owner"].queryset = _participant_people(process)  # type: ignore[attr-defined]
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    services.task_create(actor=current_user(request), process=process, **form.cleaned_data)
    return _("Task added.")


@_post_action(
    "processes.add_deliverable", "Participants add deliverables while the phase allows it."
)
def deliverable_add(request: HttpRequest, process: Process) -> str:
    form = DeliverableForm(request.POST, request.FILES, prefix="deliverable")
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    services.deliverable_add(actor=current_user(request), process=process, **form.cleaned_data)
    return _("Deliverable added.")


@_post_action("processes.add_decision", "Only the lead city records decisions.")
def decision_record(request: HttpRequest, process: Process) -> str:
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    services.decision_record(actor=current_user(request), process=process, **form.cleaned_data)
    return _("Decision recorded.")


@_post_action(
    "processes.review", "Reviews are written by partner cities and experts in the Evaluation phase."
)
def review_add(request: HttpRequest, process: Process) -> str:
    form = ReviewForm(request.POST, prefix="review")
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    services.review_add(actor=current_user(request), process=process, **form.cleaned_data)
    return _("Review added.")


@_post_action(
    "processes.advance_phase", "Only the lead city or a coordinator moves the process on."
)
def phase_advance(request: HttpRequest, process: Process) -> str:
    nxt = services.phase_advance(
        actor=current_user(request),
        process=process,
        override_reason=request.POST.get("advance-override_reason", ""),
    )
    return _("Now in phase: %(p)s.") % {"p": nxt.label} if nxt else _("All phases are completed.")


@_post_action("processes.publish_result", "The lead city publishes the result in Follow-up.")
def publish_result(request: HttpRequest, process: Process) -> str:
    services.process_publish_result(
        actor=current_user(request),
        process=process,
        summary=request.POST.get("publish-summary", ""),
    )
    return _("The result is published.")


@_post_action("processes.change_process", "Only the lead city or a coordinator adds participants.")
def participant_add(request: HttpRequest, process: Process) -> str:
    form = ParticipantForm(request.POST, prefix="participant")
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
    if person is None:
        raise ValidationError({"email": ["Nobody with this e-mail address is registered."]})
    services.participant_add(
        actor=current_user(request), process=process, user=person, role=form.cleaned_data["role"]
    )
    return _("%(who)s takes part now.") % {"who": person.display_name}


@login_required
@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.select_related("phase__process"), pk=task_id)
    process = _process(request, task.phase.process.slug)
    _check(
        request,
        "processes.change_task",
        task,
        "Only the task's owner, the cities and coordinators change tasks of the active phase.",
    )
    try:
        services.task_set_done(
            actor=current_user(request), task=task, done=request.POST.get("done", "1") == "1"
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("processes:detail", slug=process.slug)


@login_required
@require_POST
def checklist_tick(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(ChecklistItem.objects.select_related("phase__process"), pk=item_id)
    process = _process(request, item.phase.process.slug)
    _check(
        request,
        "processes.tick_checklist",
        process,
        "Only the lead city or a coordinator ticks the checklist.",
    )
    try:
        services.checklist_tick(
            actor=current_user(request), item=item, done=request.POST.get("done", "1") == "1"
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("processes:detail", slug=process.slug)


@login_required
@require_POST
def invitation_respond(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(
        ProcessInvitation.objects.select_related("process", "organisation"), pk=invitation_id
    )
    _check(
        request,
        "processes.accept_invitation",
        invitation,
        "Only editors and admins of the invited organisation answer.",
    )
    accept = request.POST.get("accept", "1") == "1"
    try:
        services.process_invitation_respond(
            actor=current_user(request), invitation=invitation, accept=accept
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("processes:list")
    if accept:
        messages.success(
            request, _("%(org)s joined the process.") % {"org": invitation.organisation.name}
        )
        return redirect("processes:detail", slug=invitation.process.slug)
    messages.success(request, _("Invitation declined."))
    return redirect("processes:list")


@login_required
def deliverable_download(request: HttpRequest, deliverable_id: int) -> HttpResponseBase:
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("phase__process"), pk=deliverable_id
    )
    _process(request, deliverable.phase.process.slug)
    if not deliverable.file:
        if deliverable.url:
            return redirect(deliverable.url)
        raise Http404("No file.")
    return FileResponse(
        deliverable.file.open("rb"),
        as_attachment=True,
        filename=(deliverable.file.name or "file").rsplit("/", 1)[-1],
    )
