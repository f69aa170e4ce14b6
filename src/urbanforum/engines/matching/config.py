"""How the matcher's signals are combined: :class:`FusionConfig` (see :mod:`.matcher`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .context import ContextWeights


@dataclass(frozen=True, slots=True)
class FusionConfig:
    """How the signals are combined (defaults chosen by ``bench/bench_matching.py --tune``)."""

    method: Literal["weighted", "rrf"] = "weighted"
    lexical: float = 0.4
    semantic: float = 0.6
    facet: float = 0.3
    context: float = 0.2
    rrf_k: float = 60.0
    candidates: int = 200
    #: "bound": BM25 / upper bound (absolute); "max": BM25 / best score of this query.
    lexical_norm: Literal["bound", "max"] = "bound"
    #: "calibrated": lexical by ``lexical_norm``, semantic by the embedder's similarity range
    #: (absolute scores); "minmax": both additionally min-max scaled over this query's candidates.
    normalisation: Literal["calibrated", "minmax"] = "calibrated"
    #: "same_language": BM25 only counts for items in the query's language (elsewhere it is a
    #: missing signal, so cross-lingual items are not penalised for sharing no words);
    #: "all": BM25 counts for every item.
    lexical_scope: Literal["same_language", "all"] = "same_language"
    #: The relevance gate (step 4 above): a text query needs one candidate with a lexical score
    #: of at least ``min_lexical`` or a semantic score of at least ``min_semantic``; 0 disables.
    min_lexical: float = 0.15
    min_semantic: float = 0.55
    #: 0.67, not 0.64: after the demo practices were rewritten from their sources (2026-12-03) e5
    #: scored the nonsense "ooo" 0.659 against one of them; the labelled needs lost nothing
    #: (BENCHMARKS.md, "Honest empty results").
    min_semantic_short: float = 0.67
    sentence_words: int = 4
    #: A query none of whose words has this many letters ("x", "zz", "ö") is answered only on
    #: lexical evidence ("EV" still finds EV chargers): e5 reads no meaning in one or two letters
    #: yet scored "x" 0.83 against an expert profile, above real needs (BENCHMARKS.md).
    min_word_letters: int = 3
    #: Longer query texts are cut here: the embedding model reads ~512 tokens anyway, and
    #: tokenising and explaining a 15,000-character query took 20-30 s.
    max_query_chars: int = 2000
    #: Translate the concepts a query mentions through the domain thesaurus (:mod:`.thesaurus`)
    #: so that the lexical signal compares the query with items in every language.
    thesaurus: bool = True
    context_weights: ContextWeights = field(default_factory=ContextWeights)

    def weight(self, signal: str) -> float:
        """The weight of one signal by name."""
        return float(getattr(self, signal))
