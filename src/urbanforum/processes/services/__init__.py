"""Writes for collaboration processes. Every write: permission, validation naming the field,
one transaction, an audit entry on the process (that is its timeline), a domain event."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, OrganisationKind, User
from urbanforum.challenges import services as challenges
from urbanforum.challenges.models import Challenge, ChallengeStatus
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.policies import forget
from urbanforum.core.services import field_error, update, validate
from urbanforum.processes import registry, selectors
from urbanforum.processes.models import (
    ChecklistItem,
    Decision,
    Deliverable,
    Participant,
    Phase,
    Process,
    ProcessInvitation,
    ProcessRole,
    ProcessVisibility,
    Review,
    Task,
)
from urbanforum.processes.permissions import forget_roles, process_roles
from urbanforum.processes.schemas import ProcessPatchIn

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _record(actor: User, action: str, process: Process, **changes: object) -> None:
    # Every process write is recorded against the process: the audit trail *is* its timeline.
    audit.record(actor=actor, action=action, target=process, changes=changes)


def _event(name: str, actor: User, process: Process, **payload: object) -> None:
    emit(
        DomainEvent(
            name,
            actor.pk,
            {"process_id": process.pk, "process_title": process.title, **payload},
        )
    )


def _active_phase(process: Process) -> Phase:
    process.forget_phases()
    phase = process.active_phase
    if phase is None:
        raise field_error("phase", _("The process has no active phase (it is finished or closed)."))
    return phase


@transaction.atomic
def process_open(
    *,
    actor: User,
    challenge: Challenge,
    title: str = "",
    description: str = "",
    visibility: str = ProcessVisibility.MEMBERS,
    blueprint: str = registry.FIVE_STEPS,
    starts_on: date | None = None,
) -> Process:
    """Open a process from a challenge. The challenge's owner organisation becomes the lead."""
    require(actor, "processes.add_process", challenge)
    try:
        plan = registry.blueprint(blueprint)
    except ValueError as exc:
        raise field_error("blueprint", str(exc)) from None
    if visibility not in ProcessVisibility.values:
        raise field_error(
            "visibility", _("'%(visibility)s' is not a visibility.") % {"visibility": visibility}
        )
    # One process under way per challenge: the challenge's row is locked so that two people
    # opening at once do not both get one.
    Challenge.objects.select_for_update().filter(pk=challenge.pk).first()
    running = selectors.running_process(challenge)
    if running is not None:
        raise field_error(
            "challenge",
            _(
                "This challenge already has a process under way: “%(title)s” (%(url)s). Continue "
                "it there; a new one can be opened once it is completed."
            )
            % {
                "title": running.title,
                "url": reverse("processes:detail", args=[running.slug]),
            },
            label=_("Challenge"),
        )
    lead_org = challenge.owner_organisation or challenge.owner_city.administration
    if lead_org is None:
        raise field_error(
            "challenge", _("The challenge's city has no administration on urbanforum to lead it.")
        )
    process = Process(
        title=(title or challenge.title).strip(),
        challenge=challenge,
        description=description.strip(),
        visibility=visibility,
        blueprint=plan.slug,
        created_by=actor,
    )
    validate(process, exclude=["slug", "created_by"])
    process.save()
    day = starts_on or timezone.localdate()
    for order, step in enumerate(plan.phases):
        phase = Phase.objects.create(
            process=process,
            phase_type=step.phase_type,
            order=order,
            starts_on=day,
            ends_on=day + timedelta(days=step.days - 1),
        )
        day = day + timedelta(days=step.days)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(phase=phase, label=label, order=i)
            for i, label in enumerate(step.checklist)
        )
    first = process.phases.order_by("order").first()
    if first is not None:
        first.started_at = timezone.now()
        first.save(update_fields=["started_at"])
    Participant.objects.create(process=process, organisation=lead_org, role=ProcessRole.LEAD)
    _record(
        actor,
        "process.open",
        process,
        challenge=challenge.title,
        lead=lead_org.name,
        blueprint=plan.slug,
    )
    _event("process.opened", actor, process, challenge_id=challenge.pk)
    # The challenge's status follows its process ("in process" while it runs).
    challenges.challenge_follow_process(
        actor=actor, challenge=challenge, status=ChallengeStatus.IN_PROCESS
    )
    return process


@transaction.atomic
def process_update(*, actor: User, process: Process, changes: ProcessPatchIn) -> Process:
    """Change the title, description or visibility (only the fields given)."""
    require(actor, "processes.change_process", process)
    updated = update(
        process,
        actor=actor,
        values=changes.given(),
        action="process.update",
        validate_exclude=["slug", "created_by", "challenge"],
    )
    forget(process)  # who may see it may have changed
    return updated.instance


