"""Build an index: run the framework's steps on a unit × column table and keep every stage.

COINr-style, one :class:`IndexResult` holds every stage, the log of each step's arguments,
the treatment and imputation reports and a record (framework, data hash, package version)
so that a result says how it was made and :meth:`IndexResult.regenerate` can re-run it with
changed parameters.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from urbanforum import __version__

from .framework import (
    STEP_TYPES,
    AggregateParams,
    DenominateParams,
    EngineError,
    Framework,
    ImputeParams,
    NormaliseParams,
    ScreenParams,
    StepParams,
    TreatParams,
    parse_step,
    step_to_dict,
)
from .methods import (
    FloatArray,
    aggregate_level,
    first_nonpositive,
    normalise,
    rank_columns,
    treat_outliers,
)
from .tabular import coerce_numeric

STEP_ORDER = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")


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
class RunRecord:
    """What is needed to reproduce a result: framework, data hash and package version."""

    framework: Mapping[str, object]
    data_hash: str
    version: str


@dataclass(frozen=True)
class _Prepared:
    """Validated inputs as arrays: units, indicator matrix, data columns by name."""

    units: np.ndarray
    x: FloatArray
    columns: Mapping[str, pd.Series]


@dataclass(frozen=True)
class _PreAggregate:
    """Output of the steps before ``aggregate``."""

    units: np.ndarray
    x: FloatArray
    stages: tuple[tuple[str, np.ndarray, FloatArray], ...]
    log: tuple[StepLog, ...]
    treatment: TreatmentReport | None
    imputed: pd.DataFrame
    screened_out: tuple[str, ...]


@dataclass(frozen=True)
class IndexResult:
    """Every stage of a build.

    ``stages`` maps "<n>-<step>" to the unit × indicator table after that step (the aggregate
    stage also holds the aggregates); ``scores``/``ranks`` are unit × node (indicators hold
    their normalised value); ranks are by descending score with ties at the lowest rank.
    """

    framework: Framework
    data: pd.DataFrame
    stages: Mapping[str, pd.DataFrame]
    scores: pd.DataFrame
    ranks: pd.DataFrame
    log: tuple[StepLog, ...]
    treatment_report: TreatmentReport | None
    imputed_cells: pd.DataFrame
    screened_out: tuple[str, ...]
    record: RunRecord

    def results_table(self) -> pd.DataFrame:
        """Long table ``unit, node, score, rank`` for every unit and aggregate (not indicator)."""
        aggs = list(self.framework.tree.aggregates)[::-1]  # root first
        s = self.scores[aggs]
        r = self.ranks[aggs]
        n_units, n_nodes = s.shape
        out = pd.DataFrame(
            {
                "unit": np.repeat(s.index.to_numpy(), n_nodes),
                "node": np.tile(np.asarray(aggs, dtype=object), n_units),
                "score": s.to_numpy().ravel(),
                "rank": r.to_numpy().ravel(),
            }
        )
        out["rank"] = out["rank"].astype("Int64")
        return out

    def contributions(self, unit: str, node: str) -> pd.DataFrame:
        """Why this score: each child's contribution to ``node``'s score for ``unit``.

        Columns: child, score, weight, weight_share, contribution, share. Contributions sum to
        the parent's score (skipped/zero-weight children contribute 0):

        * arithmetic: weight share × child score (exact);
        * geometric: the score is Π x^w̃, so ln P = Σ w̃ ln x and each child gets the part of
          the score proportional to its term of the log: P · w̃ ln x / ln P (exact; when
          P = 1 the split is by weight share). With scores >= 1 (e.g. min-max to [1, 100]) all
          parts are non-negative;
        * harmonic: the arithmetic contributions rescaled by P / (Σ w̃x) so that they sum to
          P — each child keeps its arithmetic share of the score.
        """
        tree = self.framework.tree
        if node not in tree.children:
            raise EngineError(f"node {node!r}: not an aggregate")
        if unit not in self.scores.index:
            raise EngineError(f"unit {unit!r}: not in the result")
        agg = self.framework.step("aggregate")
        assert isinstance(agg, AggregateParams)
        kids = list(tree.children[node])
        nodes = self.framework.node
        x = self.scores.loc[unit, kids].to_numpy(dtype=np.float64)
        w = np.array([nodes[k].weight for k in kids], dtype=np.float64)
        used = ~np.isnan(x) & (w > 0)
        share = np.where(used, w, 0.0) / max(float(np.where(used, w, 0.0).sum()), 1e-300)
        parent = float(self.scores.loc[unit, node])
        xu = np.where(used, x, 0.0)
        if agg.method == "arithmetic":
            contrib = share * xu
        elif agg.method == "geometric":
            logp = np.log(parent) if parent > 0 else np.nan
            if np.isfinite(logp) and abs(logp) > 1e-12:
                contrib = parent * share * np.log(np.where(used, x, 1.0)) / logp
            else:
                contrib = share * parent
        else:
            mean = float((share * xu).sum())
            contrib = share * xu * (parent / mean if mean else 0.0)
        return pd.DataFrame(
            {
                "child": kids,
                "score": x,
                "weight": w,
                "weight_share": share,
                "contribution": contrib,
                "share": contrib / parent if parent else np.nan,
            }
        )

    def regenerate(
        self,
        steps: Mapping[str, Mapping[str, object] | str | None] | None = None,
        weights: Mapping[str, float] | None = None,
        data: pd.DataFrame | None = None,
    ) -> IndexResult:
        """Re-run with changes, COINr's ``Regen`` with edits.

        ``steps`` maps a step name to changed parameters (merged onto the existing step, or
        a new step inserted in the canonical order) or ``None`` to drop the step;
        ``weights`` replaces node weights; ``data`` replaces the input table.
        """
        fw = self.framework
        if steps:
            fw = fw.with_steps(change_steps(fw.steps, steps))
        if weights:
            fw = fw.with_weights(weights)
        return build(fw, self.data if data is None else data)


def change_steps(
    steps: Sequence[StepParams], changes: Mapping[str, Mapping[str, object] | str | None]
) -> list[StepParams]:
    """Apply ``{step: params | None}`` changes to a step list (see :meth:`regenerate`)."""
    out = list(steps)
    for name, params in changes.items():
        if name not in STEP_TYPES:
            raise EngineError(f"step {name!r}: unknown step")
        idx = next((i for i, s in enumerate(out) if s.step == name), None)
        if params is None:
            if name in ("normalise", "aggregate"):
                raise EngineError(f"step {name!r}: cannot be removed (use method none)")
            if idx is not None:
                out.pop(idx)
            continue
        if idx is not None:
            out[idx] = parse_step(name, params, out[idx])
        else:
            new = parse_step(name, params)
            rank = STEP_ORDER.index(name)
            at = next((i for i, s in enumerate(out) if STEP_ORDER.index(s.step) > rank), len(out))
            out.insert(at, new)
    return out


def data_hash(data: pd.DataFrame) -> str:
    """SHA-256 of the table's column names and cell values (row order matters)."""
    h = hashlib.sha256()
    h.update("\x1f".join(map(str, data.columns)).encode())
    h.update(pd.util.hash_pandas_object(data, index=False).to_numpy().tobytes())
    return h.hexdigest()


