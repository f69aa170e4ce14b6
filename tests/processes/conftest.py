"""Fixtures for processes: a Helsinki challenge, a process opened from it, and the process roles.

Roles: anonymous; other = admin of Riga's administration (not taking part); member, editor, admin of
Helsinki's administration (the lead city); coordinator; partner = Tallinn's admin (Tallinn is a
partner city); expert (a person); provider = admin of a company taking part; observer (a person)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World, make_user
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.challenges.models import Challenge, ChallengeStatus, Visibility
from urbanforum.processes import services
from urbanforum.processes.models import Participant, Process, ProcessRole, ProcessVisibility

ROLES = [
    "anonymous",
    "other",
    "member",
    "editor",
    "admin",
    "coordinator",
    "partner",
    "expert",
    "provider",
    "observer",
]
PHASES = ["starting", "intervention", "action", "evaluation", "follow_up"]


def make_challenge(world: World, **extra: Any) -> Challenge:
    defaults: dict[str, Any] = {
        "title": "Winter cycling maintenance",
        "owner_city": world.city,
        "owner_organisation": world.org,
        "problem_statement": "Cycle routes are unusable after snowfall.",
        "domains": ["mobility", "climate"],
        "status": ChallengeStatus.OPEN,
        "visibility": Visibility.PUBLIC,
    }
    defaults.update(extra)
    return Challenge.objects.create(**defaults)


@dataclass
class ProcessWorld:
    world: World
    challenge: Challenge
    process: Process
    users: dict[str, User | None]

    def client(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client

    def advance_to(self, phase_type: str) -> None:
        """Complete the phases before `phase_type` (a coordinator overriding the checklist)."""
        coordinator = self.users["coordinator"]
        assert coordinator is not None
        while True:
            self.process.forget_phases()
            active = self.process.active_phase
            assert active is not None
            if active.phase_type == phase_type:
                return
            services.phase_advance(
                actor=coordinator,
                process=self.process,
                override_reason="test setup",
                open_tasks="carry",
            )

    def finish(self) -> None:
        coordinator = self.users["coordinator"]
        assert coordinator is not None
        while self.process.active_phase is not None:
            services.phase_advance(
                actor=coordinator, process=self.process, override_reason="done", open_tasks="close"
            )
            self.process.forget_phases()
        self.process.forget_phases()


def build_process_world(world: World, visibility: str = ProcessVisibility.MEMBERS) -> ProcessWorld:
    challenge = make_challenge(world)
    editor = world.users["editor"]
    assert editor is not None
    process = services.process_open(actor=editor, challenge=challenge, visibility=visibility)
    # Tallinn joined as partner city: "other" (Tallinn's admin) acts as partner.
    Participant.objects.create(
        process=process, organisation=world.other_org, role=ProcessRole.PARTNER
    )
    users: dict[str, User | None] = dict(world.users)
    users["partner"] = world.users["other"]
    expert = make_user("expert@experts.example", is_expert=True)
    Participant.objects.create(process=process, user=expert, role=ProcessRole.EXPERT)
    users["expert"] = expert
    provider_org = Organisation.objects.create(name="SnowTech Oy", kind=OrganisationKind.COMPANY)
    provider = make_user("sales@snowtech.example")
    Membership.objects.create(
        user=provider, organisation=provider_org, role=Role.ADMIN, verified_via="admin"
    )
    Participant.objects.create(
        process=process, organisation=provider_org, role=ProcessRole.PROVIDER
    )
    users["provider"] = provider
    observer = make_user("observer@ngo.example")
    Participant.objects.create(process=process, user=observer, role=ProcessRole.OBSERVER)
    users["observer"] = observer
    # Tallinn's admin is the partner now; "other" becomes the admin of an uninvolved city (Riga).
    stranger_org = Organisation.objects.create(
        name="Riga", kind=OrganisationKind.CITY_ADMINISTRATION
    )
    stranger = make_user("admin@riga.example")
    Membership.objects.create(
        user=stranger, organisation=stranger_org, role=Role.ADMIN, verified_via="admin"
    )
    users["other"] = stranger
    return ProcessWorld(world=world, challenge=challenge, process=process, users=users)


@pytest.fixture
def pworld(world: World) -> ProcessWorld:
    return build_process_world(world)
