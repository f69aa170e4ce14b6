"""processes.view_process: public — everyone; members — people of any organisation; private — the
participants (members of participating organisations included) and coordinators. Page, API and
timeline alike."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from tests.processes.conftest import ROLES, build_process_world
from tests.processes.matrix import expect, run

EVERYONE = dict.fromkeys(ROLES, 200)
TABLE = {
    "public": EVERYONE,
    "members": expect(set(ROLES) - {"anonymous"}, 200, anonymous=403),
    "private": expect(
        {"member", "editor", "admin", "coordinator", "partner", "expert", "provider", "observer"},
        200,
        anonymous=403,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", list(TABLE))
@pytest.mark.parametrize("kind", ["page", "api", "timeline", "api-timeline", "api-tasks"])
def test_view_process(world: World, unchanged: Any, visibility: str, role: str, kind: str) -> None:
    pworld = build_process_world(world, visibility=visibility)
    slug = pworld.process.slug
    url = {
        "page": f"/processes/{slug}/",
        "timeline": f"/processes/{slug}/timeline/",
        "api": f"/api/v1/processes/{slug}",
        "api-timeline": f"/api/v1/processes/{slug}/timeline",
        "api-tasks": f"/api/v1/processes/{slug}/tasks",
    }[kind]
    run(
        pworld,
        unchanged,
        role=role,
        expected=TABLE[visibility][role],
        method="GET",
        url=url,
        json=kind.startswith("api"),
    )


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_visible_processes(world: World, role: str) -> None:
    pworld = build_process_world(world, visibility="private")
    html = pworld.client(role).get("/processes/").content.decode()
    data = pworld.client(role).get("/api/v1/processes").json()
    visible = TABLE["private"][role] == 200
    assert (pworld.process.title in html) == visible
    assert (data["count"] == 1) == visible
