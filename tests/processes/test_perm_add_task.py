"""processes.add_task: lead and partner cities (editors, admins) and coordinators, in every phase
while it is active; nobody once all phases are completed. Members, experts, providers and
observers do not add tasks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import PHASES, ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run
from urbanforum.processes.models import Task

OPEN = expect({"editor", "admin", "coordinator", "partner"}, 201)
TABLE = {**dict.fromkeys(PHASES, OPEN), FINISHED: refused_everywhere()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_add_task(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    expected = TABLE[phase][role]
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/tasks",
        data={"title": "Collect winter maintenance contracts", "owner": "other@tallinn.example"},
    )
    if expected == 201:
        assert response.json()["phase"] == phase
        assert Task.objects.get().owner.email == "other@tallinn.example"


def test_task_owner_must_take_part(pworld: ProcessWorld, unchanged: Any) -> None:
    response = run(
        pworld,
        unchanged,
        role="editor",
        expected=422,
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/tasks",
        data={"title": "x", "owner": "admin@riga.example"},
    )
    assert response.json()["errors"][0]["field"] == "owner"
