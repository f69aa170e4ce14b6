"""processes.publish_result: the lead city and coordinators, during Follow-up only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run

TABLE = {
    "evaluation": refused_everywhere(),
    "follow_up": expect({"editor", "admin", "coordinator"}, 200),
    FINISHED: refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_publish_result(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    run(
        pworld,
        unchanged,
        role=role,
        expected=TABLE[phase][role],
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/publish",
        data={"summary": "Two routes kept clear all winter; contract clauses shared."},
    )
