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

A document can be removed (:meth:`BM25Index.remove`: an edited or unpublished item): its postings
and its length leave the statistics, so N, df and avgdl — and every remaining document's score —
are exactly those of an index built without it; its number stays taken (the arrays keep their
shape, the slot scores 0).
"""

from __future__ import annotations

import bisect
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
        self._norm: npt.NDArray[np.float32] | None = None
        self._total_length = 0
        self._removed = 0

    def __getstate__(self) -> dict[str, object]:
        """What is stored (pickled): the statistics, not the caches derived from them."""
        state = dict(self.__dict__)
        state.update(_cache={}, _lengths_arr=None, _norm=None)
        return state

    @property
    def n_docs(self) -> int:
        """Number of document numbers given out (removed ones included: arrays have this size)."""
        return len(self._lengths)

    @property
    def n_live(self) -> int:
        """Number of documents indexed and not removed (the N of the IDF)."""
        return len(self._lengths) - self._removed

    @property
    def avgdl(self) -> float:
        """Average length in tokens of the live documents (title tokens counted ``title_weight``
        times)."""
        return self._total_length / self.n_live if self.n_live else 0.0

    def counts(self, title: str, body: str, language: str | None) -> Counter[str]:
        """A document's term frequencies as :meth:`add` indexes them."""
        counts = Counter(terms(title, language) * self.title_weight)
        counts.update(terms(body, language))
        return counts

    def add(self, title: str, body: str, language: str | None) -> int:
        """Index one document and return its number."""
        return self.add_terms(self.counts(title, body, language))

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
        self._norm = None
        return doc

    def remove_terms(self, doc: int, counts: Counter[str]) -> None:
        """Take document ``doc``, indexed with these term frequencies, out of the statistics
        (see the module docstring). Removing a document twice is an error."""
        if not 0 <= doc < self.n_docs or self._lengths[doc] < 0:
            raise KeyError(f"document {doc} is not indexed")
        for term in counts:
            docs = self._docs.get(term)
            i = bisect.bisect_left(docs, doc) if docs else 0
            if not docs or i >= len(docs) or docs[i] != doc:
                raise ValueError(f"document {doc} was not indexed with the term {term!r}")
            del docs[i]
            del self._tfs[term][i]
            if not docs:
                del self._docs[term], self._tfs[term]
            self._cache.pop(term, None)
        self._total_length -= self._lengths[doc]
        self._lengths[doc] = -1  # removed (a removed slot's length is never read: no postings)
        self._removed += 1
        self._lengths_arr = None
        self._norm = None

    def remove(self, doc: int, title: str, body: str, language: str | None) -> None:
        """Take document ``doc`` (indexed from this title, body and language) out."""
        self.remove_terms(doc, self.counts(title, body, language))

    def df(self, term: str) -> int:
        """Document frequency of a stem."""
        return len(self._docs.get(term, ()))

    def idf(self, term: str) -> float:
        """Lucene BM25 IDF (always > 0)."""
        n, df = self.n_live, self.df(term)
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
            # a removed slot (-1) has no postings; 0 keeps its norm finite
            self._lengths_arr = np.maximum(np.asarray(self._lengths, dtype=np.float32), 0)
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
        norm = self._norm_array()
        k = np.float32(self.k1 + 1.0)
        scratch = np.zeros(self.n_docs, dtype=np.float32)
        # Sparse: only the documents in the terms' posting lists are touched (a query of ten
        # languages' synonyms against 10^5 documents stays cheap).
        for group in groups:
            group_bound = 0.0
            docs_parts: list[npt.NDArray[np.int32]] = []
            score_parts: list[npt.NDArray[np.float32]] = []
            for term in group:
                if not term:
                    continue
                term_bound = sum(self.idf(st) * (self.k1 + 1.0) for st in term)
                group_bound = max(group_bound, term_bound)
                docs, tfs = self._postings(term[0])
                score = np.float32(self.idf(term[0])) * tfs * k / (tfs + norm[docs])
                for stem in term[1:]:  # every stem of a multi-word term must occur
                    d2, t2 = self._postings(stem)
                    keep = np.isin(docs, d2, assume_unique=True)
                    docs, score = docs[keep], score[keep]
                    t2 = t2[np.searchsorted(d2, docs)]
                    score = score + np.float32(self.idf(stem)) * t2 * k / (t2 + norm[docs])
                if docs.size:
                    docs_parts.append(docs)
                    score_parts.append((score / np.float32(term_bound)).astype(np.float32))
            if docs_parts:
                d = np.concatenate(docs_parts)
                np.maximum.at(scratch, d, np.concatenate(score_parts))
                u = np.unique(d)
                total[u] += np.float32(group_bound) * scratch[u]
                scratch[u] = 0.0
            bound += group_bound
        return (total / np.float32(bound) if bound > 0 else total), bound

    def _norm_array(self) -> npt.NDArray[np.float32]:
        """``k1·(1 − b + b·|d|/avgdl)`` per document (cached until a document is added)."""
        if self._norm is None or self._norm.shape[0] != self.n_docs:
            lengths = self._length_array()
            self._norm = (
                self.k1 * (1.0 - self.b + self.b * lengths / np.float32(self.avgdl or 1.0))
            ).astype(np.float32)
        return self._norm

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
