"""Hypothesis property tests of the numeric kernels."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from urbanforum.engines.benchmark.framework import NormaliseParams
from urbanforum.engines.benchmark.methods import aggregate_level, normalise, rank_min, skew_kurt

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
columns = arrays(np.float64, st.integers(2, 30), elements=finite).filter(
    lambda a: np.ptp(a) > 1e-6 * max(1.0, float(np.abs(a).max()))
)


def _norm(x: np.ndarray, params: NormaliseParams, direction: float = 1.0) -> np.ndarray:
    nan = np.array([np.nan])
    out = normalise(x[:, None], params, np.array([direction]), nan, nan, ("x",))
    return out[:, 0]


@settings(max_examples=60, deadline=None)
@given(columns, st.floats(-100, 100), st.floats(0.5, 200), st.sampled_from([1.0, -1.0]))
def test_minmax_within_range_and_hits_both_ends(
    x: np.ndarray, lo: float, width: float, direction: float
) -> None:
    out = _norm(x, NormaliseParams("minmax", (lo, lo + width)), direction)
    tol = 1e-9 * max(1.0, abs(lo) + width)
    assert out.min() >= lo - tol and out.max() <= lo + width + tol
    assert np.isclose(out.min(), lo, atol=tol) and np.isclose(out.max(), lo + width, atol=tol)


integer_columns = arrays(np.float64, st.integers(2, 30), elements=st.integers(-1000, 1000))


@settings(max_examples=60, deadline=None)
@given(integer_columns, st.sampled_from(["rank", "percentile_rank", "borda"]))
def test_rank_methods_invariant_under_monotone_transform(x: np.ndarray, method: str) -> None:
    params = NormaliseParams(method)  # type: ignore[arg-type]
    transformed = x**3 + 5 * x - 7  # strictly increasing, exact in floats for these integers
    np.testing.assert_array_equal(_norm(x, params), _norm(transformed, params))


@settings(max_examples=60, deadline=None)
@given(columns)
def test_percentile_rank_in_unit_interval(x: np.ndarray) -> None:
    out = _norm(x, NormaliseParams("percentile_rank"))
    assert out.min() == 0 and out.max() <= 1


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 20), elements=st.floats(0.01, 1e4)),
    st.integers(1, 6),
    st.lists(st.floats(0.0, 10.0), min_size=6, max_size=6),
    st.sampled_from(["arithmetic", "geometric", "harmonic"]),
)
def test_aggregating_equal_children_returns_the_child(
    child: np.ndarray, k: int, weights: list[float], method: str
) -> None:
    w = np.array(weights[:k])
    w[0] = max(w[0], 0.1)  # at least one child counts
    x = np.repeat(child[:, None], k, axis=1)
    out = aggregate_level(x[None], w[None], np.ones((k, 1)), method)[0, :, 0]  # type: ignore[arg-type]
    np.testing.assert_allclose(out, child, rtol=1e-9)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 40), elements=st.sampled_from([1.0, 2.0, 3.0, np.nan])))
def test_rank_min_matches_pandas(x: np.ndarray) -> None:
    expected = pd.Series(x).rank(method="min", ascending=False).to_numpy()
    np.testing.assert_array_equal(rank_min(x), expected)


@settings(max_examples=40, deadline=None)
@given(columns, st.floats(0.1, 100), st.floats(-100, 100))
def test_skew_kurt_invariant_under_positive_affine_maps(x: np.ndarray, a: float, b: float) -> None:
    s1, k1 = skew_kurt(x[:, None])
    s2, k2 = skew_kurt((a * x + b)[:, None])
    np.testing.assert_allclose([s1[0], k1[0]], [s2[0], k2[0]], rtol=1e-6, atol=1e-6)