# --------------------------------------------------------------------------------------
def build(framework: Framework, data: pd.DataFrame) -> IndexResult:
    """Run every step of ``framework`` on ``data`` (one row per unit) and keep all stages.

    ``data`` holds the ``unit_column`` (or has it as the index name), one column per
    indicator and any data columns (denominators, groups); other columns are ignored.
    """
    prep = prepare(framework, data)
    pre = run_pre_aggregate(framework, prep, framework.steps[:-1], keep_stages=True)
    agg = framework.steps[-1]
    assert isinstance(agg, AggregateParams)
    tree = framework.tree
    values = aggregate_tree(framework, pre.x, agg, pre.units)
    codes = list(tree.indicators) + list(tree.aggregates)
    index = pd.Index(pre.units, name=framework.unit_column)
    scores = pd.DataFrame(values, index=index, columns=codes)
    ranks = pd.DataFrame(rank_columns(values, descending=True), index=index, columns=codes)
    stages: dict[str, pd.DataFrame] = {}
    for name, units, x in pre.stages:
        stages[name] = pd.DataFrame(
            x, index=pd.Index(units, name=framework.unit_column), columns=list(tree.indicators)
        )
    n = len(pre.log) + 1
    stages[f"{n}-aggregate"] = scores
    log = (
        *pre.log,
        StepLog(n, "aggregate", agg, f"{agg.method} mean over {len(tree.aggregates)} aggregates"),
    )
    src = data if framework.unit_column in data.columns else data.reset_index()
    return IndexResult(
        framework=framework,
        data=data,
        stages=stages,
        scores=scores,
        ranks=ranks,
        log=log,
        treatment_report=pre.treatment,
        imputed_cells=pre.imputed,
        screened_out=pre.screened_out,
        record=RunRecord(framework.to_dict(), data_hash(src), __version__),
    )


