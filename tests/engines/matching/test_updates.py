"""An index kept up to date item by item answers as one rebuilt from the same items, and a saved
index loads back (vectors memory-mapped) with the same answers."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.engines.matching import (
    BM25Index,
    FakeEmbedder,
    FusionConfig,
    Item,
    MatchingIndex,
    Query,
    Translation,
    persist,
    thesaurus,
)

from .test_matcher import ITEMS

EMB = FakeEmbedder(64)
QUERIES = [
    Query("snow clearing of streets", language="en"),
    Query("cycle lanes", language="en"),
    Query("Schnee auf Radwegen", language="de"),
    Query("waste heat", domains=("energy",)),
    Query("ploughing snow on cycle paths in winter"),  # the thesaurus path
]


def _build(items: list[Item], config: FusionConfig | None = None) -> MatchingIndex:
    return MatchingIndex.from_items(
        items, EMB.embed_passages([it.passage() for it in items]), embedder=EMB, config=config
    )


def _answers(index: MatchingIndex) -> list[dict[str, tuple[float, tuple[str, ...]]]]:
    """Per query: item → (score, reason texts) — rows differ, so exact ties may swap places."""
    return [
        {m.item_id: (round(m.score, 5), tuple(r.text for r in m.reasons)) for m in index.search(q)}
        for q in QUERIES
    ]


EDITED = replace(
    ITEMS[1],
    title="Protected cycle lanes cleared of snow",
    text="Cycle lanes are ploughed first after snowfall.",
    translations=(Translation("de", "Radwege", "Radwege werden zuerst geräumt."),),
)
NEW = Item("flood", "practice", "Flood barriers", "Mobile flood barriers on the river banks.")


@pytest.mark.parametrize("thesaurus", [True, False])
def test_edits_answer_as_a_full_rebuild(thesaurus: bool) -> None:
    config = FusionConfig(thesaurus=thesaurus)
    index = _build(ITEMS, config)
    new_items = [NEW, EDITED]
    index.replace(new_items, EMB.embed_passages([it.passage() for it in new_items]))
    index.remove(["heat"])  # unpublished
    rebuilt = _build([ITEMS[0], EDITED, ITEMS[3], NEW], config)
    assert sorted(index.ids()) == sorted(rebuilt.ids())
    assert _answers(index) == _answers(rebuilt)
    assert index.search(Query("ploughed first after snowfall"))[0].item_id == "bikes"
    assert "heat" not in [m.item_id for m in index.search(Query("waste heat data centres"))]
    assert index.dead_share == pytest.approx(2 / 6)


def test_removing_a_document_gives_the_statistics_of_an_index_without_it() -> None:
    docs = [(it.title, it.text, it.language) for it in ITEMS]
    kept = BM25Index()
    for doc in docs[1:]:
        kept.add(*doc)
    bm = BM25Index()
    for doc in docs:
        bm.add(*doc)
    bm.remove(0, *docs[0])
    assert (bm.n_live, bm.avgdl) == (kept.n_live, kept.avgdl)
    for term in ("snow", "street", "cycl", "heat"):
        assert bm.df(term) == kept.df(term) and bm.idf(term) == kept.idf(term)
        assert bm.score_terms([term]).raw[1:].tolist() == kept.score_terms([term]).raw.tolist()
    assert bm.score_terms(["snow"]).raw[0] == 0
    with pytest.raises(KeyError):
        bm.remove(0, *docs[0])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=8))
def test_any_sequence_of_edits_answers_as_a_rebuild(edits: list[int]) -> None:
    index = _build(ITEMS)
    current = {it.id: it for it in ITEMS}
    for n, i in enumerate(edits):
        item = replace(ITEMS[i], text=f"{ITEMS[i].text} Revision {n} adds snow.")
        index.replace([item], EMB.embed_passages([item.passage()]))
        current[item.id] = item
    assert _answers(index) == _answers(_build(list(current.values())))


def test_a_saved_index_loads_with_the_same_answers(tmp_path: Path) -> None:
    index = _build(ITEMS)
    index.replace([EDITED], EMB.embed_passages([EDITED.passage()]))
    index.save(tmp_path / "ix")
    assert {p.name for p in (tmp_path / "ix").iterdir()} == {
        "index.pickle",
        "vectors.npy",
        "thesaurus.pickle",
    }
    loaded = MatchingIndex.load(tmp_path / "ix", EMB)
    assert isinstance(loaded._vectors._matrix, np.memmap)  # type: ignore[union-attr]
    assert loaded.embedder is EMB and index.embedder is EMB  # the model is not stored
    assert _answers(loaded) == _answers(index) and loaded.ids() == index.ids()
    # a loaded index is updated like any other (the memory map is not written to)
    loaded.replace([NEW], EMB.embed_passages([NEW.passage()]))
    assert loaded.search(Query("flood barriers"))[0].item_id == "flood"
    assert "flood" not in MatchingIndex.load(tmp_path / "ix", EMB)


def test_another_format_is_refused(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    with open(tmp_path / "old" / persist.STATE, "wb") as fh:
        pickle.dump(_build(ITEMS[:1]), fh)  # what the first store wrote: the bare object
    with pytest.raises(ValueError, match="format"):
        MatchingIndex.load(tmp_path / "old", EMB)
    with pytest.raises(OSError):
        MatchingIndex.load(tmp_path / "missing", EMB)


def test_a_loaded_index_brings_the_analysed_thesaurus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(ITEMS).save(tmp_path / "ix")
    monkeypatch.setattr(thesaurus, "_default", None)  # a fresh process
    monkeypatch.setattr(thesaurus, "parse", lambda text: pytest.fail("analysed again"))
    loaded = MatchingIndex.load(tmp_path / "ix", EMB)
    assert thesaurus._default is not None
    assert loaded.search(Query("snow ploughing", language="en"))[0].item_id == "snow"


def test_a_thesaurus_of_another_file_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(ITEMS).save(tmp_path / "ix")
    monkeypatch.setattr(thesaurus, "_default", None)
    monkeypatch.setattr(thesaurus, "default_digest", lambda: "the shipped file changed")
    MatchingIndex.load(tmp_path / "ix", EMB)
    assert thesaurus._default is None  # analysed anew from the file on first use


def test_settings_added_since_the_index_was_stored_take_their_defaults(tmp_path: Path) -> None:
    # An index stored by an older release pickled its FusionConfig object; after the code added a
    # setting, every search of the loaded index failed on the missing attribute (all answers empty).
    index = _build(ITEMS, FusionConfig(min_semantic=0.5))
    index.save(tmp_path / "ix")
    with open(tmp_path / "ix" / persist.STATE, "rb") as fh:
        stored = pickle.load(fh)
    # the old class's instance, as an object with the old fields: no `min_word_letters`
    old = {k: v for k, v in stored["state"]["config"].items() if k != "min_word_letters"}
    stored["state"]["config"] = SimpleNamespace(**old)
    with open(tmp_path / "ix" / persist.STATE, "wb") as fh:
        pickle.dump(stored, fh)
    loaded = MatchingIndex.load(tmp_path / "ix", EMB)
    assert loaded.config == FusionConfig(min_semantic=0.5)  # kept, and the new one defaulted
    assert _answers(loaded) == _answers(index)
    # the application loads with the code's settings, not those it was stored with
    current = persist.load(MatchingIndex, tmp_path / "ix", EMB, config=FusionConfig())
    assert current.config == FusionConfig()


def test_one_or_two_letters_are_answered_only_by_words_that_occur() -> None:
    index = _build(
        [*ITEMS, Item("ev", "practice", "EV chargers", "EV charging points in every district.")]
    )
    assert index.search(Query("x")) == [] and index.search(Query("zz")) == []
    assert index.search(Query("EV"))[0].item_id == "ev"  # a word of the content still finds it
    assert index.search(Query("x"), limit=1) == []


def test_a_word_the_thesaurus_knows_in_another_language_finds_its_concept() -> None:
    # "lumi" is Finnish for snow; the language of one word is hard to guess, the thesaurus knows
    index = _build(ITEMS)
    assert index.search(Query("lumi"))[0].item_id in ("snow", "schnee")
    assert index.search(Query("lumi", language="en")) == []  # declared English: no such word
