"""Lexical scores and reasons when a query's concepts are translated through the thesaurus.

Per document language (an item's original or one of its translations), the query becomes a set
of *groups* — each mentioned concept's terms in that language (in the query's own language also
the words as typed), plus, in the query's language, each word no concept covers — scored by
:meth:`.bm25.BM25Index.score_groups`. A document in a language in which no mentioned concept has
a term gets no lexical signal. An item scores its best document (of any language: a translated
concept meets the item in whichever language it is written). See :mod:`.thesaurus`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .bm25 import BM25Index, LexicalScores
from .documents import lexical_rows
from .text import analyze, phrases, stemmer_for, terms
from .thesaurus import Mention
from .types import Reason

_WORD = re.compile(r"\w+", re.UNICODE)


def _key(language: str | None) -> str:
    lang = (language or "en").strip().lower()
    return "nb" if lang in ("no", "nn") else lang


def _concept_stems(mention: Mention, language: str) -> list[tuple[str, ...]]:
    stem = stemmer_for(language)
    return [
        tuple(stem(w.lower()) for w in _WORD.findall(t) if len(w) > 1)
        for t in mention.concept.terms.get(language, ())
    ]


def translated_scores(
    lexical: BM25Index,
    *,
    plain: LexicalScores,
    q_terms: Sequence[str],
    mentions: Sequence[Mention],
    lang: str | None,
    doc_rows: Sequence[int],
    doc_langs: Sequence[str],
    original_doc: Sequence[int],
    item_langs: npt.NDArray[np.object_],
) -> tuple[LexicalScores, npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """(per-item scores, each item's best document, whether lexical applies to the item)."""
    q_lang = _key(lang)
    langs = np.asarray(doc_langs, dtype=object)
    covered = {w for m in mentions for w in m.words}
    normalised = np.zeros(len(langs), dtype=np.float32)
    doc_applies = np.zeros(len(langs), dtype=bool)
    for doc_lang in sorted(set(langs.tolist())):
        stem = stemmer_for(doc_lang)
        groups: list[list[tuple[str, ...]]] = []
        for m in mentions:
            group = _concept_stems(m, doc_lang)
            if doc_lang == q_lang:
                group.append(tuple(stem(w) for w in m.words))
            group = [t for t in group if t]
            if group:
                groups.append(group)
        if doc_lang == q_lang:
            covered_stems = {stem(w) for w in covered}
            uncovered = [t for t in q_terms if t not in covered_stems]
            groups += [[(t,)] for t in dict.fromkeys(uncovered)]
        if not groups:
            continue
        scores, _bound = lexical.score_groups(groups)
        docs = langs == doc_lang
        normalised[docs] = scores[docs]
        doc_applies[docs] = True
    per_doc = LexicalScores(normalised, normalised, plain.query_terms, plain.upper_bound)
    lex, best_doc, _ = lexical_rows(
        per_doc,
        doc_rows=doc_rows,
        doc_langs=doc_langs,
        original_doc=original_doc,
        item_langs=item_langs,
        q_lang=q_lang,
        same_language=False,
    )
    applies = np.zeros(len(original_doc), dtype=bool)
    np.logical_or.at(applies, np.asarray(doc_rows, dtype=np.int64), doc_applies)
    return lex, best_doc, applies


def concept_reasons(
    lexical: BM25Index,
    *,
    doc: int,
    doc_lang: str,
    text: str,
    mentions: Sequence[Mention],
    contribution: float,
    lang: str | None,
) -> list[Reason]:
    """Each concept the document shares with the query, named in the words the user typed, and
    (in the query's own language) the other words it matched; the contribution split equally."""
    doc_lang = _key(doc_lang)
    same = doc_lang == _key(lang)
    stem = stemmer_for(doc_lang)
    labels: list[str] = []
    for m in mentions:
        stems = [s for t in _concept_stems(m, doc_lang) for s in t]
        if same:
            stems += [stem(w) for w in m.words]
        if stems and lexical.matched_terms(doc, stems):
            # A term's words may occur all over the text ("residents … language … not the …"):
            # name it once, in the order of first occurrence, not word by word from every place.
            labels.append(" ".join(dict.fromkeys(m.words)))
    if same:
        covered = {stem(w) for m in mentions for w in m.words}
        rest = [t for t in terms(text, lang) if t not in covered]
        matched = lexical.matched_terms(doc, rest)
        if matched:
            labels += phrases(text, analyze(text, lang), matched)
    labels = list(dict.fromkeys(labels)) or [text.strip()[:80]]
    return [
        Reason("phrase", f"Also about “{p}”", contribution / len(labels), (("phrase", p),))
        for p in labels
    ]
