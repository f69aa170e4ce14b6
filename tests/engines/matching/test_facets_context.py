"""Facet coverage and context similarity, exact values."""

import math

import numpy as np
import pytest

from urbanforum.engines.matching.context import ContextTable, ContextWeights, profile_similarity
from urbanforum.engines.matching.facets import FacetTable
from urbanforum.engines.matching.types import Context


def test_facet_score_is_weighted_coverage_of_the_query() -> None:
    table = FacetTable(domain_weight=0.7, sdg_weight=0.3)
    table.extend(
        [["Mobility", "Health"], ["mobility"], ["energy"], []],
        [[11, 3], [], [7, 11], []],
    )
    rows = np.arange(4)
    res = table.score(["mobility", " HEALTH "], [11], rows)
    np.testing.assert_allclose(res.domain_coverage, [1.0, 0.5, 0.0, 0.0])
    np.testing.assert_allclose(res.sdg_coverage, [1.0, 0.0, 1.0, 0.0])
    np.testing.assert_allclose(res.score, [1.0, 0.35, 0.3, 0.0])
    only_domains = table.score(["energy", "unknown-domain"], [], rows)
    np.testing.assert_allclose(only_domains.score, [0.0, 0.0, 0.5, 0.0])
    assert only_domains.sdg_weight == 0.0
    assert table.score([], [], rows).score.tolist() == [0.0] * 4


def test_context_similarity_per_attribute_and_weighted_mean() -> None:
    table = ContextTable(
        [
            Context(country="FI", size_class="large", latitude=60.0, profile=(0.0, 0.0)),
            Context(country="EE", size_class="Medium", latitude=65.0, profile=(1.0, math.nan)),
            Context(),
        ]
    )
    q = Context(country="fi", size_class="large", latitude=60.0, profile=(0.0, 0.0))
    res = table.similarity(q)
    assert res.active.tolist() == [True, False, True, True, True]
    np.testing.assert_allclose(
        res.parts,
        [[1, 0, 1, 1, 1], [0, 0, 0.5, math.exp(-1), 0.5], [0, 0, 0, 0, 0]],
    )
    np.testing.assert_allclose(res.score, [1.0, (0.5 + math.exp(-1) + 0.5) / 4, 0.0])
    weighted = table.similarity(q, ContextWeights(country=3.0), rows=np.array([1]))
    np.testing.assert_allclose(weighted.score, [(0.5 + math.exp(-1) + 0.5) / 6])


def test_climate_label_and_non_standard_size_labels_compare_for_equality() -> None:
    table = ContextTable([Context(climate="Dfb", size_class="town"), Context(climate="Cfb")])
    res = table.similarity(Context(climate="dfb", size_class="TOWN", region="x"))
    np.testing.assert_allclose(res.parts[:, 1:4], [[0, 1, 1], [0, 0, 0]])
    np.testing.assert_allclose(res.score, [2 / 3, 0.0])


def test_profile_similarity_is_nan_aware() -> None:
    profiles = np.array([[0.0, 0.0], [2.0, math.nan], [math.nan, math.nan]])
    np.testing.assert_allclose(profile_similarity(profiles, np.array([0.0, 1.0])), [2 / 3, 0.2, 0])
    with pytest.raises(ValueError, match="profile length"):
        profile_similarity(profiles, np.zeros(3))


def test_profiles_of_different_lengths_are_refused() -> None:
    table = ContextTable([Context(profile=(1.0,)), Context(profile=(1.0, 2.0))])
    with pytest.raises(ValueError, match="same length"):
        table.similarity(Context(country="FI"))
