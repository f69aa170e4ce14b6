"""Vectorised numeric kernels: statistics, outlier treatment, normalisation, aggregation, ranks.

Everything here works on whole numpy arrays (units along axis 0 of a unit × indicator
matrix; Monte Carlo adds a leading run axis) with NaN as "missing". No pandas and no
per-unit Python loops: these are the hot paths of a build and of the Monte Carlo runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .steps import AggregateMethod, EngineError, NormaliseParams

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


# --------------------------------------------------------------------------------------
# ranks
def rank_min(values: FloatArray, *, descending: bool = True) -> FloatArray:
    """Rank along the last axis; ties share the lowest rank ("min"); NaN stays NaN.

    Sort-based (O(n log n)) and batched over all leading axes, so one call ranks every
    Monte Carlo run at once. Rank 1 is the highest value when ``descending``.
    """
    v = -values if descending else values.copy()
    nan = np.isnan(v)
    v = np.where(nan, np.inf, v)
    order = np.argsort(v, axis=-1, kind="stable")
    sv = np.take_along_axis(v, order, axis=-1)
    n = v.shape[-1]
    pos = np.broadcast_to(np.arange(n, dtype=np.float64), v.shape)
    new = np.ones(v.shape, dtype=bool)
    new[..., 1:] = sv[..., 1:] != sv[..., :-1]
    first = np.maximum.accumulate(np.where(new, pos, 0.0), axis=-1)
    ranks = np.empty(v.shape, dtype=np.float64)
    np.put_along_axis(ranks, order, first + 1.0, axis=-1)
    ranks[nan] = np.nan
    return ranks


def rank_columns(x: FloatArray, *, descending: bool) -> FloatArray:
    """Rank each column of a unit × column matrix over its units.

    A few columns at a time: each column is ranked on its own, so blocks give the same
    ranks while the sort's temporaries stay a few columns wide.
    """
    out = np.empty(x.shape, dtype=np.float64)
    for a, b in column_blocks(x.shape[1]):
        out[:, a:b] = rank_min(x[:, a:b].T, descending=descending).T
    return out


# --------------------------------------------------------------------------------------
# statistics
def skew_kurt(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Sample skewness and excess kurtosis per column, as Excel's SKEW and KURT.

    skew = n/((n-1)(n-2)) Σ((x-x̄)/s)^3 and
    kurt = n(n+1)/((n-1)(n-2)(n-3)) Σ((x-x̄)/s)^4 − 3(n-1)^2/((n-2)(n-3)) with the sample s;
    these are e1071's type 2, the definition COINr uses. Missing values are ignored;
    columns with fewer than 4 values or no spread give NaN (which the rule treats as "pass").

    Wide matrices are processed in blocks of columns, so the temporaries are a few blocks
    rather than a few copies of the whole matrix (the sums run over units either way).
    """
    m = x.shape[1]
    if m <= 2 * _BLOCK:
        return _skew_kurt(x)
    skew = np.empty(m)
    kurt = np.empty(m)
    for a, b in column_blocks(m):
        skew[a:b], kurt[a:b] = _skew_kurt(x[:, a:b])
    return skew, kurt


_BLOCK = 16


def column_blocks(m: int, block: int = _BLOCK) -> list[tuple[int, int]]:
    """Column ranges of about ``block`` columns, none narrower than 2.

    A one-column block would be summed pairwise by numpy (a contiguous reduction) instead
    of unit by unit as in a wide matrix, which could change the last digit; wider blocks
    reduce in the same order as the whole matrix.
    """
    edges = [*range(0, m, block), m]
    if len(edges) > 2 and edges[-1] - edges[-2] < 2:
        edges.pop(-2)
    return list(itertools.pairwise(edges))


