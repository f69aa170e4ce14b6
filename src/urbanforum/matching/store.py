"""The matching index on disk: built once, loaded by every process that needs it.

A stored index is a folder named after the content fingerprint (`index.fingerprint()`, plus the
database it was built from) under `settings.URBANFORUM_MATCHING_STORE`:

* `index.pickle` — the engine's `MatchingIndex` without its embedder and without its vector matrix:
  BM25 statistics, facets, city context, item metadata;
* `vectors.npy` — the passage vectors (float32, n × dim), opened memory-mapped (`mmap_mode="r"`):
  workers share the operating system's page cache instead of each holding a copy.

Writers build in a temporary folder and rename it into place (atomic), so a reader never sees half
an index. Older folders are removed after a save (the newest `KEEP` are kept for processes still
reading them). The background task after a content change builds and stores the new index
(`tasks.content_changed`), so web workers and the CLI find it ready: a process loads it (tens of
milliseconds) instead of analysing every text and reading every vector again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

import numpy as np
from django.conf import settings

from urbanforum.engines.matching import Embedder, MatchingIndex

KEEP = 2


def root() -> Path | None:
    folder = str(getattr(settings, "URBANFORUM_MATCHING_STORE", "") or "")
    return Path(folder) if folder else None


def _name(fingerprint: tuple[object, ...]) -> str:
    database = str(settings.DATABASES["default"].get("NAME", ""))
    digest = hashlib.sha256(repr((database, fingerprint)).encode()).hexdigest()
    return f"index-{digest[:24]}"


def load(fingerprint: tuple[object, ...], embedder: Embedder | None) -> MatchingIndex | None:
    """The stored index for this fingerprint, or None (none stored, store off, or unreadable)."""
    base = root()
    if base is None:
        return None
    folder = base / _name(fingerprint)
    try:
        with open(folder / "index.pickle", "rb") as fh:
            # Our own file (written by save below, in a folder only this app writes).
            index: MatchingIndex = pickle.load(fh)
        vectors_path = folder / "vectors.npy"
        if vectors_path.exists() and index._vectors is not None:
            matrix = np.load(vectors_path, mmap_mode="r")
            index._vectors._matrix = matrix  # type: ignore[attr-defined]
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None
    index.embedder = embedder
    return index


def save(index: MatchingIndex, fingerprint: tuple[object, ...]) -> Path | None:
    """Store `index` under its fingerprint (no-op when already stored or the store is off)."""
    base = root()
    if base is None:
        return None
    target = base / _name(fingerprint)
    if target.exists():
        return target
    base.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
    embedder, vectors = index.embedder, index._vectors
    matrix = None
    if vectors is not None:
        matrix = np.ascontiguousarray(vectors.matrix, dtype=np.float32)  # type: ignore[attr-defined]
    try:
        if matrix is not None:
            np.save(tmp / "vectors.npy", matrix)
            vectors._matrix = np.zeros((0, matrix.shape[1]), dtype=np.float32)  # type: ignore[union-attr]
        index.embedder = None
        with open(tmp / "index.pickle", "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        index.embedder = embedder
        if matrix is not None and vectors is not None:
            vectors._matrix = matrix  # type: ignore[attr-defined]
    try:
        os.replace(tmp, target)
    except OSError:  # another process stored the same index first
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(base, keep=target)
    return target


def _prune(base: Path, *, keep: Path) -> None:
    folders = sorted(
        (p for p in base.glob("index-*") if p.is_dir() and p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in folders[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
