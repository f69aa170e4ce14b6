"""processes.add_process: editors and admins of the challenge's owner organisation and coordinators
open a process from a challenge they can see."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROLES, World, api, outcome
from tests.processes.conftest import make_challenge
from urbanforum.processes.models import Process

LOGIN = 302


API = outcome(401, 403, 403, 201, 201, 201)
FORM = outcome(LOGIN, 403, 403, 200, 200, 200)
POST = outcome(LOGIN, 403, 403, 302, 302, 302)


@pytest.mark.parametrize("role", ROLES)
def test_open_process_api(world: World, unchanged: Any, role: str) -> None:
    challenge = make_challenge(world)
    client = world.client(role)
    call = lambda: api(client, "POST", "/api/v1/processes", {"challenge": challenge.slug})  # noqa: E731
    response = unchanged(call) if API[role] != 201 else call()
    assert response.status_code == API[role], response.content
    if API[role] == 201:
        body = response.json()
        assert body["active_phase"] == "starting"
        assert [p["phase_type"] for p in body["phases"]] == [
            "starting",
            "intervention",
            "action",
            "evaluation",
            "follow_up",
        ]
        assert body["participants"][0]["organisation"] == "city-of-helsinki"
        assert body["participants"][0]["role"] == "lead"


@pytest.mark.parametrize("role", ROLES)
def test_open_process_page(world: World, unchanged: Any, role: str) -> None:
    challenge = make_challenge(world)
    client = world.client(role)
    url = f"/processes/open/{challenge.slug}/"
    assert client.get(url).status_code == FORM[role]
    data = {"title": "Winter cycling together", "visibility": "public", "blueprint": "five-steps"}
    call = lambda: client.post(url, data)  # noqa: E731
    response = unchanged(call) if POST[role] != 302 or role == "anonymous" else call()
    assert response.status_code == POST[role]
    assert Process.objects.filter(title="Winter cycling together").exists() == (
        role in {"editor", "admin", "coordinator"}
    )


def test_private_challenge_of_another_city_cannot_be_used(world: World, unchanged: Any) -> None:
    challenge = make_challenge(world, visibility="private")
    client = world.client("other")
    response = unchanged(
        lambda: api(client, "POST", "/api/v1/processes", {"challenge": challenge.slug})
    )
    assert response.status_code == 403