def prepare(framework: Framework, data: pd.DataFrame) -> _Prepared:
    """Check the table against the framework and pull out arrays.

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
    steps = {s.step: s for s in framework.steps}
    if "denominate" in steps:
        dens = sorted({n.denominator for n in framework.nodes if n.denominator})
        for d in dens:
            if d not in data.columns:
                who = next(n.code for n in framework.nodes if n.denominator == d)
                raise EngineError(f"node {who!r}: no data column for denominator {d!r}")
        if dens:
            dv = coerce_numeric(data, dens, unit_arr)
            for i, d in enumerate(dens):
                columns[d] = pd.Series(dv[:, i])
    imp = steps.get("impute")
    if isinstance(imp, ImputeParams) and imp.group:
        if imp.group not in data.columns:
            raise EngineError(f"step 'impute': no data column for group {imp.group!r}")
        columns[imp.group] = data[imp.group].reset_index(drop=True)
    return _Prepared(unit_arr, x, columns)


def run_pre_aggregate(
    framework: Framework,
    prep: _Prepared,
    steps: Sequence[StepParams],
    *,
    keep_stages: bool,
) -> _PreAggregate:
    """Apply the steps before aggregation in the user's order, on arrays."""
    tree = framework.tree
    codes = tree.indicators
    nodes = framework.node
    x = prep.x.copy()
    keep = np.ones(len(prep.units), dtype=bool)
    units = prep.units
    stages: list[tuple[str, np.ndarray, FloatArray]] = []
    log: list[StepLog] = []
    treatment: TreatmentReport | None = None
    imputed = pd.DataFrame(
        {"unit": pd.Series([], dtype=object), "indicator": [], "value": [], "method": []}
    )
    screened: tuple[str, ...] = ()
    for i, step in enumerate(steps, start=1):
        if isinstance(step, DenominateParams):
            den = np.ones_like(x)
            for j, code in enumerate(codes):
                d = nodes[code].denominator
                if d is not None and d in prep.columns:
                    den[:, j] = prep.columns[d].to_numpy(dtype=np.float64)[keep]
            with np.errstate(invalid="ignore", divide="ignore"):
                x = np.where(den == 0, np.nan, x / den)
            n_den = sum(1 for c in codes if nodes[c].denominator)
            summary = f"{n_den} indicators divided by their denominator"
        elif isinstance(step, ImputeParams):
            x, imputed = _impute(x, step, codes, units, prep, keep)
            summary = f"{len(imputed)} cells imputed ({step.method})"
        elif isinstance(step, ScreenParams):
            share = (~np.isnan(x)).mean(axis=1)
            ok = share >= step.min_availability - 1e-12
            screened = tuple(str(u) for u in units[~ok])
            idx = np.flatnonzero(keep)
            keep[idx[~ok]] = False
            x, units = x[ok], units[ok]
            if not len(units):
                raise EngineError("step 'screen': no unit has enough data")
            summary = f"{len(screened)} units removed: {', '.join(screened) or 'none'}"
        elif isinstance(step, TreatParams):
            x, treatment = _treat(x, step, codes, units)
            nt = int((treatment.summary["treatment"] != "none").sum())
            summary = f"{nt} indicators treated, {len(treatment.points)} points changed"
        elif isinstance(step, NormaliseParams):
            x = normalise_matrix(framework, x, step)
            summary = f"{step.method}"
        else:
            raise EngineError(f"step {step.step!r}: must be the last step")
        log.append(StepLog(i, step.step, step, summary))
        if keep_stages:
            stages.append((f"{i}-{step.step}", units, x.copy()))
    return _PreAggregate(units, x, tuple(stages), tuple(log), treatment, imputed, screened)


