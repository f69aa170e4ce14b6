"""Okapi BM25 over an in-memory inverted index, scored with numpy.

Method (Robertson/Spärck Jones, with the Lucene IDF that never goes negative)::

    idf(t)     = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
    score(d,q) = Σ_{t ∈ q} idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 - b + b·|d|/avgdl))

Query terms count once each (needs are short, repetition carries no intent). The title's tokens are
counted ``title_weight`` times (title boost by repetition, which also lengthens the document
accordingly). Documents are stemmed with their own language's stemmer, the query with its own.

For fusion the raw score is divided by an upper bound, ``Σ_{t ∈ q} idf(t)·(k1+1)`` (what a document
with an unbounded frequency of every query term would score; terms absent from the corpus count
with the maximal IDF). That maps BM25 to [0, 1) *in absolute terms*: a query whose words mostly do
not occur in the corpus (e.g. a Finnish query against English practices) gets low lexical scores
instead of having its best weak match stretched to 1, as per-query max-normalisation would do.

Postings are appended in document order, so each posting list is sorted by document number and
checking "does document d contain term t" for the reasons is a binary search.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .text import terms


@dataclass(frozen=True, slots=True)
class LexicalScores:
    """Result of scoring one query against the whole index."""

    raw: npt.NDArray[np.float32]  #: BM25 score per document
    normalised: npt.NDArray[np.float32]  #: raw / upper bound, in [0, 1)
    query_terms: tuple[str, ...]  #: distinct query stems, in query order
    upper_bound: float


class BM25Index:
    """Incremental BM25 inverted index (documents are numbered 0..n-1 in insertion order)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75, title_weight: int = 2) -> None:
        self.k1 = k1
        self.b = b
        self.title_weight = title_weight
        self._docs: dict[str, list[int]] = {}
        self._tfs: dict[str, list[int]] = {}
        self._cache: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] = {}
        self._lengths: list[int] = []
        self._lengths_arr: npt.NDArray[np.float32] | None = None
        self._total_length = 0

    @property
    def n_docs(self) -> int:
        """Number of indexed documents."""
        return len(self._lengths)

    @property
    def avgdl(self) -> float:
        """Average document length in tokens (title tokens counted ``title_weight`` times)."""
        return self._total_length / self.n_docs if self.n_docs else 0.0

    def add(self, title: str, body: str, language: str | None) -> int:
        """Index one document and return its number."""
        counts = Counter(terms(title, language) * self.title_weight)
        counts.update(terms(body, language))
        return self.add_terms(counts)

    def add_terms(self, counts: Counter[str]) -> int:
        """Index a pre-analysed document (term → frequency) and return its number."""
        doc = self.n_docs
        for term, tf in counts.items():
            self._docs.setdefault(term, []).append(doc)
            self._tfs.setdefault(term, []).append(tf)
            self._cache.pop(term, None)
        length = sum(counts.values())
        self._lengths.append(length)
        self._total_length += length
        self._lengths_arr = None
        return doc

    def df(self, term: str) -> int:
        """Document frequency of a stem."""
        return len(self._docs.get(term, ()))

    def idf(self, term: str) -> float:
        """Lucene BM25 IDF (always > 0)."""
        n, df = self.n_docs, self.df(term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _postings(self, term: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        hit = self._cache.get(term)
        if hit is None:
            hit = (
                np.asarray(self._docs.get(term, []), dtype=np.int32),
                np.asarray(self._tfs.get(term, []), dtype=np.float32),
            )
            self._cache[term] = hit
        return hit

    def _length_array(self) -> npt.NDArray[np.float32]:
        if self._lengths_arr is None:
            self._lengths_arr = np.asarray(self._lengths, dtype=np.float32)
        return self._lengths_arr

    def score_terms(self, query_terms: Sequence[str]) -> LexicalScores:
        """Score every document for the given query stems (duplicates are ignored)."""
        distinct = tuple(dict.fromkeys(query_terms))
        raw = np.zeros(self.n_docs, dtype=np.float32)
        bound = 0.0
        if self.n_docs:
            lengths = self._length_array()
            norm = self.k1 * (1.0 - self.b + self.b * lengths / np.float32(self.avgdl or 1.0))
            for term in distinct:
                idf = self.idf(term)
                bound += idf * (self.k1 + 1.0)
                docs, tfs = self._postings(term)
                if docs.size:
                    # docs are unique within a posting list, so fancy-index += is exact.
                    raw[docs] += (
                        np.float32(idf) * tfs * np.float32(self.k1 + 1.0) / (tfs + norm[docs])
                    )
        normalised = raw / np.float32(bound) if bound > 0 else raw
        return LexicalScores(raw, normalised.astype(np.float32), distinct, bound)

    def _word_scores(self, stem: str, norm: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        out = np.zeros(self.n_docs, dtype=np.float32)
        docs, tfs = self._postings(stem)
        if docs.size:
            idf = np.float32(self.idf(stem))
            k = np.float32(self.k1 + 1.0)
            out[docs] = idf * tfs * k / (tfs + norm[docs])
        return out

    def score_groups(
        self, groups: Sequence[Sequence[tuple[str, ...]]]
    ) -> tuple[npt.NDArray[np.float32], float]:
        """Score every document for a query made of *groups* of alternative terms (a concept
        and its synonyms; a term is a tuple of stems that must all occur). A group scores its
        best term, each term normalised by its own upper bound ``Σ idf·(k1+1)`` over its stems
        (so a one-word synonym is not outweighed by a longer one); the query's score is the
        mean of its groups' scores weighted by each group's largest term bound. With one
        single-stem term per group this is exactly :meth:`score_terms`'s normalised score.
        Returns (normalised scores, sum of the group weights)."""
        total = np.zeros(self.n_docs, dtype=np.float32)
        bound = 0.0
        if not self.n_docs:
            return total, bound
        lengths = self._length_array()
        norm = self.k1 * (1.0 - self.b + self.b * lengths / np.float32(self.avgdl or 1.0))
        cache: dict[str, npt.NDArray[np.float32]] = {}
        for group in groups:
            best = np.zeros(self.n_docs, dtype=np.float32)  # the group's best term, normalised
            group_bound = 0.0
            for term in group:
                if not term:
                    continue
                parts = []
                for stem in term:
                    if stem not in cache:
                        cache[stem] = self._word_scores(stem, norm)
                    parts.append(cache[stem])
                score = np.sum(parts, axis=0) if len(parts) > 1 else parts[0].copy()
                if len(parts) > 1:
                    score[np.any(np.asarray(parts) <= 0, axis=0)] = 0.0  # every stem must occur
                term_bound = sum(self.idf(s) * (self.k1 + 1.0) for s in term)
                np.maximum(best, score / np.float32(term_bound), out=best)
                group_bound = max(group_bound, term_bound)
            total += np.float32(group_bound) * best
            bound += group_bound
        return (total / np.float32(bound) if bound > 0 else total), bound

    def score(self, text: str, language: str | None) -> LexicalScores:
        """Analyse ``text`` in ``language`` and score every document."""
        return self.score_terms(terms(text, language))

    def matched_terms(self, doc: int, query_terms: Sequence[str]) -> list[str]:
        """The query stems that occur in document ``doc`` (binary search in each posting list)."""
        out = []
        for term in query_terms:
            docs, _ = self._postings(term)
            i = int(np.searchsorted(docs, doc))
            if i < docs.size and docs[i] == doc:
                out.append(term)
        return out
