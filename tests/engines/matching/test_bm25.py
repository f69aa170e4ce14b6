"""BM25 against scores computed by hand on a toy corpus."""

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.engines.matching.bm25 import BM25Index


@pytest.fixture
def toy() -> BM25Index:
    # d0: snow×2 street (|d|=3), d1: street bike (|d|=2), d2: bike×3 (|d|=3); avgdl = 8/3
    index = BM25Index(k1=1.2, b=0.75)
    index.add_terms(Counter({"snow": 2, "street": 1}))
    index.add_terms(Counter({"street": 1, "bike": 1}))
    index.add_terms(Counter({"bike": 3}))
    return index


def test_idf_is_lucene_formula(toy: BM25Index) -> None:
    assert toy.idf("snow") == pytest.approx(math.log(1 + 2.5 / 1.5))  # df=1
    assert toy.idf("street") == pytest.approx(math.log(1.6))  # df=2
    assert toy.idf("unseen") == pytest.approx(math.log(1 + 3.5 / 0.5))  # df=0, maximal
    assert toy.avgdl == pytest.approx(8 / 3)


def test_scores_match_hand_computation(toy: BM25Index) -> None:
    res = toy.score_terms(["snow", "street", "snow"])  # duplicate query term counts once
    # d0: norm = 1.2·(0.25 + 0.75·3/(8/3)) = 1.3125
    d0 = math.log(8 / 3) * 2 * 2.2 / (2 + 1.3125) + math.log(1.6) * 2.2 / (1 + 1.3125)
    # d1: norm = 1.2·(0.25 + 0.75·2/(8/3)) = 0.975
    d1 = math.log(1.6) * 2.2 / (1 + 0.975)
    np.testing.assert_allclose(res.raw, [d0, d1, 0.0], rtol=1e-6)
    bound = 2.2 * (math.log(8 / 3) + math.log(1.6))
    assert res.upper_bound == pytest.approx(bound)
    np.testing.assert_allclose(res.normalised, [d0 / bound, d1 / bound, 0.0], rtol=1e-6)
    assert res.query_terms == ("snow", "street")
    assert res.raw.dtype == np.float32


def test_normalised_scores_are_below_one_even_for_huge_tf() -> None:
    index = BM25Index()
    index.add_terms(Counter({"snow": 1000}))
    index.add_terms(Counter({"rain": 1}))
    assert 0.9 < index.score_terms(["snow"]).normalised[0] < 1.0


def test_title_counts_title_weight_times() -> None:
    index = BM25Index(title_weight=2)
    doc = index.add("Snow clearing", "Clearing snow from streets", "en")
    assert doc == 0
    assert index.avgdl == 2 * 2 + 3  # title twice + body
    assert index.df("snow") == 1
    assert index.matched_terms(0, ["snow", "street", "bike"]) == ["snow", "street"]


def test_empty_index_and_empty_query() -> None:
    assert BM25Index().score_terms(["snow"]).raw.shape == (0,)
    index = BM25Index()
    index.add_terms(Counter({"snow": 1}))
    res = index.score_terms([])
    assert res.upper_bound == 0.0 and res.raw.tolist() == [0.0]


def test_incremental_add_updates_cached_postings(toy: BM25Index) -> None:
    before = toy.score_terms(["snow"]).raw
    toy.add_terms(Counter({"snow": 1}))
    after = toy.score_terms(["snow"])
    assert after.raw.shape == (4,) and after.raw[3] > 0
    assert toy.df("snow") == 2 and after.raw[0] < before[0]  # idf dropped with df
    assert toy.matched_terms(3, ["snow"]) == ["snow"]


@settings(max_examples=40, deadline=None)
@given(
    docs=st.lists(
        st.dictionaries(st.sampled_from("abcdef"), st.integers(1, 5), min_size=1),
        min_size=1,
        max_size=8,
    ),
    query=st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=4),
)
def test_scores_are_bounded_and_grow_with_a_query_term_occurrence(
    docs: list[dict[str, int]], query: list[str]
) -> None:
    index = BM25Index()
    for d in docs:
        index.add_terms(Counter(d))
    res = index.score_terms(query)
    assert np.all(res.raw >= 0) and np.all(res.normalised < 1.0)
    assert np.all((res.raw > 0) == [any(t in d for t in query) for d in docs])
    # BM25 grows with tf even though the extra occurrence also lengthens the document:
    # (tf+1)/(tf+1+K+c) > tf/(tf+K) ⇔ K > tf·c with K = k1(1-b+b·dl/avgdl), c = k1·b/avgdl, dl ≥ tf
    base = docs[0]
    bigger = {**base, query[0]: base.get(query[0], 0) + 1}
    both = BM25Index()
    for d in [*docs, base, bigger]:
        both.add_terms(Counter(d))
    raw = both.score_terms([query[0]]).raw
    assert raw[-1] > raw[-2]
