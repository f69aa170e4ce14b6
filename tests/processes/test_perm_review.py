"""processes.review: partner and lead cities (peer review) and experts (expert review), only during
Evaluation. Coordinators moderate but do not review."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, move_to, refused_everywhere, run
from urbanforum.processes.models import Review

TABLE = {
    "action": refused_everywhere(),
    "evaluation": expect({"editor", "admin", "partner", "expert"}, 201),
    "follow_up": refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_review(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    expected = TABLE[phase][role]
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/reviews",
        data={"text": "The pilot met its targets on one route of two.", "rating": 4},
    )
    if expected == 201:
        assert response.json()["kind"] == ("expert" if role == "expert" else "peer")
        assert Review.objects.count() == 1
