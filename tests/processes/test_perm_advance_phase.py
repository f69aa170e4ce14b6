"""processes.advance_phase: the lead city and coordinators, while a phase is active, once its
checklist is ticked; only a coordinator may override an unticked checklist (with a reason)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import api
from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run
from urbanforum.processes.models import ChecklistItem

TABLE = {
    "starting": expect({"editor", "admin", "coordinator"}, 200),
    "follow_up": expect({"editor", "admin", "coordinator"}, 200),
    FINISHED: refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_advance_phase(pworld: ProcessWorld, unchanged: Any, phase: str, role: str) -> None:
    move_to(pworld, phase)
    ChecklistItem.objects.filter(phase__process=pworld.process).update(done_at=timezone.now())
    expected = TABLE[phase][role]
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/advance",
        data={},
    )
    if expected == 200:
        nxt = {"starting": "intervention", "follow_up": None}[phase]
        assert response.json()["active_phase"] == nxt


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_lead_cannot_skip_the_checklist(pworld: ProcessWorld, unchanged: Any, role: str) -> None:
    client = pworld.client(role)
    url = f"/api/v1/processes/{pworld.process.slug}/advance"
    response = unchanged(lambda: api(client, "POST", url, {}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "checklist"
    assert "Benchmark attached" in response.json()["detail"]
    response = unchanged(lambda: api(client, "POST", url, {"override_reason": "in a hurry"}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "override_reason"


def test_coordinator_overrides_with_a_reason(pworld: ProcessWorld) -> None:
    client = pworld.client("coordinator")
    url = f"/api/v1/processes/{pworld.process.slug}/advance"
    response = api(
        client, "POST", url, {"override_reason": "Benchmark comes from the network later."}
    )
    assert response.status_code == 200
    assert response.json()["active_phase"] == "intervention"
    first = pworld.process.phases.get(order=0)
    assert first.override_reason == "Benchmark comes from the network later."
    timeline = api(client, "GET", f"/api/v1/processes/{pworld.process.slug}/timeline").json()
    assert "checklist overridden" in timeline["items"][0]["text"]