@transaction.atomic
def process_invite(
    *,
    actor: User,
    process: Process,
    organisation: Organisation,
    role: str = ProcessRole.PARTNER,
    message: str = "",
) -> ProcessInvitation:
    """The lead invites a peer city's administration (or a provider's organisation)."""
    require(actor, "processes.invite_city", process)
    if role not in (ProcessRole.PARTNER, ProcessRole.PROVIDER, ProcessRole.OBSERVER):
        raise field_error("role", _("Invite as partner city, solution provider or observer."))
    if role == ProcessRole.PARTNER and organisation.kind != OrganisationKind.CITY_ADMINISTRATION:
        raise field_error(
            "organisation",
            _("%(organisation)s is not a city administration; invite it as provider or observer.")
            % {"organisation": organisation.name},
        )
    if selectors.takes_part(process=process, org=organisation):
        raise field_error(
            "organisation",
            _("%(organisation)s already takes part.") % {"organisation": organisation.name},
        )
    if selectors.has_open_invitation(process=process, organisation=organisation):
        raise field_error(
            "organisation",
            _("%(organisation)s already has an open invitation.")
            % {"organisation": organisation.name},
        )
    invitation = ProcessInvitation.objects.create(
        process=process,
        organisation=organisation,
        role=role,
        message=message.strip(),
        invited_by=actor,
    )
    _record(actor, "process.invite", process, organisation=organisation.name, role=role)
    _event(
        "process.invitation_created",
        actor,
        process,
        invitation_id=invitation.pk,
        organisation_id=organisation.pk,
    )
    return invitation


