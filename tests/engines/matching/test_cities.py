"""Peer, twin and mentor city scores, exact values."""

import math

import numpy as np
import pytest

from urbanforum.engines.matching.cities import mentor_scores, peer_scores, top_cities, twin_scores

# z-scores, higher is better; row 0 is the asking city
PROFILES = np.array(
    [
        [1.0, -1.0, 0.0],  # me: strong in 0, weak in 1
        [1.0, -1.0, 0.0],  # identical
        [-1.0, 1.0, 0.0],  # complementary
        [1.0, 1.0, math.nan],  # better in 1, same in 0
        [math.nan, math.nan, math.nan],
    ]
)


def test_peer_scores_blend_context_and_profile() -> None:
    me = PROFILES[0]
    np.testing.assert_allclose(
        peer_scores(PROFILES, me), [1.0, 1.0, 1 / (1 + 8 / 3), 1 / (1 + 2), 0.0]
    )
    ctx = np.array([1.0, 0.0, 1.0, 0.5, 1.0])
    np.testing.assert_allclose(
        peer_scores(PROFILES, me, ctx, profile_weight=0.25),
        0.75 * ctx + 0.25 * np.array([1.0, 1.0, 1 / (1 + 8 / 3), 1 / 3, 0.0]),
    )


def test_twin_scores_need_learning_both_ways() -> None:
    scores = twin_scores(PROFILES, PROFILES[0])
    # row 2: gives in 1 of 3 shared dims, takes in 1 of 3 → harmonic mean 1/3
    # row 3: gives (dim 1) but takes nothing → 0
    np.testing.assert_allclose(scores, [0.0, 0.0, 1 / 3, 0.0, 0.0])
    np.testing.assert_allclose(
        twin_scores(PROFILES, PROFILES[0], np.full(5, 0.5)), [0, 0, 1 / 6, 0, 0]
    )


def test_mentor_scores_reward_the_gap_in_one_indicator() -> None:
    scores = mentor_scores(PROFILES, PROFILES[0], indicator=1)
    gap2 = 1 - math.exp(-2.0)
    np.testing.assert_allclose(scores, [0.0, 0.0, gap2, gap2, 0.0])
    ctx = np.array([1.0, 1.0, 0.0, 1.0, 1.0])
    np.testing.assert_allclose(
        mentor_scores(PROFILES, PROFILES[0], 1, ctx), [0, 0, gap2 / 2, gap2, 0]
    )
    with pytest.raises(ValueError, match="context must have shape"):
        mentor_scores(PROFILES, PROFILES[0], 1, np.ones(3))


def test_top_cities_skips_self_and_zeros_and_breaks_ties_by_index() -> None:
    rows, scores = top_cities([0.9, 0.5, 0.0, 0.5, 0.7], k=3, exclude=0)
    assert rows.tolist() == [4, 1, 3]
    np.testing.assert_allclose(scores, [0.7, 0.5, 0.5])