def _skew_kurt(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    present = ~np.isnan(x)
    n = present.sum(axis=0).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(present, x, 0.0).sum(axis=0) / n
        d = np.where(present, x - mean, 0.0)
        d2 = d * d
        m2 = d2.sum(axis=0)
        m3 = (d2 * d).sum(axis=0)
        m4 = (d2 * d2).sum(axis=0)
        skew = np.sqrt(n) * m3 / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * m4 / m2**2
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    bad = (n < 4) | (m2 <= 0)
    skew[bad] = np.nan
    kurt[bad] = np.nan
    return skew, kurt


def fails_rule(skew: FloatArray, kurt: FloatArray, skew_max: float, kurt_max: float) -> BoolArray:
    """COINr's outlier test: |skew| >= threshold AND kurtosis >= threshold (NaN passes)."""
    with np.errstate(invalid="ignore"):
        return np.asarray((np.abs(skew) >= skew_max) & (kurt >= kurt_max), dtype=bool)


@dataclass(frozen=True)
class TreatOutcome:
    """Result of :func:`treat_outliers` on a unit × indicator matrix."""

    values: FloatArray
    skew_before: FloatArray
    kurt_before: FloatArray
    skew_after: FloatArray
    kurt_after: FloatArray
    n_low: npt.NDArray[np.int64]  # points now at the winsorised low level (0 if untouched)
    n_high: npt.NDArray[np.int64]
    logged: BoolArray  # log fallback used
    candidates: npt.NDArray[np.intp]  # the columns that failed the rule (only these change)
    before: FloatArray  # their values before treatment (units × candidates)


def treat_outliers(
    x: FloatArray,
    *,
    skew_max: float = 2.0,
    kurt_max: float = 3.5,
    max_points: int = 5,
    log_fallback: bool = True,
    columns: BoolArray | None = None,
    inplace: bool = False,
) -> TreatOutcome:
    """COINr's two-stage outlier treatment, all failing columns at once.

    While a column fails the skew/kurtosis rule and fewer than ``max_points`` of its points
    are winsorised, winsorise on the side of its current skew (>= 0: high): every value equal
    to the current extreme becomes the next value inward. The count is the number of points
    moved to the winsorised level(s) — every earlier-moved point sits at the extreme too, so
    it is moved again and counted again, and ties count together (exactly COINr's ``nwin``).
    A column that still fails is instead log-transformed from its *original* values:
    log(x − min + 0.01·(max − min)). The loop runs at most ``max_points`` times over the
    columns, never over units. With ``inplace`` the columns of ``x`` are changed in place;
    either way only the failing columns are copied (``before``), not the whole matrix.
    """
    if not inplace:
        x = np.array(x, dtype=np.float64, copy=True)
    m = x.shape[1]
    sk0, ku0 = skew_kurt(x)
    active = fails_rule(sk0, ku0, skew_max, kurt_max)
    if columns is not None:
        active &= columns
    treated_cols = active.copy()
    candidates = np.flatnonzero(treated_cols)
    before = x[:, candidates]  # fancy indexing: a copy of the failing columns only
    n_low = np.zeros(m, dtype=np.int64)
    n_high = np.zeros(m, dtype=np.int64)
    sk, ku = sk0.copy(), ku0.copy()
    present = ~np.isnan(x)
    active &= (n_low + n_high) < max_points
    while active.any():
        cols = np.flatnonzero(active)
        sub = x[:, cols]
        pres = present[:, cols]
        high = sk[cols] >= 0
        # flip low-side columns so one code path handles both sides
        signed = np.where(high, sub, -sub)
        filled = np.where(pres, signed, -np.inf)
        top = filled.max(axis=0)
        at_top = filled == top
        below = np.where(at_top, -np.inf, filled)
        nxt = below.max(axis=0)
        ok = np.isfinite(nxt)  # a column whose values are all tied cannot move
        signed = np.where(at_top & ok, nxt, signed)
        # COINr counts the points moved in this step; earlier moves sit at the top too
        count = (at_top & pres).sum(axis=0)
        sub = np.where(high, signed, -signed)
        x[:, cols] = sub
        n_high[cols] = np.where(high & ok, count, n_high[cols])
        n_low[cols] = np.where(~high & ok, count, n_low[cols])
        s2, k2 = skew_kurt(sub)
        sk[cols], ku[cols] = s2, k2
        still = fails_rule(s2, k2, skew_max, kurt_max) & ok
        still &= (n_low[cols] + n_high[cols]) < max_points
        active[:] = False
        active[cols] = still
    logged = treated_cols & fails_rule(sk, ku, skew_max, kurt_max)
    if log_fallback and logged.any():
        cols = np.flatnonzero(logged)
        o = before[:, np.searchsorted(candidates, cols)]
        lo, hi = np.nanmin(o, axis=0), np.nanmax(o, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            x[:, cols] = np.log(o - lo + 0.01 * (hi - lo))
        n_low[cols] = 0
        n_high[cols] = 0
        s2, k2 = skew_kurt(x[:, cols])
        sk[cols], ku[cols] = s2, k2
    else:
        logged = np.zeros(m, dtype=bool)
    return TreatOutcome(x, sk0, ku0, sk, ku, n_low, n_high, logged, candidates, before)


# --------------------------------------------------------------------------------------
# normalisation
def normalise(
    x: FloatArray,
    params: NormaliseParams,
    direction: FloatArray,
    worst: FloatArray,
    best: FloatArray,
    codes: tuple[str, ...],
) -> FloatArray:
    """Normalise every column of a unit × indicator matrix.

    Direction −1 columns are multiplied by −1 first (goalposts instead carry direction in
    worst/best). Missing values are ignored in min/max/mean/sd and stay missing.

    * ``minmax``: lo + (x − min)/(max − min)·(hi − lo) for ``range`` = [lo, hi];
    * ``zscore``: (x − mean)/sd·``sd`` + ``mean`` with the sample (n − 1) sd;
    * ``goalposts``: 100·(x − worst)/(best − worst), clipped to 0..100 when ``clip``;
    * ``rank``: rank with ties at the lowest (1 = lowest value);
    * ``percentile_rank``: (rank − 1)/(n − 1), n = units with a value;
    * ``borda``: rank − 1 (the number of units beaten);
    * ``none``: values unchanged (direction not applied either).

    A constant column cannot be min-max or z-score scaled; it is refused naming the column.
    """
    method = params.method
    if method == "none":
        return x.copy()
    if method == "goalposts":
        missing = np.isnan(worst) | np.isnan(best)
        if missing.any():
            code = codes[int(np.flatnonzero(missing)[0])]
            raise EngineError(f"node {code!r}: goalposts normalisation needs goalposts")
        out = 100.0 * (x - worst) / (best - worst)
        if params.clip:
            out = np.clip(out, 0.0, 100.0)
        return out
    xd = x * direction
    if method == "minmax":
        with np.errstate(invalid="ignore"):
            lo, hi = np.nanmin(xd, axis=0), np.nanmax(xd, axis=0)
        _refuse_constant(hi - lo, codes, "min-max")
        a, b = params.range
        # in place on xd, the same operations in the same order as a + (xd − lo)/(hi − lo)·(b − a)
        xd -= lo
        xd /= hi - lo
        xd *= b - a
        xd += a
        return xd
    if method == "zscore":
        present = ~np.isnan(xd)
        n = present.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(present, xd, 0.0).sum(axis=0) / n
            var = (np.where(present, xd - mean, 0.0) ** 2).sum(axis=0) / (n - 1)
        sd = np.sqrt(var)
        _refuse_constant(np.where(n > 1, sd, 0.0), codes, "z-score")
        xd -= mean  # in place: (xd − mean)/sd·sd' + mean'
        xd /= sd
        xd *= params.sd
        xd += params.mean
        return xd
    ranks = rank_columns(xd, descending=False)
    if method == "rank":
        return ranks
    if method == "borda":
        return ranks - 1.0
    if method == "percentile_rank":
        n = (~np.isnan(xd)).sum(axis=0).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return (ranks - 1.0) / (n - 1.0)
    raise EngineError(f"step 'normalise': unknown method {method!r}")


def _refuse_constant(spread: FloatArray, codes: tuple[str, ...], what: str) -> None:
    bad = ~(spread > 0)
    if bad.any():
        code = codes[int(np.flatnonzero(bad)[0])]
        raise EngineError(f"indicator {code!r}: constant or empty column, {what} undefined")


# --------------------------------------------------------------------------------------
# aggregation
def aggregate_level(
    x: FloatArray,
    weights: FloatArray,
    membership: FloatArray,
    method: AggregateMethod,
    *,
    propagate: bool = False,
    min_share: float = 0.0,
) -> FloatArray:
    """Weighted means of children into parents for a batch of runs.

    ``x`` is runs × units × children, ``weights`` runs × children (>= 0),
    ``membership`` children × parents (1 where the child belongs to the parent).
    Weight 0 excludes a child. Missing children are skipped and the weights re-normalised over
    the children present; with ``propagate`` any missing child (of non-zero weight) makes the
    parent missing; ``min_share`` requires that share of the weighted children to be present.

    arithmetic Σw̃x, geometric Π x^w̃ (= exp Σ w̃ ln x), harmonic 1/Σ(w̃/x), w̃ = w/Σw.
    Geometric and harmonic need positive values; the caller checks that (see
    :func:`first_nonpositive`) so that the error can name the node, unit and child.
    """
    present = ~np.isnan(x)
    w = weights[:, None, :]
    active = w > 0
    used = present & active
    wp = np.where(used, w, 0.0)
    wsum = wp @ membership
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if method == "arithmetic":
            out = (np.where(used, x, 0.0) * wp) @ membership / wsum
        elif method == "geometric":
            logs = np.log(np.where(used, x, 1.0))
            out = np.exp((logs * wp) @ membership / wsum)
        elif method == "harmonic":
            inv = np.where(used, 1.0 / np.where(used, x, 1.0), 0.0)
            out = wsum / ((inv * wp) @ membership)
        else:  # pragma: no cover - guarded by the framework parser
            raise EngineError(f"step 'aggregate': unknown method {method!r}")
        n_active = active.astype(np.float64) @ membership
        n_used = used.astype(np.float64) @ membership
        if propagate:
            out = np.where(n_used < n_active, np.nan, out)
        if min_share > 0:
            out = np.where(n_used < min_share * n_active - 1e-12, np.nan, out)
    return np.where(wsum > 0, out, np.nan)


def first_nonpositive(x: FloatArray, weights: FloatArray) -> tuple[int, int] | None:
    """(unit, child) of the first value <= 0 among weighted children, else None."""
    with np.errstate(invalid="ignore"):
        bad = (x <= 0) & (weights > 0)
    if not bad.any():
        return None
    u, c = np.argwhere(bad)[0]
    return int(u), int(c)
