"""Facet overlap: shared domains and SDGs.

The facet score of an item is the weighted share of the *query's* facets the item carries::

    facet = (w_d · |Dq ∩ Di| / |Dq| + w_s · |Sq ∩ Si| / |Sq|) / (w_d·[Dq ≠ ∅] + w_s·[Sq ≠ ∅])

Coverage of the query (not Jaccard) because an item with many domains should not be penalised for
covering more than was asked. Domains compare case-insensitively. Stored as a dense multi-hot
``uint8`` matrix (items × vocabulary; the vocabularies are tens of labels), so a query is one
matrix-vector product.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


class MultiHot:
    """Append-only multi-hot table of label sets over a growing vocabulary."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self._rows: list[list[int]] = []
        self._matrix: npt.NDArray[np.uint8] | None = None

    def extend(self, label_sets: Sequence[Sequence[str]]) -> None:
        """Append one label set per item."""
        for labels in label_sets:
            cols = []
            for lab in labels:
                col = self.vocab.setdefault(lab, len(self.vocab))
                cols.append(col)
            self._rows.append(sorted(set(cols)))
        self._matrix = None

    def matrix(self) -> npt.NDArray[np.uint8]:
        """The (n_items, n_labels) 0/1 matrix."""
        if self._matrix is None or self._matrix.shape[1] != len(self.vocab):
            m = np.zeros((len(self._rows), len(self.vocab)), dtype=np.uint8)
            for i, cols in enumerate(self._rows):
                m[i, cols] = 1
            self._matrix = m
        return self._matrix

    def coverage(self, labels: Sequence[str], rows: np.ndarray) -> npt.NDArray[np.float64]:
        """Share of ``labels`` (distinct) present on each of ``rows``."""
        wanted = sorted({self.vocab[lab] for lab in labels if lab in self.vocab})
        n_query = len(set(labels))
        if n_query == 0 or not wanted:
            return np.zeros(len(rows))
        hits = self.matrix()[np.asarray(rows, dtype=np.int64)][:, wanted].sum(axis=1)
        return hits.astype(np.float64) / n_query

    def labels_of(self, row: int) -> list[str]:
        """The labels on one row (vocabulary order)."""
        inverse = {v: k for k, v in self.vocab.items()}
        return [inverse[c] for c in self._rows[row]]


@dataclass(frozen=True, slots=True)
class FacetScores:
    """Facet score per candidate and its two parts."""

    score: npt.NDArray[np.float64]
    domain_coverage: npt.NDArray[np.float64]
    sdg_coverage: npt.NDArray[np.float64]
    domain_weight: float  #: effective weight share of domains (0 if the query has none)
    sdg_weight: float


def normalise_domain(label: str) -> str:
    """Domains compare case- and surrounding-space-insensitively."""
    return label.strip().lower()


class FacetTable:
    """Domains and SDGs of all items."""

    def __init__(self, domain_weight: float = 0.7, sdg_weight: float = 0.3) -> None:
        self.domains = MultiHot()
        self.sdgs = MultiHot()
        self.domain_weight = domain_weight
        self.sdg_weight = sdg_weight

    def extend(self, domains: Sequence[Sequence[str]], sdgs: Sequence[Sequence[int]]) -> None:
        """Append the facets of new items."""
        self.domains.extend([[normalise_domain(d) for d in ds] for ds in domains])
        self.sdgs.extend([[str(int(s)) for s in ss] for ss in sdgs])

    def score(self, domains: Sequence[str], sdgs: Sequence[int], rows: np.ndarray) -> FacetScores:
        """Facet scores of ``rows`` for a query's domains and SDGs (see module docstring)."""
        qd = [normalise_domain(d) for d in domains]
        qs = [str(int(s)) for s in sdgs]
        dc = self.domains.coverage(qd, rows)
        sc = self.sdgs.coverage(qs, rows)
        wd = self.domain_weight if qd else 0.0
        ws = self.sdg_weight if qs else 0.0
        total = wd + ws
        if total == 0:
            return FacetScores(np.zeros(len(rows)), dc, sc, 0.0, 0.0)
        return FacetScores((wd * dc + ws * sc) / total, dc, sc, wd / total, ws / total)
