"""The matching index is built once and stored: another process (here: the process cache
forgotten) loads it — memory-mapped vectors, the same answers — instead of building it; a content
change gives a new stored index and old ones are pruned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.practices.kb import KB
from urbanforum.engines.matching import Query
from urbanforum.matching import index, store
from urbanforum.practices.models import GoodPractice


@pytest.fixture
def stored(settings: Any, tmp_path: Path) -> Path:
    settings.URBANFORUM_MATCHING_STORE = str(tmp_path / "matching")
    index.invalidate()
    return tmp_path / "matching"


def _answers(ix: Any) -> list[tuple[str, float]]:
    found = ix.search(Query(text="snow ploughing of cycle routes", language="en"), limit=5)
    return [(m.item_id, round(m.score, 6)) for m in found]


def test_a_second_process_loads_the_stored_index(
    kb: KB, stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = index.get_index()
    folders = list(stored.glob("index-*"))
    assert len(folders) == 1
    assert {p.name for p in folders[0].iterdir()} == {"index.pickle", "vectors.npy"}
    expected = _answers(built)
    assert expected

    index.invalidate()  # a fresh process: nothing cached in memory

    def no_build() -> list[Any]:
        raise AssertionError("the index was rebuilt instead of loaded")

    monkeypatch.setattr(index, "all_items", no_build)
    loaded = index.get_index()
    assert loaded is not built
    assert isinstance(loaded._vectors._matrix, np.memmap)  # type: ignore[union-attr]
    assert loaded.embedder is not None
    assert _answers(loaded) == expected
    assert len(loaded) == len(built)


def test_a_content_change_stores_a_new_index_and_prunes_old_ones(kb: KB, stored: Path) -> None:
    index.get_index()
    first = {p.name for p in stored.glob("index-*")}
    for n in range(3):
        GoodPractice.objects.create(
            title=f"Stored index test {n}",
            summary="Ferry timetables shared between cities.",
            city=kb.world.city,
            status="published",
        )
        index.get_index()
    names = {p.name for p in stored.glob("index-*")}
    assert len(names) == store.KEEP and not names & first
    hit = index.get_index().search(Query(text="ferry timetables", language="en"), limit=3)
    assert hit


def test_the_store_is_off_when_not_configured(kb: KB, settings: Any, tmp_path: Path) -> None:
    settings.URBANFORUM_MATCHING_STORE = ""
    index.invalidate()
    assert index.get_index() is not None
    assert store.save(index.get_index(), index.fingerprint()) is None
    assert store.load(index.fingerprint(), None) is None
