"""BM25 over groups of alternative terms (the thesaurus's concept groups)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.engines.matching import BM25Index

WORDS = ["snow", "ice", "bike", "share", "heat", "pump", "bus", "tram", "park", "data"]


@settings(max_examples=60, deadline=None)
@given(
    docs=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=1, max_size=15
    ),
    query=st.lists(st.sampled_from([*WORDS, "absent"]), min_size=1, max_size=4, unique=True),
)
def test_single_word_groups_are_plain_bm25(docs: list[list[str]], query: list[str]) -> None:
    index = BM25Index()
    for words in docs:
        index.add(" ".join(words[:2]), " ".join(words), "en")
    plain = index.score_terms(query)
    grouped, _ = index.score_groups([[(t,)] for t in query])
    np.testing.assert_allclose(grouped, plain.normalised, rtol=1e-5, atol=1e-7)


def test_a_group_scores_its_best_term_and_multi_word_terms_need_every_word() -> None:
    index = BM25Index()
    index.add("bike share", "city bike share scheme", "en")  # 0
    index.add("bike", "bike lanes", "en")  # 1
    index.add("share", "share of trips", "en")  # 2
    scores, _ = index.score_groups([[("bike", "share"), ("citybik",)]])
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    one_word, _ = index.score_groups([[("bike",), ("bike", "share")]])
    assert one_word[1] > 0  # a one-word synonym is not outweighed by the longer one
