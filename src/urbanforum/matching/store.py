"""The matching index on disk: built once, then updated item by item, loaded by every process.

A stored index is a folder named after the content fingerprint (`index.fingerprint()`, plus the
database it was built from) under `settings.URBANFORUM_MATCHING_STORE`:

* `index.pickle`, `vectors.npy` — the engine's `MatchingIndex.save()` (BM25 statistics, facets,
  city context, items; the passage vectors as float32, opened memory-mapped so that workers share
  the operating system's page cache instead of each holding a copy);
* `stamps.pickle` — what the index was made from (`Stamps`): the basis (embedding model, kinds,
  cities) and, per item, the stamp of its row and translations (`index.item_stamps()`). A process
  that finds no index for the current fingerprint loads the newest stored one of the same basis
  and updates only the items whose stamp changed (`index.get_index`), instead of building anew.

Writers write a temporary folder and rename it into place (atomic), so a reader never sees half
an index. Older folders are removed after a save (the newest `KEEP` are kept for processes still
reading them). The background task after a content change (`tasks.content_changed`) brings the
stored index up to date, so web workers and the CLI find it ready and just load it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from urbanforum.engines.matching import Embedder, FusionConfig, MatchingIndex, persist

KEEP = 2
STAMPS = "stamps.pickle"


@dataclass(frozen=True)
class Stamps:
    """What a stored index was made from: `basis` (what, when changed, makes every item change:
    the embedding model, the registered kinds, the cities) and one stamp per item key."""

    basis: tuple[object, ...]
    items: dict[str, str]


def root() -> Path | None:
    folder = str(getattr(settings, "URBANFORUM_MATCHING_STORE", "") or "")
    return Path(folder) if folder else None


def _database() -> str:
    return str(settings.DATABASES["default"].get("NAME", ""))


def _name(fingerprint: tuple[object, ...]) -> str:
    # the format in the name: a folder an older release wrote is never taken for a current one
    key = (persist.FORMAT, _database(), fingerprint)
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    return f"index-{digest[:24]}"


def _load(folder: Path, embedder: Embedder | None) -> MatchingIndex | None:
    try:
        # the code's fusion settings, not those of the release that stored the index
        return persist.load(MatchingIndex, folder, embedder, config=FusionConfig())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None  # none stored, half removed by a prune, or of another format: build


def load(fingerprint: tuple[object, ...], embedder: Embedder | None) -> MatchingIndex | None:
    """The stored index for this fingerprint, or None (none stored, store off, or unreadable)."""
    base = root()
    return None if base is None else _load(base / _name(fingerprint), embedder)


def latest(
    basis: tuple[object, ...], embedder: Embedder | None
) -> tuple[MatchingIndex, Stamps] | None:
    """The newest stored index of this basis and database, with its stamps (None if none)."""
    base = root()
    if base is None:
        return None
    folders = sorted((p for p in base.glob("index-*") if p.is_dir()), key=_mtime, reverse=True)
    for folder in folders:
        try:
            with open(folder / STAMPS, "rb") as fh:
                # Our own file (written by save below, in a folder only this app writes).
                database, stamps = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            continue
        if database != _database() or not isinstance(stamps, Stamps) or stamps.basis != basis:
            continue
        index = _load(folder, embedder)
        if index is not None:
            return index, stamps
    return None


def save(index: MatchingIndex, fingerprint: tuple[object, ...], stamps: Stamps) -> Path | None:
    """Store `index` under its fingerprint (no-op when already stored or the store is off)."""
    base = root()
    if base is None:
        return None
    target = base / _name(fingerprint)
    if target.exists():
        return target
    base.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
    try:
        index.save(tmp)
        with open(tmp / STAMPS, "wb") as fh:
            pickle.dump((_database(), stamps), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # another process stored the same index first (or the disk is full)
        shutil.rmtree(tmp, ignore_errors=True)
        return target if target.exists() else None
    _prune(base, keep=target)
    return target


def _mtime(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except OSError:  # pruned by another process meanwhile
        return 0.0


def _prune(base: Path, *, keep: Path) -> None:
    folders = sorted(
        (p for p in base.glob("index-*") if p.is_dir() and p != keep), key=_mtime, reverse=True
    )
    for old in folders[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
