"""Community fixtures on top of `world`: a public and a private working group, a discussion, a
public event (capacity 2) and a private-group event, a mentoring offer, request and mentorship."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import World, make_user
from tests.processes.conftest import ProcessWorld, build_process_world, make_challenge
from urbanforum.accounts.models import User
from urbanforum.community import services
from urbanforum.community.models import Event, Mentorship, Post, Thread, WorkingGroup


@dataclass
class Community:
    world: World
    public_group: WorkingGroup
    private_group: WorkingGroup
    thread: Thread
    post: Post
    event: Event
    private_event: Event
    expert: User
    mentorship: Mentorship
    challenge: Any
    document: Any


def u(world: World, role: str) -> User:
    user = world.users[role]
    assert user is not None
    return user


@pytest.fixture
def community(world: World) -> Community:
    editor, admin, member = u(world, "editor"), u(world, "admin"), u(world, "member")
    public = services.group_create(
        actor=editor,
        name="Winter mobility",
        domains=["mobility"],
        description="Cycling in the snow.",
    )
    services.group_join(actor=member, group=public)
    private = services.group_create(actor=admin, name="Helsinki internal", visibility="private")
    services.group_add_member(actor=admin, group=private, user=member)
    document = services.document_add(
        actor=admin, group=private, title="Budget", url="https://example.org/budget.pdf"
    )
    thread = services.thread_create(
        actor=member, group=public, title="Ploughing cycle lanes first", body="Who ploughs *first*?"
    )
    post = thread.posts.get()
    start = timezone.now() + timedelta(days=10)
    event = services.event_create(
        actor=editor,
        title="Forum day Helsinki",
        kind="forum_day",
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        timezone="Europe/Helsinki",
        place="Helsinki City Hall",
        capacity=2,
    )
    private_event = services.event_create(
        actor=admin,
        title="Internal workshop",
        kind="workshop",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        online_url="https://meet.example/x",
        group=private,
    )
    expert = make_user("mentor@experts.example", is_expert=True, full_name="Mia Mentor")
    offer = services.offer_create(
        actor=expert, topics=["mobility", "climate"], description="Winter cycling maintenance."
    )
    challenge = make_challenge(world)
    request = services.request_create(
        actor=editor, challenge=challenge, description="Contracts for winter maintenance."
    )
    mentorship = services.mentorship_propose(
        actor=editor, request=request, offer=offer, goals="New contract clauses."
    )
    return Community(
        world,
        public,
        private,
        thread,
        post,
        event,
        private_event,
        expert,
        mentorship,
        challenge,
        document,
    )


@pytest.fixture
def pworld(world: World) -> ProcessWorld:
    return build_process_world(world)
