"""Writes on a process's phases: moving on (with the open tasks carried over or closed, the actual
dates recorded, the challenge's status following the process) and the planned dates."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.challenges import services as challenges
from urbanforum.challenges.models import ChallengeStatus
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.core.text import translated
from urbanforum.processes import selectors
from urbanforum.processes.models import Phase, Process, Task
from urbanforum.processes.services import _active_phase, _event, _record

CARRY, CLOSE = "carry", "close"
# What happens to the tasks still open when the phase moves on.
OPEN_TASK_CHOICES = (CARRY, CLOSE)


@transaction.atomic
def phase_advance(
    *, actor: User, process: Process, override_reason: str = "", open_tasks: str = ""
) -> Phase | None:
    """Complete the active phase and move to the next one. Returns the new active phase (None
    when the last phase was completed).

    Every checklist item must be ticked, or a coordinator overrides with a reason. Tasks still
    open are carried over to the next phase (`open_tasks="carry"`) or closed unfinished
    (`"close"`); with open tasks and no choice nothing happens and the error names them. The
    completed phase's end and the next phase's start are recorded; completing the last phase
    closes the challenge the process came from."""
    require(actor, "processes.advance_phase", process)
    Process.objects.select_for_update().filter(pk=process.pk).first()  # one advance at a time
    phase = _active_phase(process)
    open_items = selectors.open_checklist(phase=phase)
    reason = (override_reason or "").strip()
    if open_items:
        if not reason:
            raise field_error(
                "checklist",
                _("Not ticked yet: %(items)s. Tick them, or a coordinator overrides with a reason.")
                % {"items": "; ".join(translated(item) for item in open_items)},
            )
        if not actor.has_perm("processes.override_checklist", process):
            raise field_error(
                "override_reason", _("Only a coordinator can override the checklist.")
            )
    unfinished = list(phase.tasks.filter(done_at=None).order_by("pk"))
    is_last = not process.phases.filter(order__gt=phase.order).exists()
    if unfinished:
        titles = "; ".join(t.title for t in unfinished)
        if open_tasks not in OPEN_TASK_CHOICES:
            raise field_error(
                "open_tasks",
                _(
                    "Still open: %(titles)s. Carry them over to the next phase or close them "
                    "unfinished."
                )
                % {"titles": titles},
            )
        if open_tasks == CARRY and is_last:
            raise field_error(
                "open_tasks",
                _("This is the last phase: there is no next phase to carry the tasks over to."),
            )
    now = timezone.now()
    phase.completed_at = now
    phase.completed_by = actor
    phase.override_reason = reason if open_items else ""
    phase.save(update_fields=["completed_at", "completed_by", "override_reason"])
    process.forget_phases()
    nxt = process.active_phase
    if nxt is not None:
        nxt.started_at = now
        nxt.save(update_fields=["started_at"])
    pks = [t.pk for t in unfinished]
    if unfinished and open_tasks == CARRY and nxt is not None:
        Task.objects.filter(pk__in=pks).update(phase=nxt, carried_from=phase)
    elif unfinished:
        Task.objects.filter(pk__in=pks).update(done_at=now, done_by=actor, closed_unfinished=True)
    _record(
        actor,
        "process.advance",
        process,
        completed=phase.label,
        next=nxt.label if nxt else "",
        overridden=open_items if open_items else [],
        reason=phase.override_reason,
        open_tasks={"carried" if open_tasks == CARRY else "closed": [t.title for t in unfinished]}
        if unfinished
        else {},
    )
    _event(
        "process.phase_advanced",
        actor,
        process,
        completed=phase.label,
        next=nxt.label if nxt else "",
    )
    if nxt is None:
        challenges.challenge_follow_process(
            actor=actor, challenge=process.challenge, status=ChallengeStatus.CLOSED
        )
    return nxt


@transaction.atomic
def phase_set_dates(
    *, actor: User, phase: Phase, starts_on: date | None, ends_on: date | None
) -> Phase:
    """Re-plan a phase that has not been completed (a completed phase keeps its record)."""
    process = phase.process
    require(actor, "processes.change_process", process)
    if phase.completed_at is not None:
        raise field_error("starts_on", _("A completed phase keeps its dates."))
    changes = audit.diff(phase, {"starts_on": starts_on, "ends_on": ends_on})
    phase.starts_on, phase.ends_on = starts_on, ends_on
    validate(phase)
    phase.save(update_fields=["starts_on", "ends_on"])
    if changes:
        _record(actor, "process.dates", process, phase=phase.label, **changes)
    return phase
