"""Which phase is active: computed here and only here.

The rule (documented in docs/processes.md):

1. Phases are ordered by `order`. A phase is *completed* once it has `completed_at` (set only by the
   explicit "advance" action, after its checklist was ticked or overridden by a coordinator).
2. The **active** phase is the first phase, in order, that is not completed — unless the process is
   closed, then none is active.
3. Dates are the plan: they never move a process on by themselves (moving on needs the checklist).
   `now` is used only to say whether the active phase is *overdue* (its planned end has passed) and
   to mark future phases as *upcoming*.

So for any phase the state is: `completed` (after), `active` (during) or `upcoming` (before).
The function is pure: it takes plain values, so it is tested without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

COMPLETED = "completed"
ACTIVE = "active"
UPCOMING = "upcoming"


class PhaseLike(Protocol):
    @property
    def order(self) -> int: ...
    @property
    def completed_at(self) -> datetime | None: ...
    @property
    def ends_on(self) -> date | None: ...


@dataclass(frozen=True)
class PhaseState:
    index: int | None  # position in the ordered list of the active phase; None = no active phase
    states: tuple[str, ...]  # COMPLETED / ACTIVE / UPCOMING per phase, in order
    overdue: bool


def compute_phase_state(
    phases: Sequence[PhaseLike], *, now: datetime, closed: bool = False
) -> PhaseState:
    ordered = sorted(phases, key=lambda p: p.order)
    active: int | None = None
    states: list[str] = []
    for i, phase in enumerate(ordered):
        if phase.completed_at is not None:
            states.append(COMPLETED)
        elif active is None and not closed:
            active = i
            states.append(ACTIVE)
        else:
            states.append(UPCOMING)
    overdue = False
    if active is not None:
        ends = ordered[active].ends_on
        overdue = ends is not None and ends < now.date()
    return PhaseState(index=active, states=tuple(states), overdue=overdue)
