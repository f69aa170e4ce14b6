"""processes.add_decision: the lead city (editors, admins) and coordinators, any active phase."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run

OPEN = expect({"editor", "admin", "coordinator"}, 201)
TABLE = {"intervention": OPEN, "action": OPEN, FINISHED: refused_everywhere()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_add_decision(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    run(
        pworld,
        unchanged,
        role=role,
        expected=TABLE[phase][role],
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/decisions",
        data={"text": "We pilot sensor-based monitoring on two routes."},
    )
