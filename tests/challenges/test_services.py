"""Challenge services: life cycle, joining and leaving, validation naming the field, events."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.practices.kb import KB
from urbanforum.challenges import services
from urbanforum.challenges.models import Challenge, ChallengeCity
from urbanforum.challenges.schemas import ChallengeFields
from urbanforum.core.events import DomainEvent, subscribe
from urbanforum.core.models import AuditEvent
from urbanforum.core.policies import forget
from urbanforum.core.schemas import parse


def test_create_is_a_draft_of_the_actors_city(kb: KB) -> None:
    editor = kb.world.users["editor"]
    challenge = services.challenge_create(
        actor=editor,
        owner_city=kb.world.city,
        fields=ChallengeFields(
            title="Heat in schools",
            problem_statement="Classrooms overheat.",
            domains=["living-health", "climate"],
            sdgs=[3, 13],
        ),
    )
    assert challenge.status == "draft"
    assert challenge.owner_organisation == kb.world.org
    assert challenge.domain_tags == "|climate|living-health|" or challenge.domains == [
        "climate",
        "living-health",
    ]
    assert AuditEvent.objects.filter(
        action="challenge.create", target_id=str(challenge.pk)
    ).exists()


def test_create_for_another_city_is_refused_naming_the_field(kb: KB, unchanged: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.challenge_create(
                actor=kb.world.users["other"],
                owner_city=kb.world.city,
                fields=ChallengeFields(title="X", problem_statement="Y"),
            )
        )
    assert "owner_city" in exc.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [("domains", ["space"]), ("sdgs", [0]), ("sdg_targets", ["eleven"]), ("visibility", "secret")],
)
def test_bad_fields_are_named(kb: KB, unchanged: Any, field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.challenge_update(
                actor=kb.world.users["editor"],
                challenge=kb.public,
                changes=parse(ChallengeFields, {field: value}),
            )
        )
    assert field in exc.value.message_dict


def test_budget_range_is_checked(kb: KB, unchanged: Any) -> None:
    with pytest.raises(ValidationError, match="lower bound"):
        unchanged(
            lambda: services.challenge_update(
                actor=kb.world.users["editor"],
                challenge=kb.public,
                changes=ChallengeFields(budget_min_eur=10, budget_max_eur=5),
            )
        )


def test_life_cycle(kb: KB, django_capture_on_commit_callbacks: Any) -> None:
    seen: list[DomainEvent] = []
    subscribe("challenge.published", seen.append)
    editor = kb.world.users["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        c = services.challenge_set_status(actor=editor, challenge=kb.draft_challenge, status="open")
    assert c.status == "open" and [e.payload["challenge_id"] for e in seen] == [c.pk]
    for status in ("matched", "in_process", "closed", "open"):
        c = services.challenge_set_status(actor=editor, challenge=c, status=status)
        assert c.status == status
    with pytest.raises(ValidationError) as exc:
        services.challenge_set_status(actor=editor, challenge=c, status="in_process")
    assert "cannot go from Open to In process" in exc.value.message_dict["status"][0]
    with pytest.raises(PermissionDenied):
        services.challenge_set_status(actor=kb.world.users["member"], challenge=c, status="closed")


def test_join_and_leave(kb: KB) -> None:
    other = kb.world.users["other"]
    link = services.challenge_join(actor=other, challenge=kb.public, note="Same in Tallinn.")
    assert (link.city, link.role, link.note) == (kb.world.other_city, "joined", "Same in Tallinn.")
    with pytest.raises(ValidationError, match="already shares"):
        services.challenge_join(actor=other, challenge=kb.public)
    services.challenge_leave(actor=other, challenge=kb.public)
    assert not ChallengeCity.objects.filter(challenge=kb.public).exists()
    with pytest.raises(PermissionDenied):  # no longer a city that joined
        services.challenge_leave(actor=other, challenge=kb.public)
    with pytest.raises(ValidationError, match="has not joined"):
        services.challenge_leave(actor=kb.world.users["coordinator"], challenge=kb.public)


def test_the_owner_cannot_join_its_own_challenge(kb: KB, unchanged: Any) -> None:
    with pytest.raises(ValidationError):
        unchanged(
            lambda: services.challenge_join(actor=kb.world.users["editor"], challenge=kb.public)
        )


def test_a_private_challenge_is_seen_by_a_city_that_shares_it(kb: KB) -> None:
    other = kb.world.users["other"]
    assert not other.has_perm("challenges.view_challenge", kb.private)
    ChallengeCity.objects.create(challenge=kb.private, city=kb.world.other_city)
    other = type(other).objects.get(pk=other.pk)  # fresh: the role cache is per object
    forget(kb.private)  # and the answer about the challenge is memoised on the challenge
    assert other.has_perm("challenges.view_challenge", kb.private)
    assert Challenge.objects.count() == 5
