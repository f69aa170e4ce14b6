"""Brute-force vector index: top-k equals a naive full sort."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.engines.matching.embedders import l2_normalise
from urbanforum.engines.matching.vectors import BruteForceIndex


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 60), k=st.integers(1, 70), seed=st.integers(0, 10_000))
def test_top_k_equals_naive_sort(n: int, k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    vecs = l2_normalise(rng.normal(size=(n, 8)))
    q = l2_normalise(rng.normal(size=8))
    index = BruteForceIndex(8)
    index.add(vecs[: n // 2])
    index.add(vecs[n // 2 :])  # two chunks, consolidated lazily
    rows, sims = index.search(q, k)
    naive = np.argsort(-(vecs @ q), kind="stable")[: min(k, n)]
    assert rows.tolist() == naive.tolist()
    np.testing.assert_allclose(sims, (vecs @ q)[naive], rtol=1e-5)


def test_allowed_mask_restricts_results_and_similarity_matches_dot() -> None:
    vecs = np.eye(4, dtype=np.float32)
    index = BruteForceIndex(4)
    index.add(vecs)
    q = l2_normalise(np.array([4.0, 3.0, 0.0, 0.0]))
    rows, sims = index.search(q, 3, allowed=np.array([False, True, True, True]))
    assert rows.tolist() == [1, 2, 3]
    np.testing.assert_allclose(sims, [0.6, 0.0, 0.0], atol=1e-6)
    assert index.search(q, 3, allowed=np.zeros(4, bool))[0].size == 0
    np.testing.assert_allclose(index.similarity(q, np.array([0, 1])), [0.8, 0.6], atol=1e-6)
    assert index.size == 4


def test_wrong_dimension_is_refused() -> None:
    with pytest.raises(ValueError, match=r"shape \(n, 4\)"):
        BruteForceIndex(4).add(np.zeros((2, 3), dtype=np.float32))
