"""community.write_discussion on a process = processes.comment: everyone who belongs to a
participant (members of participating organisations included) and coordinators, in every phase
while it is active; nobody after the last phase. Reading follows processes.view_process."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import FINISHED, expect, move_to, refused_everywhere, run

WRITERS = set(ROLES) - {"anonymous", "other"}
TABLE = {
    "starting": expect(WRITERS, 201),
    "evaluation": expect(WRITERS, 201),
    FINISHED: refused_everywhere(),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", list(TABLE))
def test_start_process_discussion(
    pworld: ProcessWorld, unchanged: Any, phase: str, role: str
) -> None:
    move_to(pworld, phase)
    run(
        pworld,
        unchanged,
        role=role,
        expected=TABLE[phase][role],
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/threads",
        data={"title": "Common topics", "body": "Let us list them."},
    )


@pytest.mark.parametrize("role", ROLES)
def test_read_process_discussions(pworld: ProcessWorld, unchanged: Any, role: str) -> None:
    expected = expect(set(ROLES) - {"anonymous"}, 200, anonymous=403)[role]  # members-only process
    run(
        pworld,
        unchanged,
        role=role,
        expected=expected,
        method="GET",
        url=f"/community/processes/{pworld.process.slug}/discussions/",
        json=False,
    )
