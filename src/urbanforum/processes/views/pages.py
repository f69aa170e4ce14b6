"""Process pages: the list, opening and editing a process, its page, timeline and files."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from urbanforum.accounts.http import AuthedRequest
from urbanforum.core.forms import apply_errors
from urbanforum.core.lists import list_page
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
from urbanforum.processes.models import Phase, Process
from urbanforum.processes.views.common import check, visible_process

# The permissions the process page asks about (buttons and forms it shows).
PAGE_PERMISSIONS = (
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


def process_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        filters=selectors.ProcessFilters,
        rows=lambda f: selectors.process_list(user=request.user, filters=f),
        template="processes/list.html",
        fragment="processes/_results.html",
        extra={
            "phase_types": registry.phase_types(),
            "openable": selectors.openable_challenges(user=request.user),
        },
    )


@login_required
def process_open(request: AuthedRequest, challenge_slug: str) -> HttpResponse:
    challenge = selectors.challenge_by_slug(challenge_slug)
    if challenge is None:
        raise Http404(_("No such challenge."))
    check(
        request,
        "processes.add_process",
        challenge,
        _("Only the challenge's city (editors, admins) and coordinators open a process."),
    )
    form = ProcessOpenForm(
        request.POST or None, initial={"title": challenge.title}, challenge=challenge.slug
    )
    if request.method == "POST" and form.is_valid():
        try:
            process = services.process_open(
                actor=request.user,
                challenge=challenge,
                **form.validated.model_dump(exclude={"challenge"}),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The process is open. Invite the cities that share the challenge.")
            )
            return redirect("processes:detail", slug=process.slug)
    return render(
        request,
        "processes/open.html",
        # A process already under way is named at once (opening a second one is refused).
        {"form": form, "challenge": challenge, "running": selectors.running_process(challenge)},
    )


@login_required
def process_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    process = visible_process(request, slug)
    check(
        request,
        "processes.change_process",
        process,
        _("Only the lead city and coordinators edit the process."),
    )
    initial = {
        "title": process.title,
        "description": process.description,
        "visibility": process.visibility,
    }
    form = ProcessEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_update(actor=request.user, process=process, changes=form.validated)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The process was saved."))
            return redirect("processes:detail", slug=process.slug)
    return render(
        request, "processes/open.html", {"form": form, "process": process, "editing": True}
    )


@dataclass(frozen=True)
class FeatureLink:
    label: str
    url: str
    description: str


def _feature_links(process: Process, phase: Phase | None) -> list[FeatureLink]:
    """The screens other apps plug into the active phase (registry.register_feature)."""
    links = []
    for f in registry.features_for(phase.phase_type) if phase is not None else []:
        try:
            links.append(
                FeatureLink(
                    str(f.label), reverse(f.url_name, args=[process.slug]), str(f.description)
                )
            )
        except NoReverseMatch:
            continue
    return links


def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = visible_process(request, slug)
    user = request.user
    phases = selectors.phase_contents(process=process)
    state = process.phase_state()
    active = phases[state.index] if state.index is not None else None
    can = {name: user.has_perm(f"processes.{name}", process) for name in PAGE_PERMISSIONS}
    people = selectors.participant_people(process=process)
    invitable = selectors.invitable_organisations(process=process)
    return render(
        request,
        "processes/detail.html",
        {
            "process": process,
            "phases": list(zip(phases, state.states, strict=True)),
            "active": active,
            "open_tasks": [t for t in active.tasks.all() if t.done_at is None] if active else [],
            "is_last_phase": active is not None and active is phases[-1],
            "overdue": state.overdue,
            "features": _feature_links(process, active),
            "can": can,
            "participants": selectors.process_participants(process=process),
            "invitations": selectors.open_invitations(process=process)
            if can["invite_city"] or can["change_process"]
            else [],
            "timeline": selectors.timeline_entries(process=process)[:8],
            "invite_form": InviteForm(prefix="invite", invitable=invitable),
            "task_form": TaskForm(prefix="task", people=people),
            "deliverable_form": DeliverableForm(prefix="deliverable"),
            "decision_form": DecisionForm(prefix="decision"),
            "review_form": ReviewForm(prefix="review"),
            "advance_form": AdvanceForm(prefix="advance"),
            "publish_form": PublishForm(prefix="publish"),
            "participant_form": ParticipantForm(prefix="participant"),
            "panels": selectors.process_panels(process=process, user=user),
        },
    )


@dataclass(frozen=True)
class NoFilters:
    """The timeline has no filters."""


def process_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    process = visible_process(request, slug)
    return list_page(
        request,
        filters=NoFilters,
        rows=lambda f: selectors.timeline_entries(process=process),
        template="processes/timeline.html",
        fragment="processes/_timeline_page.html",
        per_page=50,
        extra={"process": process},
    )


@login_required
def deliverable_download(request: AuthedRequest, deliverable_id: int) -> HttpResponseBase:
    deliverable = selectors.deliverable_detail(deliverable_id=deliverable_id)
    if deliverable is None:
        raise Http404(_("No such deliverable."))
    visible_process(request, deliverable.phase.process.slug)
    if not deliverable.file:
        if deliverable.url:
            return redirect(deliverable.url)
        raise Http404(_("No file."))
    return FileResponse(
        deliverable.file.open("rb"),
        as_attachment=True,
        filename=(deliverable.file.name or "file").rsplit("/", 1)[-1],
    )
