"""The steps before aggregation and the aggregation itself, on arrays.

`prepare` checks a unit × column table against the framework and pulls out the indicator
matrix; `run_pre_aggregate` applies denominate/impute/screen/treat/normalise in the user's
order (keeping each stage when asked); `aggregate_tree` computes the weighted means level by
level. `build` (in :mod:`.build`) and the Monte Carlo (:mod:`.uncertainty`) share them.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from .framework import Framework
from .methods import (
    FloatArray,
    aggregate_level,
    first_nonpositive,
    normalise,
    treat_outliers,
)
from .steps import (
    AggregateParams,
    DenominateParams,
    EngineError,
    ImputeParams,
    NormaliseParams,
    ScreenParams,
    StepParams,
    TreatParams,
)
from .tabular import coerce_numeric


@dataclass(frozen=True)
class StepLog:
    """One executed step: its position, typed arguments and a one-line summary."""

    index: int
    step: str
    params: StepParams
    summary: str


@dataclass(frozen=True)
class TreatmentReport:
    """Outlier treatment per indicator (``summary``) and every changed point (``points``).

    ``summary`` columns: indicator, skew_before, kurt_before, treatment (none / winsorised /
    log), winsorised_low, winsorised_high, skew_after, kurt_after.
    ``points`` columns: unit, indicator, before, after, how (winsorised_high /
    winsorised_low / log).
    """

    summary: pd.DataFrame
    points: pd.DataFrame


@dataclass(frozen=True)
class Prepared:
    """Validated inputs as arrays: units, indicator matrix, data columns by name."""

    units: np.ndarray
    x: FloatArray
    columns: Mapping[str, pd.Series]


@dataclass(frozen=True)
class PreAggregate:
    """Output of the steps before ``aggregate``."""

    units: np.ndarray
    x: FloatArray
    stages: tuple[tuple[str, np.ndarray, FloatArray], ...]
    log: tuple[StepLog, ...]
    treatment: TreatmentReport | None
    imputed: pd.DataFrame
    screened_out: tuple[str, ...]
    imputed_counts: npt.NDArray[np.int64]  # cells filled per indicator (always kept)


def prepare(
    framework: Framework, data: pd.DataFrame, extra_steps: Iterable[StepParams | None] = ()
) -> Prepared:
    """Check the table against the framework and pull out arrays (the one numeric conversion).

    ``extra_steps`` are steps that may run instead of the framework's own (the uncertainty
    alternatives): their denominators and groups are pulled out too, so that one
    :class:`Prepared` serves every combination.

    Refuses: a missing unit column, duplicate or empty unit ids, an indicator with no data
    column, a denominator/group column that does not exist, a non-numeric cell (named by
    unit and column).
    """
    ucol = framework.unit_column
    if ucol not in data.columns:
        if data.index.name == ucol:
            data = data.reset_index()
        else:
            raise EngineError(f"data: no unit column {ucol!r}")
    units = data[ucol].astype("string")
    if units.isna().any():
        row = int(np.flatnonzero(units.isna().to_numpy())[0])
        raise EngineError(f"data: row {row + 1} has no {ucol!r}")
    dup = units[units.duplicated()]
    if len(dup):
        raise EngineError(f"data: unit {dup.iloc[0]!r} appears more than once")
    unit_arr = units.to_numpy(dtype=object)
    tree = framework.tree
    for code in tree.indicators:
        if code not in data.columns:
            raise EngineError(f"node {code!r}: no data column {code!r}")
    x = coerce_numeric(data, list(tree.indicators), unit_arr)
    columns: dict[str, pd.Series] = {}
    all_steps = [*framework.steps, *(s for s in extra_steps if s is not None)]
    if any(isinstance(s, DenominateParams) for s in all_steps):
        dens = sorted({n.denominator for n in framework.nodes if n.denominator})
        for d in dens:
            if d not in data.columns:
                who = next(n.code for n in framework.nodes if n.denominator == d)
                raise EngineError(f"node {who!r}: no data column for denominator {d!r}")
        if dens:
            dv = coerce_numeric(data, dens, unit_arr)
            for i, d in enumerate(dens):
                columns[d] = pd.Series(dv[:, i])
    for imp in all_steps:
        if isinstance(imp, ImputeParams) and imp.group and imp.group not in columns:
            if imp.group not in data.columns:
                raise EngineError(f"step 'impute': no data column for group {imp.group!r}")
            columns[imp.group] = data[imp.group].reset_index(drop=True)
    return Prepared(unit_arr, x, columns)


def run_pre_aggregate(
    framework: Framework,
    prep: Prepared,
    steps: Sequence[StepParams],
    *,
    keep_stages: bool,
    consume: bool = False,
) -> PreAggregate:
    """Apply the steps before aggregation in the user's order, on arrays.

    ``keep_stages`` keeps a copy of the matrix after each step *and* the cell-by-cell
    reports (every imputed cell, every treated point); without it only per-indicator counts
    are kept (``imputed_counts``, the treatment summary), which is what bounds the memory of
    large builds. ``consume`` lets the steps work in place on ``prep.x`` (a caller that does
    not reuse it saves a copy of the whole matrix).
    """
    tree = framework.tree
    codes = tree.indicators
    nodes = framework.node
    x = prep.x if consume else prep.x.copy()
    keep = np.ones(len(prep.units), dtype=bool)
    units = prep.units
    stages: list[tuple[str, np.ndarray, FloatArray]] = []
    log: list[StepLog] = []
    treatment: TreatmentReport | None = None
    imputed = _empty_imputed()
    imputed_counts = np.zeros(len(codes), dtype=np.int64)
    screened: tuple[str, ...] = ()
    for i, step in enumerate(steps, start=1):
        if isinstance(step, DenominateParams):
            for j, code in enumerate(codes):
                d = nodes[code].denominator
                if d is not None and d in prep.columns:
                    den = prep.columns[d].to_numpy(dtype=np.float64)[keep]
                    # in place, column by column: the same x / den as a whole-matrix division
                    with np.errstate(invalid="ignore", divide="ignore"):
                        x[:, j] /= den
                    x[den == 0, j] = np.nan
            n_den = sum(1 for c in codes if nodes[c].denominator)
            summary = f"{n_den} indicators divided by their denominator"
        elif isinstance(step, ImputeParams):
            x, counts, imputed = _impute(x, step, codes, units, prep, keep, detail=keep_stages)
            imputed_counts = imputed_counts + counts
            summary = f"{int(counts.sum())} cells imputed ({step.method})"
        elif isinstance(step, ScreenParams):
            share = (~np.isnan(x)).mean(axis=1)
            ok = share >= step.min_availability - 1e-12
            screened = tuple(str(u) for u in units[~ok])
            idx = np.flatnonzero(keep)
            keep[idx[~ok]] = False
            if not ok.all():
                x, units = x[ok], units[ok]
            if not len(units):
                raise EngineError("step 'screen': no unit has enough data")
            summary = f"{len(screened)} units removed: {', '.join(screened) or 'none'}"
        elif isinstance(step, TreatParams):
            x, treatment, n_points = _treat(x, step, codes, units, detail=keep_stages)
            nt = int((treatment.summary["treatment"] != "none").sum())
            summary = f"{nt} indicators treated, {n_points} points changed"
        elif isinstance(step, NormaliseParams):
            x = normalise_matrix(framework, x, step)
            summary = f"{step.method}"
        else:
            raise EngineError(f"step {step.step!r}: must be the last step")
        log.append(StepLog(i, step.step, step, summary))
        if keep_stages:
            stages.append((f"{i}-{step.step}", units, x.copy()))
    return PreAggregate(
        units, x, tuple(stages), tuple(log), treatment, imputed, screened, imputed_counts
    )


def normalise_matrix(framework: Framework, x: FloatArray, step: NormaliseParams) -> FloatArray:
    """Normalise with the nodes' directions and goalposts."""
    nodes = framework.node
    codes = framework.tree.indicators
    direction = np.array([nodes[c].direction for c in codes], dtype=np.float64)
    gps = [nodes[c].goalposts for c in codes]
    worst = np.array([g.worst if g else np.nan for g in gps])
    best = np.array([g.best if g else np.nan for g in gps])
    return normalise(x, step, direction, worst, best, codes)


