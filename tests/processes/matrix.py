"""The phase-aware permission matrix helper (adhocracy4 style: one test file per permission).

Each file lists, per phase state of the process ("before", "during", "after" the phases where the
capability is open), the exact status for every role. A refusal must change nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tests.conftest import api
from tests.processes.conftest import ROLES, ProcessWorld

FINISHED = "finished"  # every phase completed


def expect(allowed: Iterable[str], ok: int, *, anonymous: int = 401) -> dict[str, int]:
    allowed = set(allowed)
    return {r: anonymous if r == "anonymous" else (ok if r in allowed else 403) for r in ROLES}


def refused_everywhere(*, anonymous: int = 401) -> dict[str, int]:
    return expect((), 0, anonymous=anonymous)


def move_to(pworld: ProcessWorld, phase: str) -> None:
    if phase == FINISHED:
        pworld.finish()
    else:
        pworld.advance_to(phase)


def run(
    pworld: ProcessWorld,
    unchanged: Callable[[Callable[[], Any]], Any],
    *,
    role: str,
    expected: int,
    method: str,
    url: str,
    data: Any = None,
    json: bool = True,
) -> Any:
    client = pworld.client(role)

    def call() -> Any:
        if json:
            return api(client, method, url, data)
        if method == "GET":
            return client.get(url)
        return client.post(url, data or {})

    refused = expected in (401, 403) or (not json and role == "anonymous" and expected == 302)
    response = unchanged(call) if refused and method != "GET" else call()
    assert response.status_code == expected, (
        role,
        url,
        response.status_code,
        response.content[:400],
    )
    if json and expected in (401, 403):
        assert response.json()["detail"]
    return response
