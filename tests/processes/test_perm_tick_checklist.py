"""processes.tick_checklist: the lead city and coordinators, on the active phase's items only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run
from urbanforum.processes.models import ChecklistItem

TABLE = {
    "starting": expect({"editor", "admin", "coordinator"}, 200),
    FINISHED: refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_tick(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    item = ChecklistItem.objects.filter(phase__process=pworld.process, phase__order=0).first()
    assert item is not None
    move_to(pworld, phase)
    item.refresh_from_db()
    item_done_before = item.done_at is not None
    if item_done_before:
        ChecklistItem.objects.filter(pk=item.pk).update(done_at=None)
    run(
        pworld,
        unchanged,
        role=role,
        expected=TABLE[phase][role],
        method="POST",
        url=f"/api/v1/process-checklist/{item.pk}",
        data={"done": True},
    )


def test_an_upcoming_phase_cannot_be_ticked(pworld: ProcessWorld, unchanged: Any) -> None:
    item = ChecklistItem.objects.filter(phase__process=pworld.process, phase__order=1).first()
    assert item is not None
    response = run(
        pworld,
        unchanged,
        role="editor",
        expected=422,
        method="POST",
        url=f"/api/v1/process-checklist/{item.pk}",
        data={"done": True},
    )
    assert response.json()["errors"][0]["field"] == "item"
