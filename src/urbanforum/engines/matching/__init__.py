"""Pure-Python hybrid matching engine (no Django): lexical BM25 + multilingual embeddings + facets
+ context, fused into one ranking with reasons. See ``docs/matching-engine.md``."""

from .bm25 import BM25Index, LexicalScores
from .cities import mentor_scores, peer_scores, top_cities, twin_scores
from .climate import climate_bound
from .context import ContextSimilarity, ContextTable, ContextWeights, profile_similarity
from .embedders import (
    E5Embedder,
    Embedder,
    FakeEmbedder,
    content_hash,
    l2_normalise,
    vector_to_bytes,
    vectors_from_bytes,
)
from .facets import FacetTable
from .matcher import FusionConfig, MatchingIndex, with_config
from .text import analyze, guess_language, phrases, stemmer_for, terms
from .thesaurus import Thesaurus, default_thesaurus
from .types import (
    SIZE_CLASSES,
    Components,
    Context,
    Item,
    Match,
    Query,
    Reason,
    Translation,
)
from .vectors import BruteForceIndex, VectorIndex

__all__ = [
    "SIZE_CLASSES",
    "BM25Index",
    "BruteForceIndex",
    "Components",
    "Context",
    "ContextSimilarity",
    "ContextTable",
    "ContextWeights",
    "E5Embedder",
    "Embedder",
    "FacetTable",
    "FakeEmbedder",
    "FusionConfig",
    "Item",
    "LexicalScores",
    "Match",
    "MatchingIndex",
    "Query",
    "Reason",
    "Thesaurus",
    "Translation",
    "VectorIndex",
    "analyze",
    "climate_bound",
    "content_hash",
    "default_thesaurus",
    "guess_language",
    "l2_normalise",
    "mentor_scores",
    "peer_scores",
    "phrases",
    "profile_similarity",
    "stemmer_for",
    "terms",
    "top_cities",
    "twin_scores",
    "vector_to_bytes",
    "vectors_from_bytes",
    "with_config",
]
