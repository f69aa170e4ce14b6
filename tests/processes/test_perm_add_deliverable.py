"""processes.add_deliverable: lead and partner cities, experts, providers and coordinators in any
active phase; observers and plain members do not; nobody after the last phase."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run

OPEN = expect({"editor", "admin", "coordinator", "partner", "expert", "provider"}, 201)
TABLE = {"starting": OPEN, "evaluation": OPEN, FINISHED: refused_everywhere()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_add_deliverable(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    run(
        pworld,
        unchanged,
        role=role,
        expected=TABLE[phase][role],
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/deliverables",
        data={"title": "Benchmark of winter maintenance", "url": "https://example.org/bench.pdf"},
    )
