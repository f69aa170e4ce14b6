"""A :class:`~.matcher.MatchingIndex` on disk: saved once, loaded by every process that searches.

A folder holds

* ``index.pickle`` — the index's state without its embedder and without the vector matrix: the
  BM25 statistics (postings, document lengths), facets, contexts, the items and their rows, and a
  format number (a folder of another format is refused, so the caller rebuilds);
* ``thesaurus.pickle`` — the analysed default thesaurus (:mod:`.thesaurus`) with the digest of
  the file it was made from, when the index uses it: a process that loads the index does not stem
  the thesaurus again (it is installed only while the shipped file is unchanged);
* ``vectors.npy`` — the passage vectors (float32, n × dim), loaded memory-mapped
  (``mmap_mode="r"``): processes that load the same file share the operating system's page cache
  instead of each holding a copy, and only the pages a search reads are read.

The fusion settings are stored by field name and loaded into the code's ``FusionConfig`` (a
setting added since takes its default); a caller may load with its own settings instead — the
application loads with the code's, so a changed default applies to an index stored before.
The embedder (a model) is not stored: the loaded index searches with the one it is given. Caches
derived from the state (numpy views of lists, posting arrays) are not stored; they are rebuilt on
first use. pickle runs code named in the file: load only folders this application wrote.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import thesaurus
from .config import FusionConfig
from .embedders import Embedder
from .vectors import BruteForceIndex

if TYPE_CHECKING:
    from .matcher import MatchingIndex

FORMAT = 2
STATE = "index.pickle"
VECTORS = "vectors.npy"
THESAURUS = "thesaurus.pickle"


def save(index: MatchingIndex, folder: Path) -> None:
    """Write ``index`` into ``folder`` (created if missing; files of the same name replaced)."""
    folder.mkdir(parents=True, exist_ok=True)
    state = dict(index.__dict__)
    state.update(embedder=None, _alive_arr=None, _kinds_arr=None, _langs_arr=None)
    # by field name, shallow (nested settings stay objects): see _config
    state["config"] = {
        f.name: getattr(index.config, f.name) for f in dataclasses.fields(index.config)
    }
    vectors = state["_vectors"]
    if isinstance(vectors, BruteForceIndex):
        np.save(folder / VECTORS, np.ascontiguousarray(vectors.matrix, dtype=np.float32))
        state["_vectors"] = ("brute-force", vectors.dim)
    with open(folder / STATE, "wb") as fh:
        pickle.dump({"format": FORMAT, "state": state}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    if index.config.thesaurus:
        analysed = (thesaurus.default_digest(), thesaurus.default_thesaurus())
        with open(folder / THESAURUS, "wb") as fh:
            pickle.dump(analysed, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _config(stored: object) -> FusionConfig:
    """The stored settings as the code's FusionConfig: a field the code added since takes its
    default, one it dropped is ignored (an index pickled with the class itself went blind when a
    field was added: every search failed on the missing attribute)."""
    names = [f.name for f in dataclasses.fields(FusionConfig)]
    if isinstance(stored, dict):
        return FusionConfig(**{k: v for k, v in stored.items() if k in names})
    return FusionConfig(**{k: getattr(stored, k) for k in names if hasattr(stored, k)})


def load(
    cls: type[MatchingIndex],
    folder: Path,
    embedder: Embedder | None,
    *,
    mmap: bool = True,
    config: FusionConfig | None = None,
) -> MatchingIndex:
    """The index saved in ``folder``, searching with ``config`` (default: the settings it was
    saved with). Raises OSError (missing files) or ValueError (not a stored index of this format)."""
    with open(folder / STATE, "rb") as fh:
        stored = pickle.load(fh)  # our own file: see the module docstring
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        raise ValueError(f"{folder} holds no matching index of format {FORMAT}")
    state = dict(stored["state"])
    vectors = state["_vectors"]
    if isinstance(vectors, tuple):
        matrix = np.load(folder / VECTORS, mmap_mode="r" if mmap else None)
        state["_vectors"] = BruteForceIndex.from_matrix(matrix)
    index = object.__new__(cls)
    index.__dict__.update(state)
    index.config = config if config is not None else _config(state["config"])
    index.embedder = embedder
    if index.config.thesaurus and (folder / THESAURUS).exists():
        with open(folder / THESAURUS, "rb") as fh:
            digest, analysed = pickle.load(fh)
        thesaurus.install_default(analysed, digest)
    return index