def normalise_matrix(framework: Framework, x: FloatArray, step: NormaliseParams) -> FloatArray:
    """Normalise with the nodes' directions and goalposts."""
    nodes = framework.node
    codes = framework.tree.indicators
    direction = np.array([nodes[c].direction for c in codes], dtype=np.float64)
    gps = [nodes[c].goalposts for c in codes]
    worst = np.array([g.worst if g else np.nan for g in gps])
    best = np.array([g.best if g else np.nan for g in gps])
    return normalise(x, step, direction, worst, best, codes)


def _impute(
    x: FloatArray,
    step: ImputeParams,
    codes: tuple[str, ...],
    units: np.ndarray,
    prep: _Prepared,
    keep: np.ndarray,
) -> tuple[FloatArray, pd.DataFrame]:
    """Fill missing cells by column mean/median or by the mean/median within a group.

    Cells that cannot be filled (the whole column or group is missing, or the unit has no
    group) stay missing. Every filled cell is reported.
    """
    cols = np.ones(len(codes), dtype=bool)
    if step.indicators is not None:
        cols = np.isin(np.asarray(codes), np.asarray(step.indicators))
    if step.method == "none":
        fill = np.full_like(x, np.nan)
    elif step.method in ("mean", "median"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-missing column: stays NaN
            stat = np.nanmean(x, axis=0) if step.method == "mean" else np.nanmedian(x, axis=0)
        fill = np.broadcast_to(stat, x.shape)
    else:
        assert step.group is not None
        group = prep.columns[step.group].to_numpy()[keep]
        frame = pd.DataFrame(x)
        how = "mean" if step.method == "group_mean" else "median"
        fill = frame.groupby(pd.Series(group), dropna=True).transform(how).to_numpy(np.float64)
        if fill.shape != x.shape:  # pragma: no cover - defensive
            raise EngineError("step 'impute': group column does not match the data")
    target = np.isnan(x) & cols[None, :] & ~np.isnan(fill)
    out = np.where(target, fill, x)
    r, c = np.nonzero(target)
    report = pd.DataFrame(
        {
            "unit": units[r],
            "indicator": np.asarray(codes, dtype=object)[c],
            "value": out[r, c],
            "method": step.method,
        }
    )
    return out, report


def _treat(
    x: FloatArray, step: TreatParams, codes: tuple[str, ...], units: np.ndarray
) -> tuple[FloatArray, TreatmentReport]:
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
    )
    win = (res.n_low + res.n_high) > 0
    kind = np.where(res.logged, "log", np.where(win, "winsorised", "none"))
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
        }
    )
    changed = (res.values != x) & ~(np.isnan(res.values) & np.isnan(x))
    r, c = np.nonzero(changed)
    side = np.where(res.values[r, c] < x[r, c], "winsorised_high", "winsorised_low")
    how = np.where(res.logged[c], "log", side)
    points = pd.DataFrame(
        {
            "unit": units[r],
            "indicator": np.asarray(codes, dtype=object)[c],
            "before": x[r, c],
            "after": res.values[r, c],
            "how": how,
        }
    )
    return res.values, TreatmentReport(summary, points)


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


def step_dicts(steps: Sequence[StepParams]) -> list[dict[str, object]]:
    """Plain forms of steps (for JSON logs)."""
    return [{s.step: step_to_dict(s)} for s in steps]


__all__ = [
    "IndexResult",
    "RunRecord",
    "StepLog",
    "TreatmentReport",
    "build",
    "change_steps",
    "data_hash",
]
