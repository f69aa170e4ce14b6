"""processes.change_task (mark a task done): the task's owner, lead and partner cities and
coordinators — only while the task's phase is active (during); before it cannot exist, after the
phase is completed the task is frozen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, move_to, refused_everywhere, run
from urbanforum.processes import services

TABLE = {
    "starting": expect({"editor", "admin", "coordinator", "partner", "observer"}, 200),
    "intervention": refused_everywhere(),  # after: the task's phase (Starting) is completed
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
