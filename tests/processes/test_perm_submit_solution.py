"""processes.submit_solution: solution providers (and the lead) during Intervention's call for
solutions; nobody before (Starting) or after (Action)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, move_to, refused_everywhere, run
from urbanforum.processes.models import Deliverable

TABLE = {
    "starting": refused_everywhere(),
    "intervention": expect({"editor", "admin", "provider"}, 201),
    "action": refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_submit_solution(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    expected = TABLE[phase][role]
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/deliverables",
        data={
            "title": "Heated cycle lanes",
            "url": "https://snowtech.example/offer",
            "kind": "solution",
        },
    )
    assert Deliverable.objects.filter(kind="solution").exists() == (expected == 201)
