"""Each visibility rule is written once (`<app>/policies.py`): the list a user gets (the policy's
queryset) and the check on one object (the registered view permission) always agree, for every
role — and the lists need no DISTINCT."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import ROLES
from tests.practices.kb import KB
from urbanforum.challenges.models import Challenge, ChallengeCity
from urbanforum.challenges.policies import challenge_policy
from urbanforum.challenges.selectors import ChallengeFilters, challenge_list
from urbanforum.cities.models import City
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.marketplace.policies import expert_policy, solution_policy
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.policies import practice_policy

POLICIES: list[tuple[Any, type[Any], str]] = [
    (practice_policy, GoodPractice, "practices.view_goodpractice"),
    (challenge_policy, Challenge, "challenges.view_challenge"),
    (solution_policy, Solution, "marketplace.view_solution"),
    (expert_policy, Expert, "marketplace.view_expert"),
]


def _shared_private_challenge(kb: KB) -> Challenge:
    """Tallinn's private challenge, shared by two cities that Helsinki's administration runs."""
    espoo = City.objects.create(
        name="Espoo", slug="espoo-fi", country="FI", administration=kb.world.org
    )
    challenge = Challenge.objects.create(
        title="Ferry queues",
        owner_city=kb.world.other_city,
        owner_organisation=kb.world.other_org,
        problem_statement="Queues at the ferry terminal.",
        status="open",
        visibility="private",
    )
    ChallengeCity.objects.create(challenge=challenge, city=kb.world.city)
    ChallengeCity.objects.create(challenge=challenge, city=espoo)
    return challenge


@pytest.mark.parametrize("role", ROLES)
def test_queryset_and_check_agree(kb: KB, role: str) -> None:
    _shared_private_challenge(kb)
    user = kb.world.users[role] or AnonymousUser()
    for policy, model, perm in POLICIES:
        listed = list(policy.queryset(user))
        assert len(listed) == len(set(listed)), (model, role)
        checked = {obj for obj in model.objects.all() if user.has_perm(perm, obj)}
        assert set(listed) == checked, (model, role)


def test_a_challenge_shared_by_two_of_my_cities_is_listed_once(kb: KB) -> None:
    shared = _shared_private_challenge(kb)
    member = kb.world.users["member"]
    listed = list(challenge_list(user=member, filters=ChallengeFilters()))
    assert listed.count(shared) == 1
    assert shared not in challenge_list(
        user=kb.world.users["anonymous"], filters=ChallengeFilters()
    )
    assert shared in challenge_list(user=member, filters=ChallengeFilters(city="espoo-fi"))