@transaction.atomic
def process_invitation_respond(
    *, actor: User, invitation: ProcessInvitation, accept: bool = True
) -> Participant | None:
    """An editor/admin of the invited organisation accepts (joins) or declines."""
    require(actor, "processes.accept_invitation", invitation)
    invitation = ProcessInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise field_error("invitation", _("This invitation was already answered."))
    process = invitation.process
    now = timezone.now()
    if not accept:
        invitation.declined_at = now
        invitation.save(update_fields=["declined_at"])
        _record(actor, "process.decline", process, organisation=invitation.organisation.name)
        _event(
            "process.invitation_declined",
            actor,
            process,
            organisation_id=invitation.organisation_id,
        )
        return None
    invitation.accepted_at = now
    invitation.accepted_by = actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    participant, _created = Participant.objects.get_or_create(
        process=process, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    forget_roles(actor)
    forget(process)  # who may see it changed
    _record(
        actor,
        "process.join",
        process,
        organisation=invitation.organisation.name,
        role=invitation.role,
    )
    _event("process.joined", actor, process, organisation_id=invitation.organisation_id)
    return participant


@transaction.atomic
def participant_add(
    *,
    actor: User,
    process: Process,
    role: str,
    user: User | None = None,
    organisation: Organisation | None = None,
) -> Participant:
    """Add an expert, provider or observer directly (the lead or a coordinator)."""
    require(actor, "processes.change_process", process)
    if role not in ProcessRole.values or role == ProcessRole.LEAD:
        raise field_error("role", _("Add as partner, expert, provider or observer."))
    if (user is None) == (organisation is None):
        raise field_error("user", _("Give either a person or an organisation."))
    if role == ProcessRole.EXPERT and (user is None or not user.is_expert):
        raise field_error("user", _("Only people registered as experts take part as experts."))
    if selectors.takes_part(process=process, user=user, org=organisation):
        raise field_error("user" if user else "organisation", _("Already takes part."))
    participant = Participant.objects.create(
        process=process, role=role, user=user, organisation=organisation
    )
    forget(process)  # who may see it changed
    _record(actor, "process.participant_add", process, who=participant.label, role=role)
    _event(
        "process.participant_added", actor, process, user_id=getattr(user, "pk", None), role=role
    )
    return participant


def _check_owner(process: Process, owner: User | None) -> None:
    if owner is None:
        return
    _roles, belongs = process_roles(owner, process)
    if not belongs and not owner.is_coordinator:
        raise field_error(
            "owner",
            _("%(display_name)s does not take part in this process.")
            % {"display_name": owner.display_name},
        )


@transaction.atomic
def task_create(
    *,
    actor: User,
    process: Process,
    title: str,
    description: str = "",
    owner: User | None = None,
    due_on: date | None = None,
) -> Task:
    """A task in the active phase."""
    require(actor, "processes.add_task", process)
    phase = _active_phase(process)
    _check_owner(process, owner)
    task = Task(
        phase=phase,
        title=(title or "").strip(),
        description=(description or "").strip(),
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )
    validate(task, exclude=["created_by", "done_by"])
    task.save()
    _record(
        actor, "process.task_create", process, task=task.title, owner=owner.email if owner else ""
    )
    if owner is not None:
        _event(
            "process.task_assigned",
            actor,
            process,
            task_id=task.pk,
            owner_id=owner.pk,
            task_title=task.title,
        )
    return task


@transaction.atomic
def task_set_done(*, actor: User, task: Task, done: bool = True) -> Task:
    require(actor, "processes.change_task", task)
    task = Task.objects.select_for_update().select_related("phase__process").get(pk=task.pk)
    if done == task.is_done:
        return task
    task.done_at = timezone.now() if done else None
    task.done_by = actor if done else None
    task.save(update_fields=["done_at", "done_by"])
    process = task.phase.process
    _record(actor, "process.task_done" if done else "process.task_reopen", process, task=task.title)
    if done:
        _event("process.task_done", actor, process, task_id=task.pk, task_title=task.title)
    return task


@transaction.atomic
def deliverable_add(
    *,
    actor: User,
    process: Process,
    title: str,
    file: UploadedFile | None = None,
    url: str = "",
    kind: str = "document",
) -> Deliverable:
    if kind == "solution":
        require(actor, "processes.submit_solution", process)
    else:
        require(actor, "processes.add_deliverable", process)
    phase = _active_phase(process)
    if kind not in ("document", "solution"):
        raise field_error("kind", _("A deliverable is a document or a solution proposal."))
    if file is None and not url:
        raise field_error("file", _("Upload a file or give a link."))
    if file is not None and file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise field_error("file", _("The file is larger than 20 MB."))
    deliverable = Deliverable(
        phase=phase, title=(title or "").strip(), url=url.strip(), kind=kind, added_by=actor
    )
    validate(deliverable, exclude=["file", "added_by"])
    if file is not None:
        deliverable.file.save(file.name or "document", file, save=False)
    deliverable.save()
    _record(actor, "process.deliverable_add", process, deliverable=deliverable.title, kind=kind)
    _event(
        "process.deliverable_added",
        actor,
        process,
        deliverable_id=deliverable.pk,
        title=deliverable.title,
    )
    return deliverable


@transaction.atomic
def decision_record(
    *, actor: User, process: Process, text: str, decided_on: date | None = None
) -> Decision:
    require(actor, "processes.add_decision", process)
    phase = _active_phase(process)
    decision = Decision(
        phase=phase,
        text=(text or "").strip(),
        decided_on=decided_on or timezone.localdate(),
        recorded_by=actor,
    )
    validate(decision, exclude=["recorded_by"])
    decision.save()
    _record(actor, "process.decision", process, decision=decision.text[:200])
    _event("process.decision_recorded", actor, process, decision_id=decision.pk)
    return decision


@transaction.atomic
def review_add(*, actor: User, process: Process, text: str, rating: int | None = None) -> Review:
    require(actor, "processes.review", process)
    phase = _active_phase(process)
    roles, _ = process_roles(actor, process)
    kind = "expert" if ProcessRole.EXPERT in roles else "peer"
    review = Review(phase=phase, author=actor, kind=kind, text=(text or "").strip(), rating=rating)
    validate(review, exclude=["author"])
    review.save()
    _record(actor, "process.review", process, kind=kind, rating=rating)
    _event("process.review_added", actor, process, review_id=review.pk)
    return review


@transaction.atomic
def checklist_tick(*, actor: User, item: ChecklistItem, done: bool = True) -> ChecklistItem:
    process = item.phase.process
    require(actor, "processes.tick_checklist", process)
    active = _active_phase(process)
    if item.phase_id != active.pk:
        raise field_error("item", _("Only the active phase's checklist can be ticked."))
    item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    item.done_at = timezone.now() if done else None
    item.done_by = actor if done else None
    item.save(update_fields=["done_at", "done_by"])
    _record(actor, "process.checklist", process, item=item.label, done=done)
    return item


@transaction.atomic
def process_publish_result(*, actor: User, process: Process, summary: str) -> Process:
    """Follow-up: publish the result (the practices app turns it into a good practice)."""
    require(actor, "processes.publish_result", process)
    summary = (summary or "").strip()
    if not summary:
        raise field_error("summary", _("Write what was done and what came out of it."))
    locked = Process.objects.select_for_update().get(pk=process.pk)
    locked.result_summary = summary
    locked.result_published_at = timezone.now()
    locked.save(update_fields=["result_summary", "result_published_at", "updated_at"])
    _record(actor, "process.publish", locked, summary=summary[:200])
    _event("process.result_published", actor, locked)
    return locked


# The phase writes live in their own module; re-exported here (the app's one write interface).
from urbanforum.processes.services.phases import (  # noqa: E402
    OPEN_TASK_CHOICES as OPEN_TASK_CHOICES,
)
from urbanforum.processes.services.phases import (  # noqa: E402
    phase_advance as phase_advance,
)
from urbanforum.processes.services.phases import (  # noqa: E402
    phase_set_dates as phase_set_dates,
)
