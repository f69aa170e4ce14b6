"""City-to-city similarity: peer cities, twin candidates and mentor cities.

Pure functions over arrays so that the Django shell can feed them the benchmark's indicator table.
Conventions: ``profiles`` is an (n_cities, n_indicators) float matrix of z-scores (NaN = missing),
oriented so that **higher is better** (the caller flips indicators where lower is better, e.g.
emissions); ``target`` is the asking city's row; ``context`` is an optional (n,) context similarity
in [0, 1] (e.g. :meth:`ContextTable.similarity` ``.score``) — ``None`` means "context ignored".
Every function returns an (n,) score in [0, 1]; the asking city's own row scores like any other
row, so exclude it with :func:`top_cities`.

* **Peers** — cities like mine: ``(1-α)·context + α·profile_similarity`` (see
  :func:`.context.profile_similarity`); compare, benchmark, exchange.
* **Twins** — similar context but *complementary* strengths, so both sides have something to teach:
  per city, ``give`` = share of shared indicators where it is strong (z ≥ +τ) and the asker weak
  (z ≤ −τ), ``take`` = the reverse; complementarity is their harmonic mean (0 unless the learning
  goes
  both ways), multiplied by context similarity.
* **Mentors** — strong where the asker is weak in one indicator: the gap ``g = z_c − z_target``
  (positive part) mapped to ``1 − exp(−g)`` (one standard deviation better → 0.63), multiplied by
  ``(1+context)/2`` so that a nearby, similar mentor is preferred but a distant excellent one still
  appears.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .context import profile_similarity

F64 = npt.NDArray[np.float64]


def _ctx(context: npt.ArrayLike | None, n: int) -> F64:
    if context is None:
        return np.ones(n)
    c = np.asarray(context, dtype=np.float64)
    if c.shape != (n,):
        raise ValueError(f"context must have shape ({n},), got {c.shape}")
    return np.clip(c, 0.0, 1.0)


def peer_scores(
    profiles: npt.ArrayLike,
    target: npt.ArrayLike,
    context: npt.ArrayLike | None = None,
    profile_weight: float = 0.5,
) -> F64:
    """Peer-city score: blend of context similarity and indicator-profile similarity."""
    p = np.asarray(profiles, dtype=np.float64)
    sim = profile_similarity(p, np.asarray(target, dtype=np.float64))
    if context is None:
        return sim
    return (1.0 - profile_weight) * _ctx(context, p.shape[0]) + profile_weight * sim


def twin_scores(
    profiles: npt.ArrayLike,
    target: npt.ArrayLike,
    context: npt.ArrayLike | None = None,
    threshold: float = 0.5,
) -> F64:
    """Twin-candidate score: context similarity × two-way complementarity of strengths."""
    p = np.asarray(profiles, dtype=np.float64)
    t = np.asarray(target, dtype=np.float64)
    both = ~np.isnan(p) & ~np.isnan(t)
    shared = np.maximum(both.sum(axis=1), 1)
    with np.errstate(invalid="ignore"):
        they_strong = both & (p >= threshold)
        they_weak = both & (p <= -threshold)
        me_strong = ~np.isnan(t) & (t >= threshold)
        me_weak = ~np.isnan(t) & (t <= -threshold)
    give = (they_strong & me_weak).sum(axis=1) / shared
    take = (they_weak & me_strong).sum(axis=1) / shared
    denom = give + take
    comp = np.where(denom > 0, 2.0 * give * take / np.where(denom > 0, denom, 1.0), 0.0)
    return comp * _ctx(context, p.shape[0])


def mentor_scores(
    profiles: npt.ArrayLike,
    target: npt.ArrayLike,
    indicator: int,
    context: npt.ArrayLike | None = None,
    context_share: float = 0.5,
) -> F64:
    """Mentor score for one indicator column: how much better each city is, context-modulated.

    ``context_share`` is how much the context decides: 0.5 (default) halves the score of a city
    with no similar context; 1.0 makes it decide fully (a climate-bound problem: a city without
    similar winters is no mentor for winter maintenance, however strong its mobility)."""
    p = np.asarray(profiles, dtype=np.float64)
    t = np.asarray(target, dtype=np.float64)
    gap = np.nan_to_num(p[:, indicator] - t[indicator], nan=0.0)
    strength = 1.0 - np.exp(-np.clip(gap, 0.0, None))
    share = float(np.clip(context_share, 0.0, 1.0))
    return strength * ((1.0 - share) + share * _ctx(context, p.shape[0]))


def top_cities(
    scores: npt.ArrayLike, k: int, exclude: int | None = None
) -> tuple[npt.NDArray[np.int64], F64]:
    """Indices and scores of the ``k`` best cities (ties by index), skipping ``exclude`` and
    zero scores."""
    s = np.asarray(scores, dtype=np.float64).copy()
    if exclude is not None:
        s[exclude] = 0.0
    rows = np.flatnonzero(s > 0)
    order = rows[np.lexsort((rows, -s[rows]))][:k]
    return order.astype(np.int64), s[order]
