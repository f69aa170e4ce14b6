"""Mentoring: proposals (experts by topic overlap; cities strong where the asker is weak, from the
benchmark when present), the mentorship's life: accept, sessions, end, feedback from both sides."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest
from django.core.exceptions import ValidationError

from tests.community.conftest import Community, u
from tests.conftest import api, make_user
from urbanforum.community import selectors, services
from urbanforum.community.selectors import mentoring as mentoring_selectors


def test_experts_ranked_by_overlap_with_the_challenge(community: Community) -> None:
    other_expert = make_user("energy@experts.example", is_expert=True)
    services.offer_create(actor=other_expert, topics=["energy"], description="Heat.")
    half = make_user("half@experts.example", is_expert=True)
    services.offer_create(actor=half, topics=["mobility"], description="Buses.")
    proposals = selectors.propose_mentors(request=community.mentorship.request)  # type: ignore[arg-type]
    assert [(p.offer.mentor.email, p.score) for p in proposals] == [
        ("mentor@experts.example", 1.0),  # mobility + climate of mobility + climate
        ("half@experts.example", 0.5),
    ]
    assert proposals[0].reasons == ["topics in common: Climate, Mobility"]  # labels, not slugs


def test_cities_strong_where_the_asker_is_weak(community: Community, monkeypatch: Any) -> None:
    world = community.world
    tallinn_admin = u(world, "other")
    services.offer_create(
        actor=tallinn_admin,
        topics=["governance"],
        description="Procurement.",
        organisation=world.other_org,
    )
    scores = {
        world.city.pk: {"mobility": 20.0, "energy": 80.0, "governance": 30.0, "economy": 90.0},
        world.other_city.pk: {
            "mobility": 70.0,
            "energy": 60.0,
            "governance": 80.0,
            "economy": 50.0,
        },
    }
    # The benchmark's contract: a DataFrame indexed by city id, one column per characteristic.
    frame = pd.DataFrame.from_dict(scores, orient="index")
    # The mentoring selectors read the benchmark (community.selectors is a package now).
    monkeypatch.setattr(mentoring_selectors, "latest_characteristic_scores", lambda: frame)
    proposals = selectors.propose_mentors(request=community.mentorship.request)  # type: ignore[arg-type]
    tallinn = next(p for p in proposals if p.offer.organisation == world.other_org)
    # Helsinki's weakest: mobility 20, governance 30, energy 80 → Tallinn +50, +50, −20 → mean +26.7
    assert tallinn.score == pytest.approx(0.267, abs=0.001)
    # the characteristics by their names ("energy" is no characteristic: shown as it is)
    assert (
        "strong where you are weak (Smart mobility, Smart governance, energy): +27 points"
        in tallinn.reasons
    )


def test_without_benchmark_cities_fall_back_to_topics(community: Community) -> None:
    world = community.world
    services.offer_create(
        actor=u(world, "other"),
        topics=["governance"],
        description="x",
        organisation=world.other_org,
    )
    proposals = selectors.propose_mentors(request=community.mentorship.request)  # type: ignore[arg-type]
    assert all(
        p.offer.organisation is None for p in proposals
    )  # no overlap, no benchmark: not proposed


def test_mentorship_life(community: Community) -> None:
    m = community.mentorship
    expert, editor = community.expert, u(community.world, "editor")
    with pytest.raises(ValidationError):
        services.mentorship_propose(
            actor=editor,
            request=m.request,
            offer=m.request.mentorships.first().mentor.mentoring_offers.first(),
            goals="",
        )  # type: ignore[union-attr]
    services.mentorship_answer(actor=expert, mentorship=m, accept=True)
    with pytest.raises(ValidationError) as exc:
        services.session_record(
            actor=expert, mentorship=m, held_on=date.today() + timedelta(days=3)
        )
    assert "held_on" in exc.value.message_dict
    services.session_record(
        actor=editor, mentorship=m, held_on=date.today(), notes="Reviewed contracts."
    )
    services.mentorship_end(actor=expert, mentorship=m)
    services.feedback_give(actor=expert, mentorship=m, text="Motivated team.", rating=5)
    services.feedback_give(actor=editor, mentorship=m, text="Very useful.", rating=4)
    with pytest.raises(ValidationError):
        services.feedback_give(
            actor=u(community.world, "admin"), mentorship=m, text="Again", rating=3
        )
    body = api(community.world.client("member"), "GET", f"/api/v1/mentorships/{m.pk}").json()
    assert body["status"] == "ended"
    assert [(f["side"], f["rating"]) for f in body["feedback"]] == [("mentee", 4), ("mentor", 5)]
    assert body["sessions"][0]["notes"] == "Reviewed contracts."
