"""The matching index is built once and stored: another process (here: the process cache
forgotten) loads it — memory-mapped vectors, the same answers — instead of building it; a content
change updates the stored index item by item (no full build) with the answers of a full build, and
old folders are pruned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.db import DatabaseError

from tests.practices.kb import KB
from urbanforum.core.translations import registry as translatable
from urbanforum.core.translations.schemas import TranslationInput
from urbanforum.core.translations.services import translation_save
from urbanforum.engines.matching import MatchingIndex, Query
from urbanforum.matching import index, store
from urbanforum.practices import services as practice_services
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.schemas import PracticeFields

QUERIES = [
    Query(text="ferry timetables shared by harbour cities", language="en"),
    Query(text="snow ploughing of cycle routes", language="en"),
    Query(text="Lumen auraus pyöräteillä", language="fi"),
    Query(text="tram priority"),
    Query(text="", domains=("mobility",)),
]


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
    assert {p.name for p in folders[0].iterdir()} == {
        "index.pickle",
        "vectors.npy",
        "thesaurus.pickle",
        "stamps.pickle",
    }
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
    stamps = store.Stamps(index.fingerprint()[: index.BASIS], {})
    assert store.save(index.get_index(), index.fingerprint(), stamps) is None
    assert store.load(index.fingerprint(), None) is None


def _all_answers(ix: MatchingIndex) -> list[dict[str, tuple[float, tuple[str, ...]]]]:
    """Per query: item → (score, reasons); rows differ between an updated and a rebuilt index, so
    only the order of exact ties may differ."""
    return [
        {m.item_id: (round(m.score, 6), tuple(r.text for r in m.reasons)) for m in ix.search(q)}
        for q in QUERIES
    ]


def _no_full_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Spy on the full build: it reads every item (all_items) and builds from them (from_items)."""
    calls: list[str] = []

    def all_items() -> list[Any]:
        calls.append("all_items")
        raise AssertionError("a full build instead of an update")

    def from_items(*args: Any, **kwargs: Any) -> Any:
        calls.append("from_items")
        raise AssertionError("a full build instead of an update")

    monkeypatch.setattr(index, "all_items", all_items)
    monkeypatch.setattr(MatchingIndex, "from_items", from_items)
    return calls


def test_an_edit_updates_the_stored_index_item_by_item(
    kb: KB,
    stored: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    index.get_index()  # built once and stored
    index.invalidate()
    calls = _no_full_build(monkeypatch)
    coordinator = kb.world.users["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):  # the background task runs on commit
        practice_services.practice_update(
            actor=kb.world.users["editor"],
            practice=kb.practice,
            changes=PracticeFields(
                title="Ferry timetables", summary="Ferry timetables shared by harbour cities."
            ),
        )
        practice_services.practice_update(  # unpublished: no longer searchable
            actor=coordinator, practice=kb.other_practice, changes=PracticeFields(status="draft")
        )
        added = practice_services.practice_create(
            actor=coordinator,
            city=kb.world.other_city,
            fields=PracticeFields(
                title="Tram priority", summary="Trams get green lights.", status="published"
            ),
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation_save(  # translations are documents of their item too
            actor=coordinator,
            kind=translatable.get("practice"),
            obj=kb.practice,
            data=TranslationInput(
                language="fi", title="Lumen auraus", body="Lumen auraus pyöräteillä."
            ),
        )
    # the background tasks stored the updated index: a fresh process just loads it
    index.invalidate()
    assert store.load(index.fingerprint(), None) is not None
    updated = index.get_index()
    assert calls == []
    found = _answers_of(updated)
    assert found[0] == f"practice:{kb.practice.pk}"
    assert f"practice:{kb.other_practice.pk}" not in updated
    assert f"practice:{added.pk}" in updated
    lumi = updated.search(Query(text="Lumen auraus pyöräteillä", language="fi"), limit=3)
    assert lumi and lumi[0].item_id == f"practice:{kb.practice.pk}"

    monkeypatch.undo()
    settings.URBANFORUM_MATCHING_STORE = ""  # a full build of the same content
    index.invalidate()
    full = index.get_index()
    assert sorted(updated.ids()) == sorted(full.ids())
    assert _all_answers(updated) == _all_answers(full)


def _answers_of(ix: MatchingIndex) -> list[str]:
    return [m.item_id for m in ix.search(QUERIES[0], limit=3)]


def test_a_new_model_or_city_change_builds_anew(kb: KB, stored: Path) -> None:
    index.get_index()
    fp = index.fingerprint()
    other_basis = store.Stamps(("another-model", *fp[1 : index.BASIS]), index.item_stamps())
    assert store.latest(other_basis, None) is None
    same = store.latest(store.Stamps(fp[: index.BASIS], {}).basis, None)
    assert same is not None and same[1].items == index.item_stamps()


def test_a_web_worker_boots_with_the_index_loaded(
    kb: KB, stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`urbanforum serve` warms the index in the master (urbanforum.wsgi.warm): the first search of
    a worker finds it in memory, and no database connection is left open for the fork."""
    index.get_index()  # stored by an earlier process
    index.invalidate()  # the master starts with nothing in memory
    closed: list[bool] = []
    monkeypatch.setattr(index.connections, "close_all", lambda: closed.append(True))
    assert index.warm() is True and closed == [True]
    warmed = index.get_index()
    calls = _no_full_build(monkeypatch)
    monkeypatch.setattr(index.store, "load", lambda *a: pytest.fail("loaded again"))
    assert index.get_index() is warmed and calls == []


def test_warming_never_fails_a_boot(kb: KB, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> tuple[object, ...]:
        raise DatabaseError("no such table: practices_goodpractice")

    monkeypatch.setattr(index, "fingerprint", broken)
    monkeypatch.setattr(index.connections, "close_all", lambda: None)
    assert index.warm() is False