def _empty_imputed() -> pd.DataFrame:
    return pd.DataFrame(
        {"unit": pd.Series([], dtype=object), "indicator": [], "value": [], "method": []}
    )


def _impute(
    x: FloatArray,
    step: ImputeParams,
    codes: tuple[str, ...],
    units: np.ndarray,
    prep: Prepared,
    keep: np.ndarray,
    *,
    detail: bool,
) -> tuple[FloatArray, npt.NDArray[np.int64], pd.DataFrame]:
    """Fill missing cells by column mean/median or by the mean/median within a group.

    Cells that cannot be filled (the whole column or group is missing, or the unit has no
    group) stay missing. Fills ``x`` in place; returns it, the count of filled cells per
    indicator and (with ``detail``) every filled cell.
    """
    cols = np.ones(len(codes), dtype=bool)
    if step.indicators is not None:
        cols = np.isin(np.asarray(codes), np.asarray(step.indicators))
    if step.method == "none":
        return x, np.zeros(len(codes), dtype=np.int64), _empty_imputed()
    if step.method in ("mean", "median"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-missing column: stays NaN
            stat = np.nanmean(x, axis=0) if step.method == "mean" else np.nanmedian(x, axis=0)
        fill: FloatArray = np.broadcast_to(stat, x.shape)
    else:
        assert step.group is not None
        group = prep.columns[step.group].to_numpy()[keep]
        frame = pd.DataFrame(x, copy=False)
        how = "mean" if step.method == "group_mean" else "median"
        fill = frame.groupby(pd.Series(group), dropna=True).transform(how).to_numpy(np.float64)
        del frame
        if fill.shape != x.shape:  # pragma: no cover - defensive
            raise EngineError("step 'impute': group column does not match the data")
    target = np.isnan(x) & cols[None, :] & ~np.isnan(fill)
    counts = target.sum(axis=0).astype(np.int64)
    x[target] = fill[target]
    del fill
    if not detail:
        return x, counts, _empty_imputed()
    r, c = np.nonzero(target)
    report = pd.DataFrame(
        {
            "unit": units[r],
            "indicator": np.asarray(codes, dtype=object)[c],
            "value": x[r, c],
            "method": step.method,
        }
    )
    return x, counts, report


def _treat(
    x: FloatArray, step: TreatParams, codes: tuple[str, ...], units: np.ndarray, *, detail: bool
) -> tuple[FloatArray, TreatmentReport, int]:
    """Outlier treatment in place; returns the values, the report and the points changed.

    With ``detail`` the report is as documented (summary and every changed point); without
    it the points table is empty and the summary gains ``points_changed`` per indicator.
    """
    cols = None
    if step.indicators is not None:
        cols = np.isin(np.asarray(codes), np.asarray(step.indicators))
    if step.method == "none":
        cols = np.zeros(len(codes), dtype=bool)
    res = treat_outliers(
        x,
        skew_max=step.skew,
        kurt_max=step.kurtosis,
        max_points=step.max_points,
        log_fallback=step.method == "winsorise_log",
        columns=cols,
        inplace=True,
    )
    win = (res.n_low + res.n_high) > 0
    kind = np.where(res.logged, "log", np.where(win, "winsorised", "none"))
    # only the candidate columns can change; compare them with their values before
    cand = res.candidates
    after = res.values[:, cand]
    before = res.before
    changed = (after != before) & ~(np.isnan(after) & np.isnan(before))
    points_changed = np.zeros(len(codes), dtype=np.int64)
    points_changed[cand] = changed.sum(axis=0)
    summary = pd.DataFrame(
        {
            "indicator": list(codes),
            "skew_before": res.skew_before,
            "kurt_before": res.kurt_before,
            "treatment": kind,
            "winsorised_low": res.n_low,
            "winsorised_high": res.n_high,
            "skew_after": res.skew_after,
            "kurt_after": res.kurt_after,
            "points_changed": points_changed,
        }
    )
    n_points = int(points_changed.sum())
    if not detail:
        return res.values, TreatmentReport(summary, _empty_points()), n_points
    r, k = np.nonzero(changed)
    c = cand[k]
    side = np.where(after[r, k] < before[r, k], "winsorised_high", "winsorised_low")
    how = np.where(res.logged[c], "log", side)
    points = pd.DataFrame(
        {
            "unit": units[r],
            "indicator": np.asarray(codes, dtype=object)[c],
            "before": before[r, k],
            "after": after[r, k],
            "how": how,
        }
    )
    return res.values, TreatmentReport(summary.drop(columns="points_changed"), points), n_points


def _empty_points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": pd.Series([], dtype=object),
            "indicator": pd.Series([], dtype=object),
            "before": pd.Series([], dtype=np.float64),
            "after": pd.Series([], dtype=np.float64),
            "how": pd.Series([], dtype=object),
        }
    )


