from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import World, make_user
from tests.impact.conftest import pilot  # noqa: F401  (fixture)
from urbanforum.accounts.models import User
from urbanforum.impact.models import Pilot
from urbanforum.reviews import services
from urbanforum.reviews.models import ReviewRound
from urbanforum.reviews.schemas import ReviewInput


@dataclass
class Round:
    round: ReviewRound
    peer: User
    expert: User


@pytest.fixture
def invited_round(world: World, pilot: Pilot) -> Round:  # noqa: F811
    """A round whose two reviewers are invited and have not answered yet."""
    r = services.round_create(
        actor=world.users["editor"], pilot=pilot, title="Peer review of smart lighting"
    )
    peer = world.users["other"]
    assert peer is not None
    expert = make_user("expert@experts.example", is_expert=True)
    services.reviewer_assign(
        actor=world.users["editor"], round=r, reviewer=peer, kind="peer", city=world.other_city
    )
    services.reviewer_assign(actor=world.users["editor"], round=r, reviewer=expert, kind="expert")
    return Round(r, peer, expert)


@pytest.fixture
def review_round(invited_round: Round) -> Round:
    """A round whose two reviewers accepted their invitations (they may review)."""
    services.invitation_accept(actor=invited_round.peer, round=invited_round.round)
    services.invitation_accept(actor=invited_round.expert, round=invited_round.round)
    return invited_round


SCORES = {
    "effectiveness": 4,
    "cost_efficiency": 3,
    "transferability": 5,
    "citizen_benefit": 4,
    "sustainability": 4,
}


def review(findings: str, **overrides: Any) -> ReviewInput:
    """A review's input: the rubric's SCORES (or `overrides`) and the findings."""
    return ReviewInput.model_validate({**SCORES, "findings": findings, **overrides})
