"""Lexical documents of items: an item's original and its translations.

The BM25 index holds one document per item and language version (``Item.translations``), in
insertion order; ``doc_rows`` maps a document to its item's row, ``doc_langs`` gives its language
and ``original_doc`` each row's original document. :func:`lexical_rows` turns per-document scores
into per-item ones for a query language.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .bm25 import LexicalScores


def lexical_rows(
    lex: LexicalScores,
    *,
    doc_rows: Sequence[int],
    doc_langs: Sequence[str],
    original_doc: Sequence[int],
    item_langs: npt.NDArray[np.object_],
    q_lang: str,
    same_language: bool,
) -> tuple[LexicalScores, npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Per-document BM25 scores → per item (row): the scores of each row's best document, that
    document, and whether lexical applies to the row.

    With ``same_language`` a row's best document is its best one in the query's language
    (original or translation); a row with none keeps its original's score for finding candidates,
    but lexical does not apply to it. Otherwise the best of all its documents counts. Without
    translations documents are rows and the scores pass through unchanged."""
    n = len(original_doc)
    if len(doc_rows) == n:  # no translations: documents are rows
        applies = item_langs == q_lang if same_language else np.ones(n, dtype=bool)
        return lex, np.arange(n, dtype=np.int64), np.asarray(applies, dtype=bool)
    rows_of = np.asarray(doc_rows, dtype=np.int64)
    docs = np.arange(rows_of.size, dtype=np.int64)
    if same_language:
        docs = docs[np.asarray(doc_langs, dtype=object) == q_lang]
    best = np.asarray(original_doc, dtype=np.int64).copy()
    applies = np.zeros(n, dtype=bool) if same_language else np.ones(n, dtype=bool)
    if docs.size:
        # sorted by row, then score, then the earlier document (the original) last on ties
        order = docs[np.lexsort((-docs, lex.raw[docs], rows_of[docs]))]
        rows = rows_of[order]
        last = np.ones(order.size, dtype=bool)
        last[:-1] = rows[1:] != rows[:-1]
        best[rows[last]] = order[last]
        applies[rows[last]] = True
    per_row = LexicalScores(lex.raw[best], lex.normalised[best], lex.query_terms, lex.upper_bound)
    return per_row, best, applies
