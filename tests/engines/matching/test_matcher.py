"""The hybrid MatchingIndex: fusion arithmetic, reasons, filters, updates, properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.engines.matching import (
    BM25Index,
    Context,
    FakeEmbedder,
    FusionConfig,
    Item,
    MatchingIndex,
    Query,
    with_config,
)

ITEMS = [
    Item(
        "snow",
        "practice",
        "Snow clearing of streets",
        "Winter maintenance: ploughing streets and cycle paths after snowfall.",
        domains=("Mobility",),
        sdgs=(11,),
        context=Context(country="FI", size_class="large", latitude=60.2),
    ),
    Item(
        "bikes",
        "practice",
        "Protected cycle lanes",
        "A network of protected cycle lanes in the city centre.",
        domains=("mobility", "health"),
        sdgs=(3, 11),
        context=Context(country="DK", size_class="large", latitude=55.7),
    ),
    Item(
        "heat",
        "solution",
        "Waste heat from data centres",
        "District heating uses waste heat recovered from data centres.",
        domains=("energy",),
        sdgs=(7,),
        context=Context(country="FI", size_class="medium", latitude=60.5),
    ),
    Item(
        "schnee",
        "practice",
        "Schneeräumung",
        "Räumung von Schnee auf Straßen und Radwegen.",
        language="de",
        domains=("mobility",),
        context=Context(country="DE", size_class="metropolitan"),
    ),
]


@pytest.fixture
def index() -> MatchingIndex:
    return MatchingIndex.from_items(
        ITEMS,
        embedder=FakeEmbedder(64),
        # the plain fusion (the thesaurus's translated scores: test_thesaurus.py)
        config=FusionConfig(lexical=0.3, semantic=0.7, thesaurus=False),
    )


def _lexical_reference(query: str) -> np.ndarray:
    bm = BM25Index()
    for it in ITEMS:
        bm.add(it.title, it.text, it.language)
    return bm.score(query, "en").normalised


def test_weighted_fusion_is_the_convex_combination_of_the_signals(index: MatchingIndex) -> None:
    q = "snow clearing streets"
    matches = index.search(Query(q), limit=10)
    emb = FakeEmbedder(64)
    cos = emb.embed_passages([it.passage() for it in ITEMS]) @ emb.embed_queries([q])[0]
    lex = _lexical_reference(q)
    by_id = {m.item_id: m for m in matches}
    for row, it in enumerate(ITEMS):
        if it.id not in by_id:
            assert lex[row] == 0 and cos[row] <= 0
            continue
        m = by_id[it.id]
        sem = max(0.0, float(cos[row]))
        assert m.components.semantic == pytest.approx(sem, rel=1e-5)
        assert m.components.facet is None and m.components.context is None
        if it.language == "en":
            assert m.components.lexical == pytest.approx(lex[row], rel=1e-5)
            assert m.score == pytest.approx(0.3 * lex[row] + 0.7 * sem, rel=1e-5)
        else:  # lexical does not apply across languages: missing, not zero
            assert m.components.lexical is None
            assert m.score == pytest.approx(sem, rel=1e-5)
    assert matches[0].item_id == "snow"
    assert "schnee" in by_id


def test_lexical_scope_all_counts_bm25_zero_for_other_languages(index: MatchingIndex) -> None:
    q = "snow clearing streets"
    emb = FakeEmbedder(64)
    cos = float(emb.embed_passages([ITEMS[3].passage()])[0] @ emb.embed_queries([q])[0])
    m = {m.item_id: m for m in with_config(index, lexical_scope="all").search(Query(q))}["schnee"]
    assert m.components.lexical == 0.0
    assert m.score == pytest.approx(0.7 * cos, rel=1e-5)


def test_minmax_normalisation_gives_the_best_candidate_of_each_signal_one(
    index: MatchingIndex,
) -> None:
    ms = with_config(index, normalisation="minmax").search(Query("snow clearing streets"))
    assert max(m.components.semantic or 0 for m in ms) == pytest.approx(1.0)
    assert max(m.components.lexical or 0 for m in ms) == pytest.approx(1.0)


def test_reasons_explain_the_score_and_name_phrases_domains_and_context(
    index: MatchingIndex,
) -> None:
    q = Query(
        "Snow clearing of streets, bike lanes",
        domains=("mobility",),
        sdgs=(11,),
        context=Context(country="FI", size_class="large"),
    )
    top = index.search(q, limit=1)[0]
    assert top.item_id == "snow"
    texts = [r.text for r in top.reasons]
    assert "Also about “Snow clearing of streets”" in texts
    assert "Also about Mobility" in texts  # the item's own spelling
    assert "Serves the same Sustainable Development Goal (11)" in texts
    assert "In the same country (FI)" in texts and "A city of the same size" in texts
    assert any(r.kind == "semantic" for r in top.reasons)
    # plain words only: no score, no "cosine", and the statement as data for translation
    assert not any(ch.isdigit() for r in top.reasons if r.kind == "semantic" for ch in r.text)
    assert ("code", "same_country") in next(r.detail for r in top.reasons if "country" in r.text)
    assert sum(r.weight for r in top.reasons) == pytest.approx(top.score, rel=1e-6)
    assert [r.weight for r in top.reasons] == sorted((r.weight for r in top.reasons), reverse=True)
    # facet: 1.0 (domain and SDG covered), context: country 1, size 1 → 1.0
    assert top.components.facet == pytest.approx(1.0)
    assert top.components.context == pytest.approx(1.0)


def test_kinds_filter_and_override(index: MatchingIndex) -> None:
    q = Query("waste heat snow", kinds=("solution",))
    assert [m.item_id for m in index.search(q)] == ["heat"]
    assert {m.kind for m in index.search(q, kinds=("practice",))} == {"practice"}
    assert index.search(q, kinds=("expert",)) == []


def test_query_without_text_ranks_by_facets_and_context(index: MatchingIndex) -> None:
    matches = index.search(Query(context=Context(country="FI", size_class="large")), limit=10)
    # snow: country 1, size 1 → 1; heat: country 1, size 0.5 → 0.75; bikes: size 1 → 0.5;
    # schnee: size (metropolitan vs large) 0.5 → 0.25
    assert [(m.item_id, round(m.score, 6)) for m in matches] == [
        ("snow", 1.0),
        ("heat", 0.75),
        ("bikes", 0.5),
        ("schnee", 0.25),
    ]
    assert index.search(Query()) == []


def test_rrf_gives_one_to_an_item_ranked_first_by_every_signal(index: MatchingIndex) -> None:
    rrf = with_config(index, method="rrf")
    matches = rrf.search(Query("snow clearing of streets"))
    assert matches[0].item_id == "snow" and matches[0].score == pytest.approx(1.0)
    assert all(0 < m.score < 1 for m in matches[1:])
    assert index.config.method == "weighted"  # the original is untouched


def test_remove_then_re_add_and_duplicate_ids(index: MatchingIndex) -> None:
    index.remove(["snow"])
    assert "snow" not in index and len(index) == 3
    assert "snow" not in [m.item_id for m in index.search(Query("snow clearing"))]
    index.add([ITEMS[0]])
    assert index.search(Query("snow clearing"))[0].item_id == "snow"
    with pytest.raises(ValueError, match="already in the index"):
        index.add([ITEMS[1]])


def test_precomputed_embeddings_without_embedder_use_query_vector() -> None:
    emb = FakeEmbedder(32)
    vecs = emb.embed_passages([it.passage() for it in ITEMS])
    index = MatchingIndex.from_items(ITEMS, vecs)
    qv = emb.embed_queries(["Räumung von Schnee"])[0]
    m = index.search(Query("Räumung von Schnee", language="de"), query_vector=qv)[0]
    assert m.item_id == "schnee" and m.components.semantic is not None
    # without a query vector only the lexical signal runs
    m2 = index.search(Query("Räumung von Schnee", language="de"))[0]
    assert m2.components.semantic is None


def test_bad_embeddings_are_refused() -> None:
    with pytest.raises(ValueError, match="L2-normalised"):
        MatchingIndex.from_items(ITEMS, np.ones((4, 8), dtype=np.float32))
    with pytest.raises(ValueError, match="4 items but 3 embedding rows"):
        MatchingIndex.from_items(ITEMS, FakeEmbedder(8).embed_passages(["a", "b", "c"]))


WORDS = ["snow", "street", "bike", "heat", "water", "park", "school", "bus", "tree", "roof"]


@settings(max_examples=30, deadline=None)
@given(
    docs=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
            st.sampled_from(["practice", "expert"]),
            st.lists(st.sampled_from(["mobility", "energy", "water"]), max_size=2),
            st.sampled_from([None, "FI", "EE"]),
        ),
        min_size=1,
        max_size=12,
    ),
    query=st.lists(st.sampled_from([*WORDS, "unknownword"]), min_size=1, max_size=4),
    q_domains=st.lists(st.sampled_from(["mobility", "energy"]), max_size=2),
    q_country=st.sampled_from([None, "FI"]),
    method=st.sampled_from(["weighted", "rrf"]),
    limit=st.integers(1, 8),
)
def test_scores_are_in_unit_interval_ordered_limited_and_explained(
    docs: list[tuple[list[str], str, list[str], str | None]],
    query: list[str],
    q_domains: list[str],
    q_country: str | None,
    method: str,
    limit: int,
) -> None:
    items = [
        Item(
            f"i{n}",
            kind,
            " ".join(words[:2]),
            " ".join(words),
            domains=tuple(doms),
            context=Context(country=c),
        )
        for n, (words, kind, doms, c) in enumerate(docs)
    ]
    index = MatchingIndex.from_items(
        items,
        embedder=FakeEmbedder(16),
        config=FusionConfig(method=method),  # type: ignore[arg-type]
    )
    q = Query(" ".join(query), domains=tuple(q_domains), context=Context(country=q_country))
    matches = index.search(q, limit=limit, kinds=("practice",))
    assert len(matches) <= limit
    assert len({m.item_id for m in matches}) == len(matches)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    for m in matches:
        assert m.kind == "practice"
        assert 0.0 < m.score <= 1.0
        for c in (m.components.lexical, m.components.semantic, m.components.facet):
            assert c is None or 0.0 <= c <= 1.0
        assert sum(r.weight for r in m.reasons) == pytest.approx(m.score, rel=1e-6, abs=1e-9)


def test_incremental_add_keeps_vectors_aligned_with_items() -> None:
    emb = FakeEmbedder(32)
    vecs = emb.embed_passages([it.passage() for it in ITEMS])
    index = MatchingIndex.from_items(ITEMS[:2], vecs[:2], embedder=emb)
    index.add(ITEMS[2:], vecs[2:])
    assert len(index) == 4
    for row, it in enumerate(ITEMS):
        top = index.search(Query(it.passage(), language=it.language), query_vector=vecs[row])[0]
        assert top.item_id == it.id
        assert top.components.semantic == pytest.approx(1.0)


def test_item_passage_and_empty_context() -> None:
    assert ITEMS[0].passage() == (
        "Snow clearing of streets. Winter maintenance: ploughing streets and cycle paths after "
        "snowfall."
    )
    assert Item("x", "city", "Tartu").passage() == "Tartu"
    assert Context().is_empty() and not Context(latitude=0.0).is_empty()


def test_a_concept_named_in_the_words_of_its_first_mention_once() -> None:
    # The thesaurus term "residents who do not speak the language" matches a statement whose
    # words repeat all over it; the reason names the term once, readable, not every occurrence.
    items = [
        Item(
            "lang",
            "solution",
            "Multilingual e-services",
            "Municipal e-services for residents who do not speak the language, with translation.",
        ),
        *ITEMS,
    ]
    index = MatchingIndex.from_items(items, embedder=FakeEmbedder(64))
    q = Query(
        "Digital city services for residents who do not speak the state language. Most of our "
        "residents' first language is not the state language, so residents rely on relatives.",
        language="en",
    )
    top = next(m for m in index.search(q, limit=3) if m.item_id == "lang")
    phrases = [r.text for r in top.reasons if r.kind == "phrase"]
    assert "Also about “residents who do not speak the language”" in phrases
    for text in phrases:
        words = text.split("“")[1].rstrip("”").split()
        assert len(words) == len(set(words)), text