def aggregate_tree(
    framework: Framework, x: FloatArray, step: AggregateParams, units: np.ndarray
) -> FloatArray:
    """Aggregate level by level; returns units × (indicators + aggregates)."""
    tree = framework.tree
    nodes = framework.node
    codes = list(tree.indicators) + list(tree.aggregates)
    col = {c: i for i, c in enumerate(codes)}
    values = np.full((x.shape[0], len(codes)), np.nan)
    values[:, : x.shape[1]] = x
    weights = np.array([nodes[c].weight for c in codes], dtype=np.float64)
    for level in sorted({tree.level[a] for a in tree.aggregates}):
        parents = [a for a in tree.aggregates if tree.level[a] == level]
        kids = [k for p in parents for k in tree.children[p]]
        kid_idx = np.array([col[k] for k in kids])
        member = np.zeros((len(kids), len(parents)))
        row = 0
        for j, p in enumerate(parents):
            n = len(tree.children[p])
            member[row : row + n, j] = 1.0
            row += n
        xs = values[:, kid_idx]
        ws = weights[kid_idx]
        if step.method != "arithmetic":
            bad = first_nonpositive(xs, ws)
            if bad is not None:
                u, c = bad
                parent = tree_parent(framework, kids[c])
                raise EngineError(
                    f"node {parent!r}: {step.method} mean needs positive values, but child "
                    f"{kids[c]!r} of unit {units[u]!r} is {xs[u, c]:g} (use e.g. min-max to "
                    f"[1, 100] before a {step.method} aggregation)"
                )
        out = aggregate_level(
            xs[None],
            ws[None],
            member,
            step.method,
            propagate=step.missing == "propagate",
            min_share=step.min_share,
        )
        values[:, [col[p] for p in parents]] = out[0]
    return values


def tree_parent(framework: Framework, code: str) -> str:
    """Parent code of a node (the root returns itself)."""
    parent = framework.node[code].parent
    return code if parent is None else parent
