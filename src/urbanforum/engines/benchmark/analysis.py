"""Statistical analysis of a built index: correlations, Cronbach's alpha, PCA, strengths and
weaknesses, peer groups. All on the scores of an :class:`~.build.IndexResult`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .build import IndexResult
from .methods import FloatArray
from .steps import EngineError


@dataclass(frozen=True)
class Analysis:
    """Results of :func:`analyse`.

    ``correlations``: node × node Pearson correlations of scores (pairwise complete units),
    so within-level blocks and across-level entries are both there.
    ``child_parent``: child, parent, level (of the child), r — each node against its parent.
    ``cronbach_alpha``: per aggregate, over its children (complete units).
    ``pca``: per aggregate (children) and ``"indicators"`` (all indicators), the share of
    variance explained by each principal component of the correlation matrix, descending.
    ``strengths`` / ``weaknesses``: unit, indicator, rank, score — each unit's best / worst
    ``top`` indicators by rank among units.
    """

    correlations: pd.DataFrame
    child_parent: pd.DataFrame
    cronbach_alpha: pd.Series
    pca: Mapping[str, FloatArray]
    strengths: pd.DataFrame
    weaknesses: pd.DataFrame


def cronbach_alpha(x: FloatArray) -> float:
    """Cronbach's alpha of the columns of x over complete rows.

    α = k/(k − 1) · (1 − Σ var(item) / var(Σ items)), sample variances. It measures how far
    the children of an aggregate move together (internal consistency); NaN for k < 2.
    """
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    total = np.var(x.sum(axis=1), ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.var(x, axis=0, ddof=1).sum() / total))


def pca_variance(x: FloatArray) -> FloatArray:
    """Share of variance explained per principal component (standardised, complete rows).

    Eigenvalues of the correlation matrix divided by their sum, in descending order; columns
    without spread are dropped (they carry no variance to explain).
    """
    x = x[~np.isnan(x).any(axis=1)]
    if x.shape[0] < 2:
        return np.array([], dtype=np.float64)
    sd = x.std(axis=0, ddof=1)
    x = x[:, sd > 0]
    if x.shape[1] == 0:
        return np.array([], dtype=np.float64)
    if x.shape[1] == 1:
        return np.array([1.0])
    eig = np.linalg.eigvalsh(np.corrcoef(x, rowvar=False))[::-1]
    eig = np.clip(eig, 0.0, None)
    return np.asarray(eig / eig.sum(), dtype=np.float64)


def analyse(result: IndexResult, top: int = 3) -> Analysis:
    """Correlations, alpha, PCA and strengths/weaknesses of a result (see :class:`Analysis`)."""
    tree = result.framework.tree
    scores = result.scores
    corr = scores.corr(method="pearson")
    rows = []
    for code in [*tree.indicators, *tree.aggregates]:
        parent = result.framework.node[code].parent
        if parent is not None:
            rows.append((code, parent, tree.level[code], float(corr.loc[code, parent])))
    child_parent = pd.DataFrame(rows, columns=["child", "parent", "level", "r"])
    alpha = pd.Series(
        {a: cronbach_alpha(scores[list(tree.children[a])].to_numpy()) for a in tree.aggregates},
        name="cronbach_alpha",
        dtype=np.float64,
    )
    pca: dict[str, FloatArray] = {
        "indicators": pca_variance(scores[list(tree.indicators)].to_numpy())
    }
    for a in tree.aggregates:
        pca[a] = pca_variance(scores[list(tree.children[a])].to_numpy())
    strengths, weaknesses = strengths_weaknesses(result, top)
    return Analysis(corr, child_parent, alpha, pca, strengths, weaknesses)


def strengths_weaknesses(result: IndexResult, top: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each unit's ``top`` best and worst indicators by rank among units (ties: lower code
    order first). Vectorised: one argsort over the unit × indicator rank matrix."""
    inds = list(result.framework.tree.indicators)
    r = result.ranks[inds].to_numpy()
    s = result.scores[inds].to_numpy()
    n = min(top, len(inds))
    best = np.argsort(np.where(np.isnan(r), np.inf, r), axis=1, kind="stable")[:, :n]
    worst = np.argsort(np.where(np.isnan(r), np.inf, -r), axis=1, kind="stable")[:, :n]
    units = result.scores.index.to_numpy()

    def table(idx: np.ndarray) -> pd.DataFrame:
        rows = np.repeat(np.arange(len(units)), n)
        cols = idx.ravel()
        return pd.DataFrame(
            {
                "unit": units[rows],
                "indicator": np.asarray(inds, dtype=object)[cols],
                "rank": r[rows, cols],
                "score": s[rows, cols],
            }
        )

    return table(best), table(worst)


def peers(result: IndexResult, unit: str, *, group: str | None = None, k: int = 5) -> list[str]:
    """Peer group of ``unit``: the units sharing its value of data column ``group``, or else
    its ``k`` nearest neighbours (Euclidean distance between normalised indicator scores,
    missing scores replaced by the indicator mean so every unit can be compared)."""
    scores = result.scores
    if unit not in scores.index:
        raise EngineError(f"unit {unit!r}: not in the result")
    if group is not None:
        data = result.data
        ucol = result.framework.unit_column
        if ucol not in data.columns:
            data = data.reset_index()
        if group not in data.columns:
            raise EngineError(f"peers: no data column {group!r}")
        g = data.set_index(data[ucol].astype(str))[group]
        mine = g.get(unit)
        same = g[(g == mine) & (g.index != unit) & g.index.isin(scores.index)]
        return [str(u) for u in same.index]
    x = scores[list(result.framework.tree.indicators)].to_numpy()
    x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    i = int(scores.index.get_loc(unit))
    d = np.sqrt(((x - x[i]) ** 2).sum(axis=1))
    d[i] = np.inf
    order = np.argsort(d, kind="stable")[: min(k, len(d) - 1)]
    return [str(u) for u in scores.index.to_numpy()[order]]
