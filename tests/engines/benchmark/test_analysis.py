"""Analysis: Cronbach's alpha, PCA, correlations, strengths/weaknesses and peers by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.engines.benchmark.engine_toys import toy_framework
from urbanforum.engines.benchmark import EngineError, build
from urbanforum.engines.benchmark.analysis import analyse, cronbach_alpha, pca_variance, peers


def test_cronbach_alpha_by_hand() -> None:
    # items [1,2,3] and [1,3,2]: item variances 1 and 1, total [2,5,5] variance 3
    x = np.array([[1.0, 1.0], [2.0, 3.0], [3.0, 2.0], [np.nan, 5.0]])
    assert cronbach_alpha(x) == pytest.approx(2 * (1 - 2 / 3))
    assert np.isnan(cronbach_alpha(x[:, :1]))


def test_pca_variance_explained_by_hand() -> None:
    a = np.array([1.0, 2.0, 3.0, 4.0])
    c = np.array([1.0, -1.0, -1.0, 1.0])  # uncorrelated with a
    x = np.column_stack([a, 2 * a, c])  # correlation matrix eigenvalues 2, 1, 0
    np.testing.assert_allclose(pca_variance(x), [2 / 3, 1 / 3, 0], atol=1e-12)


DATA = pd.DataFrame(
    {
        "city": ["A", "B", "C", "D"],
        "region": ["n", "n", "s", "s"],
        "a": [1.0, 2.0, 3.0, 4.0],
        "b": [4.0, 3.0, 2.0, 1.0],
        "c": [1.0, 2.0, 4.0, 3.0],
    }
)


def test_correlations_strengths_weaknesses() -> None:
    res = build(toy_framework(), DATA)
    rep = analyse(res, top=1)
    assert rep.correlations.loc["a", "b"] == pytest.approx(-1.0)
    cp = rep.child_parent.set_index("child")
    assert cp.loc["c", "parent"] == "p2" and cp.loc["c", "r"] == pytest.approx(1.0)
    # unit A: ranks a 4, b 1, c (direction -1, lowest value best) 1 -> strength b, weakness a
    s = rep.strengths.set_index("unit")
    w = rep.weaknesses.set_index("unit")
    assert (s.loc["A", "indicator"], s.loc["A", "rank"]) == ("b", 1)
    assert (w.loc["A", "indicator"], w.loc["A", "rank"]) == ("a", 4)


def test_peers_by_group_and_nearest_neighbours() -> None:
    res = build(toy_framework(), DATA)
    assert peers(res, "A", group="region") == ["B"]
    # scores: A (0,100,100) B (33,67,67) C (67,33,0) D (100,0,33): A's nearest is B, then C
    assert peers(res, "A", k=2) == ["B", "C"]
    with pytest.raises(EngineError, match="unit 'Z'"):
        peers(res, "Z")
