"""processes.change_task (mark a task done): the task's owner, lead and partner cities and
coordinators — only while the task's phase is active (during); before it cannot exist. When the
phase moves on, an open task is carried over to the next phase (and can be done there) or closed
unfinished, and a task left in a completed phase is frozen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, move_to, refused_everywhere, run
from urbanforum.processes import services

TABLE = {
    "starting": expect({"editor", "admin", "coordinator", "partner", "observer"}, 200),
    # The open task was carried over to Intervention (tests.processes.conftest advances with
    # open_tasks="carry"): it can still be done there (it used to be frozen, never closable).
    "intervention": expect({"editor", "admin", "coordinator", "partner", "observer"}, 200),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_change_task(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    # The observer owns the task: owners may tick their own task.
    task = services.task_create(
        actor=pworld.users["editor"],  # type: ignore[arg-type]
        process=pworld.process,
        title="Map the priority cycle network",
        owner=pworld.users["observer"],
    )
    move_to(pworld, phase)
    expected = TABLE[phase][role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/process-tasks/{task.pk}/done",
        data={"done": True},
    )
    task.refresh_from_db()
    assert task.is_done == (expected == 200)


@pytest.mark.parametrize("role", ROLES)
def test_a_task_closed_with_its_phase_is_frozen(
    pworld: ProcessWorld, unchanged: Any, role: str
) -> None:
    task = services.task_create(
        actor=pworld.users["editor"],  # type: ignore[arg-type]
        process=pworld.process,
        title="Map the priority cycle network",
        owner=pworld.users["observer"],
    )
    services.phase_advance(
        actor=pworld.users["coordinator"],  # type: ignore[arg-type]
        process=pworld.process,
        override_reason="moving on",
        open_tasks="close",
    )
    expected = refused_everywhere()[role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/process-tasks/{task.pk}/done",
        data={"done": False},
    )
    task.refresh_from_db()
    assert task.closed_unfinished and task.is_done
