"""No N+1: the lists and the dashboard run the same number of queries for 1 or 8 items."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.community.conftest import u
from tests.conftest import World
from tests.processes.conftest import make_challenge
from urbanforum.community import services
from urbanforum.processes import services as processes


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add(world: World, i: int) -> None:
    editor = u(world, "editor")
    process = processes.process_open(
        actor=editor, challenge=make_challenge(world, title=f"Challenge {i}")
    )
    processes.task_create(actor=editor, process=process, title=f"Task {i}", owner=editor)
    group = services.group_create(actor=editor, name=f"Group {i}", domains=["mobility"])
    start = timezone.now() + timedelta(days=i + 1)
    event = services.event_create(
        actor=editor,
        title=f"Event {i}",
        kind="webinar",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        online_url="https://meet.example/x",
        group=group,
    )
    services.event_register(actor=editor, event=event)
    services.thread_create(actor=editor, group=group, title=f"Thread {i}", body="Hello")


def test_lists_do_not_grow_with_the_items(world: World) -> None:
    urls = [
        "/processes/",
        "/community/groups/",
        "/community/events/",
        "/community/dashboard/",
        "/api/v1/processes",
        "/api/v1/events",
        "/api/v1/groups",
    ]
    client = world.client("editor")
    _add(world, 0)
    first = {url: _count(client, url) for url in urls}
    for i in range(1, 8):
        _add(world, i)
    after = {url: _count(client, url) for url in urls}
    assert after == first


def test_detail_pages_do_not_grow_with_their_contents(world: World) -> None:
    editor, member = u(world, "editor"), u(world, "member")
    process = processes.process_open(actor=editor, challenge=make_challenge(world))
    group = services.group_create(actor=editor, name="G")
    thread = services.thread_create(actor=editor, group=group, title="T", body="first")
    client = world.client("editor")
    pages = [
        f"/processes/{process.slug}/",
        f"/processes/{process.slug}/timeline/",
        f"/community/groups/{group.slug}/",
        f"/community/threads/{thread.pk}/",
    ]

    def grow(i: int) -> None:
        processes.task_create(actor=editor, process=process, title=f"Task {i}", owner=editor)
        processes.deliverable_add(
            actor=editor, process=process, title=f"D {i}", url="https://example.org/d"
        )
        processes.decision_record(actor=editor, process=process, text=f"Decision {i}")
        services.post_reply(
            actor=member if i % 2 else editor, thread=thread, body=f"Reply {i} @editor"
        )
        services.document_add(
            actor=editor, group=group, title=f"Doc {i}", url="https://example.org/x"
        )

    services.group_join(actor=member, group=group)
    grow(0)
    first = {url: _count(client, url) for url in pages}
    for i in range(1, 8):
        grow(i)
    assert {url: _count(client, url) for url in pages} == first


def test_community_front_door_leads_to_the_working_groups(client: Any) -> None:
    response = client.get("/community/")
    assert (response.status_code, response["Location"]) == (302, "/community/groups/")
