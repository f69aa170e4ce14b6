"""Vector indexes: exact brute force now, swappable for an ANN index later.

:class:`BruteForceIndex` keeps one contiguous float32 matrix; a query is one matrix-vector product
(cosine, since rows are L2-normalised) and :func:`numpy.argpartition` for the top k, so a search is
O(n·dim) with a tiny constant: ~10⁵ × 384 floats (150 MB) in a few milliseconds. Beyond ~10⁶ items
an ANN implementation of :class:`VectorIndex` (HNSW, IVF) should replace it.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt

from .types import FloatArray

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class VectorIndex(Protocol):
    """Rows numbered 0..n-1 in insertion order."""

    @property
    def size(self) -> int:
        """Number of stored vectors."""
        ...

    def add(self, vectors: FloatArray) -> None:
        """Append L2-normalised rows."""
        ...

    def search(
        self, query: FloatArray, k: int, allowed: BoolArray | None = None
    ) -> tuple[IntArray, FloatArray]:
        """The ``k`` rows with the highest cosine to ``query`` (restricted to ``allowed`` rows),
        best first, with their cosines."""
        ...

    def similarity(self, query: FloatArray, rows: IntArray) -> FloatArray:
        """Cosine of ``query`` to the given rows."""
        ...


class BruteForceIndex:
    """Exact cosine search over a float32 matrix (see module docstring)."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._chunks: list[FloatArray] = []
        self._matrix: FloatArray = np.zeros((0, dim), dtype=np.float32)

    @classmethod
    def from_matrix(cls, matrix: FloatArray) -> BruteForceIndex:
        """An index over an existing (n, dim) float32 matrix, used as it is — e.g. a read-only
        memory map (:mod:`.persist`); :meth:`add` then builds a new matrix in memory."""
        if matrix.ndim != 2 or matrix.dtype != np.float32:
            raise ValueError(
                f"expected a float32 matrix (n, dim), got {matrix.dtype} {matrix.shape}"
            )
        index = cls(int(matrix.shape[1]))
        index._matrix = matrix
        return index

    @property
    def size(self) -> int:
        return int(self._matrix.shape[0]) + sum(int(c.shape[0]) for c in self._chunks)

    @property
    def matrix(self) -> FloatArray:
        """All vectors as one (n, dim) matrix (pending additions are consolidated lazily, so a
        burst of ``add`` calls costs one copy, not one per call; a single bulk load is kept
        without copying, so do not modify the array passed to :meth:`add` afterwards)."""
        if self._chunks:
            if self._matrix.shape[0] == 0 and len(self._chunks) == 1:
                # the common bulk load: keep the caller's float32 matrix without a copy
                self._matrix = np.ascontiguousarray(self._chunks[0])
            else:
                self._matrix = np.ascontiguousarray(np.vstack([self._matrix, *self._chunks]))
            self._chunks = []
        return self._matrix

    def add(self, vectors: FloatArray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of shape (n, {self.dim}), got {vectors.shape}")
        self._chunks.append(vectors)

    def search(
        self, query: FloatArray, k: int, allowed: BoolArray | None = None
    ) -> tuple[IntArray, FloatArray]:
        sims = self.matrix @ np.asarray(query, dtype=np.float32)
        if allowed is not None:
            sims = np.where(allowed, sims, -np.inf).astype(np.float32)
            n_ok = int(allowed.sum())
        else:
            n_ok = sims.shape[0]
        k = min(k, n_ok)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-sims, k - 1)[:k] if k < sims.shape[0] else np.arange(sims.shape[0])
        # stable tie-break on row number keeps results deterministic
        order = np.lexsort((top, -sims[top]))
        rows = top[order].astype(np.int64)
        return rows, sims[rows].astype(np.float32)

    def similarity(self, query: FloatArray, rows: IntArray) -> FloatArray:
        return (self.matrix[rows] @ np.asarray(query, dtype=np.float32)).astype(np.float32)
