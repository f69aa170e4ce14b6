from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.reviews.conftest import Round, review
from urbanforum.reviews import selectors, services

pytestmark = pytest.mark.django_db


def test_reviewers_see_others_only_after_submitting(review_round: Round, world: World) -> None:
    r = review_round.round
    services.review_submit(actor=review_round.expert, round=r, data=review("Expert: solid."))
    # The peer has not submitted: sees nothing of the expert's review (page and API).
    assert selectors.visible_reviews(round=r, user=review_round.peer) == []
    body = world.client("other").get(f"/reviews/{r.pk}/").content.decode()
    assert "Expert: solid." not in body
    data = world.client("other").get(f"/api/v1/review-rounds/{r.pk}").json()
    assert data["reviews"] == [] and data["aggregate"] is None
    services.review_submit(
        actor=review_round.peer,
        round=r,
        data=review("Peer: transferable.", effectiveness=2, sustainability=5),
    )
    assert [rv.findings for rv in selectors.visible_reviews(round=r, user=review_round.peer)] == [
        "Expert: solid.",
        "Peer: transferable.",
    ]
    agg = selectors.aggregate(round=r)
    assert (
        agg.n == 2
        and agg.means["effectiveness"] == Decimal("3.00")
        and agg.means["sustainability"] == Decimal("4.50")
    )
    # (3 + 3 + 5 + 4 + 4.5) / 5 = 3.9
    assert agg.overall == Decimal("3.90")


def test_scores_are_validated_and_submitted_once(review_round: Round, unchanged: Any) -> None:
    r = review_round.round
    with pytest.raises(ValidationError) as exc:
        unchanged(
            lambda: services.review_submit(
                actor=review_round.peer, round=r, data=review("x", effectiveness=6)
            )
        )
    assert "effectiveness" in exc.value.message_dict
    services.review_submit(actor=review_round.peer, round=r, data=review("ok"))
    with pytest.raises(ValidationError):
        services.review_submit(actor=review_round.peer, round=r, data=review("again"))


def test_only_assigned_reviewers_review_and_owners_are_not_reviewers(
    review_round: Round, world: World
) -> None:
    with pytest.raises(PermissionDenied):
        services.review_submit(
            actor=world.users["member"], round=review_round.round, data=review("x")
        )
    with pytest.raises(ValidationError):
        services.reviewer_assign(
            actor=world.users["editor"], round=review_round.round, reviewer=world.users["member"]
        )


def test_closing_publishes(review_round: Round, world: World) -> None:
    r = review_round.round
    with pytest.raises(ValidationError):
        services.round_close(actor=world.users["editor"], round=r)
    services.review_submit(actor=review_round.peer, round=r, data=review("ok"))
    services.round_close(actor=world.users["editor"], round=r)
    assert world.client("anonymous").get(f"/reviews/{r.pk}/").status_code == 200
