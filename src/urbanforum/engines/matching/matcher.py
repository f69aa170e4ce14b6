"""The hybrid matcher: lexical + semantic retrieval, facet and context re-scoring, fusion, reasons.

Method, per query:

1. **Candidates.** The top ``candidates`` rows by semantic cosine (vector index) united with the top
   ``candidates`` rows by BM25 (restricted to the requested kinds). A query without text (facets or
   context only, e.g. "cities like mine") takes every allowed row as a candidate.
2. **Signals** on the candidates, each in [0, 1]:
   lexical = BM25 / its upper bound (:mod:`.bm25`); semantic = cosine rescaled by the embedder's
   ``similarity_range``; facet = coverage of the query's domains/SDGs (:mod:`.facets`);
   context = weighted attribute similarity (:mod:`.context`). A signal is *active* only if the query
   gives it something to work with (text → lexical and semantic; domains/SDGs → facet; a non-empty
   context → context).
3. **Fusion** over the active signals, either

   * ``"weighted"``: ``score = Σ w_s·x_s / Σ w_s`` — a convex combination of normalised scores,
     so it stays in [0, 1] and each signal's share ``w_s·x_s / Σ w_s`` is its contribution; or
   * ``"rrf"``: reciprocal rank fusion, ``Σ w_s / (k + rank_s)`` divided by its maximum
     ``Σ w_s / (k + 1)``; rank-based, so immune to score scales but blind to score gaps.

   The default (weighted, with the weights below) was chosen by measurement on the tuning half of
   the labelled set in ``bench/matching_eval`` (see ``BENCHMARKS.md``).
4. **Relevance gate.** A text query is answered only if some candidate shows real evidence: a
   lexical score of at least ``min_lexical`` (the query's words, in the item's language) or a
   semantic score of at least ``min_semantic`` (``min_semantic_short`` for a query of fewer than
   ``sentence_words`` words: the small e5 model scores one or two nonsense words as high as a
   sentence it half understands). Otherwise the query is about nothing the index holds (nonsense,
   or a topic with no content) and the answer is an empty list — e5 puts every text at a cosine of
   ~0.75 to every other, so without the gate "xyzzyqq" would get the least unrelated items. The
   thresholds were set on the labelled needs and nonsense queries of ``bench/matching_eval`` (see
   BENCHMARKS.md, "Honest empty results"); the price is that a short query in one language finds
   an item written only in another language only when e5 is sure of it.
5. **Reasons.** Each signal's contribution is split over human-readable reasons: matched query
   phrases (weighted by their terms' IDF), the semantic similarity, each shared domain/SDG, and each
   similar context attribute. The reasons' weights sum to the match score.

Items are stored in insertion order ("rows"); :meth:`MatchingIndex.add` appends, :meth:`remove`
takes items out of the statistics and tombstones their rows (so ids can be re-added after an edit;
:meth:`replace` does both), so an index kept up to date item by item answers as one rebuilt from
the same items (up to the order of exact ties). Rebuilding from stored embeddings is
:meth:`MatchingIndex.from_items`; :meth:`save` and :meth:`load` store it (:mod:`.persist`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from . import persist
from .bm25 import BM25Index, LexicalScores
from .concepts import concept_reasons, translated_scores
from .config import FusionConfig
from .context import ATTRIBUTES, ContextTable, describe_detail
from .documents import lexical_rows
from .embedders import Embedder
from .facet_reasons import facet_reasons
from .facets import FacetTable
from .text import Token, analyze, guess_language, phrases, terms
from .thesaurus import Mention, default_thesaurus
from .types import Components, FloatArray, Item, Match, Query, Reason
from .vectors import BruteForceIndex, VectorIndex

F64 = npt.NDArray[np.float64]


SIGNALS: tuple[str, ...] = ("lexical", "semantic", "facet", "context")
_WORD = re.compile(r"\w+")


def _lang_key(language: str | None) -> str:
    """Language code for comparing query and item languages (None = English; no = nb)."""
    lang = (language or "en").strip().lower()
    return "nb" if lang in ("no", "nn") else lang


def _top_rows(scores: F64 | FloatArray, k: int, allowed: npt.NDArray[np.bool_]) -> np.ndarray:
    """Rows of the ``k`` largest positive allowed scores (unordered)."""
    s = np.where(allowed & (scores > 0), scores, -np.inf)
    n_pos = int(np.isfinite(s).sum())
    k = min(k, n_pos)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    return np.argpartition(-s, k - 1)[:k].astype(np.int64)


class MatchingIndex:
    """Searchable collection of :class:`Item` with their passage embeddings."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        config: FusionConfig | None = None,
        vector_index_factory: Callable[[int], VectorIndex] = BruteForceIndex,
        dim: int | None = None,
    ) -> None:
        """An empty index. Without an ``embedder`` only lexical, facet and context signals run
        (and ``dim`` must be given if embeddings are to be added)."""
        self.embedder = embedder
        self.config = config or FusionConfig()
        d = embedder.dim if embedder is not None else dim
        self._vectors: VectorIndex | None = vector_index_factory(d) if d else None
        self._lexical = BM25Index()
        self._facets = FacetTable()
        self._contexts = ContextTable()
        self._items: list[Item] = []
        self._row_of: dict[str, int] = {}
        self._alive: list[bool] = []
        self._kinds: list[str] = []
        self._alive_arr: npt.NDArray[np.bool_] | None = None
        self._kinds_arr: npt.NDArray[np.object_] | None = None
        self._langs_arr: npt.NDArray[np.object_] | None = None
        # Lexical documents: each item's original, then its translations (doc → row, language).
        self._doc_rows: list[int] = []
        self._doc_langs: list[str] = []
        self._original_doc: list[int] = []

    @classmethod
    def from_items(
        cls,
        items: Sequence[Item],
        embeddings: FloatArray | None = None,
        embedder: Embedder | None = None,
        config: FusionConfig | None = None,
        vector_index_factory: Callable[[int], VectorIndex] = BruteForceIndex,
    ) -> MatchingIndex:
        """Build an index from items and their precomputed passage embeddings (row i of
        ``embeddings`` belongs to ``items[i]``; see :meth:`add`)."""
        dim = None if embeddings is None else int(np.asarray(embeddings).shape[1])
        index = cls(embedder, config, vector_index_factory, dim=dim)
        index.add(items, embeddings)
        return index

    # ------------------------------------------------------------------ building
    def __len__(self) -> int:
        return sum(self._alive)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._row_of

    def item(self, item_id: str) -> Item:
        """The stored item with this id (KeyError if unknown or removed)."""
        return self._items[self._row_of[item_id]]

    def add(self, items: Sequence[Item], embeddings: FloatArray | None = None) -> None:
        """Append items. ``embeddings``: their L2-normalised passage vectors, one row per item;
        when omitted and an embedder is set, the passages are embedded now (convenience for small
        sets — the Django shell stores vectors and passes them in)."""
        counts = Counter(it.id for it in items)
        dupes = [i for i, c in counts.items() if c > 1 or i in self._row_of]
        if dupes:
            raise ValueError(f"item ids already in the index or repeated: {sorted(set(dupes))}")
        if self._vectors is not None:
            if embeddings is None:
                if self.embedder is None:
                    raise ValueError("embeddings are required when the index has no embedder")
                embeddings = self.embedder.embed_passages([it.passage() for it in items])
            emb = np.asarray(embeddings, dtype=np.float32)
            if emb.shape[0] != len(items):
                raise ValueError(f"{len(items)} items but {emb.shape[0]} embedding rows")
            norms = np.linalg.norm(emb, axis=1)
            if emb.size and not np.allclose(norms[norms > 0], 1.0, atol=1e-3):
                raise ValueError("embeddings must be L2-normalised")
            self._vectors.add(emb)
        elif embeddings is not None:
            raise ValueError("this index was built without vectors (no embedder and no dim)")
        for it in items:
            self._row_of[it.id] = len(self._items)
            self._items.append(it)
            self._alive.append(True)
            self._kinds.append(it.kind)
            self._original_doc.append(len(self._doc_rows))
            for language, title, text in [(it.language, it.title, it.text), *it.translations]:
                self._doc_rows.append(len(self._items) - 1)
                self._doc_langs.append(_lang_key(language))
                self._lexical.add(title, text, language)
        self._facets.extend([it.domains for it in items], [it.sdgs for it in items])
        self._contexts.extend([it.context for it in items])
        self._alive_arr = None
        self._kinds_arr = None

    def remove(self, item_ids: Iterable[str]) -> None:
        """Take items out (KeyError if one is not in): their lexical documents leave the BM25
        statistics, so the others score exactly as in an index built without them; their row is
        tombstoned (their id may be added again, e.g. after an edit). The space of dead rows is
        reclaimed by rebuilding with :meth:`from_items` (see :attr:`dead_share`)."""
        for item_id in item_ids:
            row = self._row_of.pop(item_id)
            it = self._items[row]
            first = self._original_doc[row]
            for n, (language, title, text) in enumerate(
                [(it.language, it.title, it.text), *it.translations]
            ):
                self._lexical.remove(first + n, title, text, language)
            self._alive[row] = False
        self._alive_arr = None

    def replace(self, items: Sequence[Item], embeddings: FloatArray | None = None) -> None:
        """Add or update items (an edit: the old version of an id is removed, the new appended)."""
        self.remove([it.id for it in items if it.id in self._row_of])
        self.add(items, embeddings)

    @property
    def rows(self) -> int:
        """Number of rows: the items in the index and the removed ones (see :meth:`remove`)."""
        return len(self._items)

    @property
    def dead_share(self) -> float:
        """Share of rows that are removed items (space a rebuild would reclaim)."""
        return 1.0 - len(self) / self.rows if self.rows else 0.0

    def ids(self) -> list[str]:
        """The ids of the items in the index."""
        return list(self._row_of)

    def save(self, folder: Path) -> None:
        """Store the index in ``folder`` (see :mod:`.persist`)."""
        persist.save(self, folder)

    @classmethod
    def load(
        cls, folder: Path, embedder: Embedder | None = None, *, mmap: bool = True
    ) -> MatchingIndex:
        """An index stored by :meth:`save`, searching with ``embedder`` (its vectors
        memory-mapped unless ``mmap`` is false; see :mod:`.persist`)."""
        return persist.load(cls, folder, embedder, mmap=mmap)

    # ------------------------------------------------------------------ search
    def _allowed(self, kinds: Sequence[str]) -> npt.NDArray[np.bool_]:
        if self._alive_arr is None:
            self._alive_arr = np.asarray(self._alive, dtype=bool)
        if not kinds:
            return self._alive_arr
        if self._kinds_arr is None:
            self._kinds_arr = np.asarray(self._kinds, dtype=object)
        return self._alive_arr & np.isin(self._kinds_arr, list(kinds))

    def _languages(self) -> npt.NDArray[np.object_]:
        if self._langs_arr is None or self._langs_arr.shape[0] != len(self._items):
            self._langs_arr = np.asarray([_lang_key(it.language) for it in self._items], object)
        return self._langs_arr

    def embed_query(self, query: Query) -> FloatArray | None:
        """The query's embedding (None without embedder or text)."""
        if self.embedder is None or not query.text.strip():
            return None
        return self.embedder.embed_queries([query.text])[0]

    def search(
        self,
        query: Query,
        limit: int = 10,
        kinds: Sequence[str] | None = None,
        query_vector: FloatArray | None = None,
    ) -> list[Match]:
        """The best ``limit`` matches for ``query``, best first.

        ``kinds`` overrides ``query.kinds``; ``query_vector`` skips embedding the query (e.g. when
        it was cached by the caller)."""
        cfg = self.config
        if len(query.text) > cfg.max_query_chars:
            query = replace(query, text=query.text[: cfg.max_query_chars])
        n = len(self._items)
        allowed = self._allowed(query.kinds if kinds is None else kinds)
        if n == 0 or limit <= 0 or not allowed.any():
            return []
        has_text = bool(query.text.strip())
        # an unknown query language is guessed (None: no evidence, treated as English)
        lang = query.language if query.language is not None else guess_language(query.text)
        mentions: list[Mention] = []
        if has_text and cfg.thesaurus:  # an undeclared language may be named by the thesaurus
            guessed = query.language is None
            lang, mentions = default_thesaurus().language_mentions(query.text, lang, guessed)
        q_terms = terms(query.text, lang) if has_text else []
        qvec = query_vector if query_vector is not None else None
        if qvec is None and has_text and self._vectors is not None:
            qvec = self.embed_query(query)

        use = {
            "lexical": bool(q_terms),
            "semantic": qvec is not None,
            "facet": bool(query.domains or query.sdgs),
            "context": not query.context.is_empty(),
        }
        if not any(use.values()):
            return []

        # 1. candidates
        lex: LexicalScores | None = None
        parts: list[np.ndarray] = []
        lex_applies: npt.NDArray[np.bool_] | None = None
        best_doc: npt.NDArray[np.int64] | None = None
        if use["lexical"]:
            plain = self._lexical.score_terms(q_terms)
            if mentions:
                lex, best_doc, lex_applies = translated_scores(
                    self._lexical,
                    plain=plain,
                    q_terms=q_terms,
                    mentions=mentions,
                    lang=lang,
                    doc_rows=self._doc_rows,
                    doc_langs=self._doc_langs,
                    original_doc=self._original_doc,
                    item_langs=self._languages(),
                )
            else:
                lex, best_doc, lex_applies = lexical_rows(
                    plain,
                    doc_rows=self._doc_rows,
                    doc_langs=self._doc_langs,
                    original_doc=self._original_doc,
                    item_langs=self._languages(),
                    q_lang=_lang_key(lang),
                    same_language=cfg.lexical_scope == "same_language",
                )
            parts.append(_top_rows(lex.raw, cfg.candidates, allowed))
        if use["semantic"] and self._vectors is not None and qvec is not None:
            rows, _ = self._vectors.search(qvec, cfg.candidates, allowed)
            parts.append(rows)
        if has_text:
            cand = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
        else:
            cand = np.flatnonzero(allowed).astype(np.int64)
        if cand.size == 0:
            return []

        # 2. signals on candidates
        x: dict[str, F64] = {}
        cos: F64 | None = None
        if use["lexical"] and lex is not None:
            raw = lex.raw[cand].astype(np.float64)
            if cfg.lexical_norm == "max":
                best = float(lex.raw[allowed].max()) if allowed.any() else 0.0
                x["lexical"] = raw / best if best > 0 else raw
            else:
                x["lexical"] = lex.normalised[cand].astype(np.float64)
        if use["semantic"] and self._vectors is not None and qvec is not None:
            cos = self._vectors.similarity(qvec, cand).astype(np.float64)
            lo, hi = self.embedder.similarity_range if self.embedder else (0.0, 1.0)
            x["semantic"] = np.clip((cos - lo) / (hi - lo), 0.0, 1.0)
        facet = None
        if use["facet"]:
            facet = self._facets.score(query.domains, query.sdgs, cand)
            x["facet"] = facet.score
        ctx = None
        if use["context"]:
            ctx = self._contexts.similarity(query.context, cfg.context_weights, cand)
            x["context"] = ctx.score

        # 3. fusion: contributions per signal (they sum to the final score). A signal that does
        # not apply to an item (lexical across languages, see FusionConfig.lexical_scope) is
        # missing for that item, not zero: its weight is left out of that item's normalisation.
        active = [s for s in SIGNALS if s in x]
        applies = {s: np.ones(cand.size, dtype=bool) for s in active}
        if "lexical" in x and lex_applies is not None:
            # the item has a document (original or translation) in the query's language
            applies["lexical"] = lex_applies[cand]
        if has_text and not self._relevant(x, applies, query.text):
            return []
        if cfg.normalisation == "minmax":
            for s in ("lexical", "semantic"):
                if s in x:
                    lo_s, hi_s = float(x[s].min()), float(x[s].max())
                    x[s] = (
                        (x[s] - lo_s) / (hi_s - lo_s) if hi_s > lo_s else (x[s] > 0).astype(float)
                    )
        contrib: dict[str, F64] = {}
        if cfg.method == "rrf":
            norm = sum(applies[s] * (cfg.weight(s) / (cfg.rrf_k + 1.0)) for s in active)
            norm = np.where(norm > 0, norm, 1.0)
            for s in active:
                order = np.lexsort((cand, -x[s]))
                rank = np.empty(cand.size)
                rank[order] = np.arange(1, cand.size + 1)
                c = cfg.weight(s) / (cfg.rrf_k + rank)
                contrib[s] = np.where((x[s] > 0) & applies[s], c, 0.0) / norm
        else:
            total_w = sum(applies[s] * cfg.weight(s) for s in active)
            safe = np.where(total_w > 0, total_w, 1.0)  # no applicable weight: score 0
            for s in active:
                contrib[s] = np.where(applies[s], cfg.weight(s) * x[s], 0.0) / safe
        score: F64 = np.clip(np.sum([contrib[s] for s in active], axis=0), 0.0, 1.0)

        k = min(limit, cand.size)
        top = np.argpartition(-score, k - 1)[:k] if k < cand.size else np.arange(cand.size)
        top = top[np.lexsort((cand[top], -score[top]))]

        q_tokens = analyze(query.text, lang) if use["lexical"] else []
        out: list[Match] = []
        for j in top:
            if score[j] <= 0:
                continue
            row = int(cand[j])
            item = self._items[row]
            comps = Components(
                lexical=float(x["lexical"][j])
                if "lexical" in x and applies["lexical"][j]
                else None,
                semantic=float(x["semantic"][j]) if "semantic" in x else None,
                facet=float(x["facet"][j]) if "facet" in x else None,
                context=float(x["context"][j]) if "context" in x else None,
            )
            reasons: list[Reason] = []
            if "lexical" in contrib and contrib["lexical"][j] > 0 and lex is not None:
                assert best_doc is not None
                doc = int(best_doc[row])
                if mentions:
                    reasons += concept_reasons(
                        self._lexical,
                        doc=doc,
                        doc_lang=self._doc_langs[doc],
                        text=query.text,
                        mentions=mentions,
                        contribution=float(contrib["lexical"][j]),
                        lang=lang,
                    )
                else:
                    reasons += self._phrase_reasons(
                        doc, query.text, q_tokens, lex, float(contrib["lexical"][j]), lang
                    )
            if "semantic" in contrib and contrib["semantic"][j] > 0 and cos is not None:
                strong = float(x["semantic"][j]) >= 0.9
                reasons.append(
                    Reason(
                        "semantic",
                        "Very close in meaning to your need" if strong else "Close in meaning",
                        float(contrib["semantic"][j]),
                        (("code", "very_close" if strong else "close"),),
                    )
                )
            if facet is not None and contrib["facet"][j] > 0:
                reasons += facet_reasons(
                    self._items[row], query, facet, j, float(contrib["facet"][j])
                )
            if ctx is not None and contrib["context"][j] > 0:
                w = ctx.parts[j] * ctx.weights * ctx.active
                for a in np.flatnonzero(w > 0):
                    text, detail = describe_detail(
                        ATTRIBUTES[a], query.context, item.context, float(ctx.parts[j, a])
                    )
                    share = float(contrib["context"][j] * w[a] / w.sum())
                    reasons.append(Reason("context", text, share, detail))
            reasons.sort(key=lambda r: -r.weight)
            out.append(Match(item.id, item.kind, float(score[j]), comps, tuple(reasons)))
        return out

    def _relevant(
        self, x: dict[str, F64], applies: dict[str, npt.NDArray[np.bool_]], text: str
    ) -> bool:
        """The relevance gate: does any candidate show lexical or semantic evidence?"""
        cfg = self.config
        short = len(_WORD.findall(text)) < cfg.sentence_words
        floor = cfg.min_semantic_short if short else cfg.min_semantic
        if cfg.min_lexical <= 0 or floor <= 0:
            return True  # a threshold of 0 lets everything through
        if "lexical" in x and bool(np.any((x["lexical"] >= cfg.min_lexical) & applies["lexical"])):
            return True
        if max((len(w) for w in _WORD.findall(text)), default=0) < cfg.min_word_letters:
            return False
        return "semantic" in x and bool(np.any(x["semantic"] >= floor))

    def _phrase_reasons(
        self,
        doc: int,
        text: str,
        tokens: Sequence[Token],
        lex: LexicalScores,
        contribution: float,
        lang: str | None,
    ) -> list[Reason]:
        matched = self._lexical.matched_terms(doc, lex.query_terms)
        runs = phrases(text, tokens, matched)
        weights = []
        for run in runs:
            run_terms = set(terms(run, lang)) & set(matched)
            weights.append(sum(self._lexical.idf(t) for t in run_terms))
        total = sum(weights)
        if not runs or total <= 0:
            return []
        return [
            Reason("phrase", f"Also about “{run}”", contribution * w / total, (("phrase", run),))
            for run, w in zip(runs, weights, strict=True)
        ]


def with_config(index: MatchingIndex, **changes: object) -> MatchingIndex:
    """A shallow copy of ``index`` searching with a modified :class:`FusionConfig` (shares all
    data; used by the benchmark to compare variants on one index)."""
    clone = object.__new__(MatchingIndex)
    clone.__dict__.update(index.__dict__)
    clone.config = replace(index.config, **changes)  # type: ignore[arg-type]
    return clone
