"""Uncertainty and sensitivity analysis by Monte Carlo over declared assumptions.

Assumptions (factors) are the node weights (each multiplied by an independent
U(1 − p, 1 + p) draw; the weights count as *one* factor for the sensitivity indices) and, for
each step named in the ``uncertainty`` block, a uniform draw among its alternatives.

Vectorised, not a Python loop per run: the steps before aggregation depend only on the
discrete choices, so each distinct combination is computed once (a handful), stacked, and
then every run is aggregated and ranked as array operations over a leading run axis
(processed in chunks of runs to bound memory).

Sensitivity uses Saltelli's design: matrices A and B (N rows each) and, for every factor k,
A with column k taken from B. First-order indices use Saltelli (2010),
S_k = mean(f(B)·(f(A_B^k) − f(A))) / V, total indices Jansen (1999),
ST_k = mean((f(A) − f(A_B^k))²) / (2V), with V the variance of f over A and B. That costs
N·(K + 2) evaluations; the rank statistics use the N runs of A.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from .build import RunRecord, build
from .framework import Framework
from .methods import FloatArray, aggregate_level, rank_min
from .pipeline import prepare, run_pre_aggregate
from .steps import (
    AggregateMethod,
    AggregateParams,
    EngineError,
    StepParams,
    UncertaintySpec,
    step_to_dict,
)

IntArray = npt.NDArray[np.int64]
CHUNK_CELLS = 4_000_000  # runs × units × nodes per aggregation chunk (32 MB per float array)


@dataclass(frozen=True)
class UncertaintyResult:
    """Rank intervals per unit and aggregate, and (optionally) Sobol indices.

    ``ranks``: unit, node, rank_nominal, rank_median, rank_p05, rank_p95.
    ``sensitivity``: unit, factor, first_order, total — for the rank of each unit on the
    root node (``None`` unless requested). ``root_ranks``: runs × units ranks on the root.
    """

    ranks: pd.DataFrame
    sensitivity: pd.DataFrame | None
    root_ranks: pd.DataFrame
    factors: tuple[str, ...]
    runs: int
    seed: int
    record: RunRecord


@dataclass(frozen=True)
class _Design:
    """Sampled inputs for a batch of evaluations (one row per evaluation)."""

    weight_factor: FloatArray  # rows × nodes
    choices: IntArray  # rows × discrete factors


def sobol_indices(
    y_a: FloatArray, y_b: FloatArray, y_ab: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """First-order (Saltelli 2010) and total (Jansen 1999) indices from a Saltelli design.

    ``y_a``, ``y_b``: N × outputs; ``y_ab``: factors × N × outputs (A with factor k from B).
    f(B) is centred on the sample mean first (same expectation, lower variance).
    Returns two factors × outputs arrays; outputs with zero variance give NaN.
    """
    both = np.concatenate([y_a, y_b], axis=0)
    var = np.var(both, axis=0, ddof=0)
    centre = both.mean(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        # centring f(B) leaves the expectation unchanged (E[f(A_B)−f(A)] = 0) but removes
        # the mean's contribution to the estimator's variance — ranks have a large mean
        first = np.mean((y_b - centre)[None] * (y_ab - y_a[None]), axis=1) / var
        total = 0.5 * np.mean((y_a[None] - y_ab) ** 2, axis=1) / var
    bad = ~(var > 0)
    first[:, bad] = np.nan
    total[:, bad] = np.nan
    return first, total


def saltelli_rows(n: int, k: int) -> tuple[IntArray, IntArray]:
    """Row plan of a Saltelli design: for each evaluation, (source row of A or B, mask).

    Returns ``src`` (evaluations × factors: 0 = take from A, 1 = take from B) in the
    order A, B, A_B^1 … A_B^k, and ``row`` (the sample index 0..n-1 of each evaluation).
    """
    blocks = [np.zeros((n, k), dtype=np.int64), np.ones((n, k), dtype=np.int64)]
    for j in range(k):
        m = np.zeros((n, k), dtype=np.int64)
        m[:, j] = 1
        blocks.append(m)
    return np.concatenate(blocks), np.tile(np.arange(n, dtype=np.int64), k + 2)


def sobol_from_model(
    model: Callable[[FloatArray], FloatArray],
    sampler: Callable[[np.random.Generator, int], FloatArray],
    n: int,
    seed: int,
) -> tuple[FloatArray, FloatArray]:
    """Sobol indices of a vectorised ``model`` (rows × factors → rows × outputs).

    The generic form used by tests on toy models with known indices; the index engine uses
    the same estimator with factor groups.
    """
    rng = np.random.default_rng(seed)
    a, b = sampler(rng, n), sampler(rng, n)
    k = a.shape[1]
    src, row = saltelli_rows(n, k)
    x = np.where(src == 1, b[row], a[row])
    y = model(x)
    y = y.reshape(k + 2, n, -1)
    return sobol_indices(y[0], y[1], y[2:])


def uncertainty(
    framework: Framework,
    data: pd.DataFrame,
    runs: int = 1000,
    seed: int = 1,
    spec: UncertaintySpec | None = None,
    *,
    sensitivity: bool = False,
    chunk: int = 256,
) -> UncertaintyResult:
    """Monte Carlo over the declared assumptions; rank intervals and Sobol indices.

    Geometric/harmonic aggregation needs positive values. Rather than silently shifting
    data (which would change the method), a combination of a normalisation alternative that
    yields values <= 0 (e.g. z-scores, min-max to [0, 100]) with a geometric/harmonic
    alternative is refused before any run, naming both choices and the first offending cell.
    """
    spec = spec or framework.uncertainty
    if spec is None:
        raise EngineError("uncertainty: the framework declares no 'uncertainty' block")
    if runs < 2:
        raise EngineError("uncertainty: runs must be at least 2")
    # the table is converted to numbers once; the nominal build and every combination
    # of alternatives start from this one Prepared (never modified)
    alternatives = [alt for _, alts in spec.alternatives for alt in alts]
    prep = prepare(framework, data, alternatives)
    nominal = build(framework, data, stages=False, prepared=prep)
    tree = framework.tree
    aggs = list(tree.aggregates)
    n_units = len(prep.units)
    discrete = [name for name, _ in spec.alternatives]
    choices = dict(spec.alternatives)
    pre_names = [n for n in discrete if n != "aggregate"]
    factors = (["weights"] if spec.weights_perturb > 0 else []) + discrete
    if not factors:
        raise EngineError("uncertainty: no assumption declared to vary")

    rng = np.random.default_rng(seed)
    codes = list(tree.indicators) + aggs
    n_nodes = len(codes)

    def sample(n: int) -> _Design:
        p = spec.weights_perturb
        wf = rng.uniform(1 - p, 1 + p, size=(n, n_nodes)) if p > 0 else np.ones((n, n_nodes))
        ch = (
            np.stack([rng.integers(0, len(choices[d]), size=n) for d in discrete], axis=1)
            if discrete
            else np.zeros((n, 0), dtype=np.int64)
        )
        return _Design(wf, ch.astype(np.int64))

    a = sample(runs)
    if sensitivity:
        b = sample(runs)
        src, row = saltelli_rows(runs, len(factors))
        fi = {f: i for i, f in enumerate(factors)}
        w_src = src[:, fi["weights"]] if "weights" in fi else np.zeros(len(row), dtype=np.int64)
        wf = np.where(w_src[:, None] == 1, b.weight_factor[row], a.weight_factor[row])
        ch = np.empty((len(row), len(discrete)), dtype=np.int64)
        for j, d in enumerate(discrete):
            ch[:, j] = np.where(src[:, fi[d]] == 1, b.choices[row, j], a.choices[row, j])
        design = _Design(wf, ch)
    else:
        design = a

    # -- distinct pre-aggregation combinations, each computed once ----------------------
    pre_cols = [discrete.index(n) for n in pre_names]
    keys = design.choices[:, pre_cols] if pre_cols else np.zeros((len(design.choices), 0), int)
    uniq, combo_of_row = np.unique(keys, axis=0, return_inverse=True)
    combo_of_row = combo_of_row.reshape(-1)
    stack = np.full((len(uniq), n_units, len(tree.indicators)), np.nan)
    combo_labels: list[str] = []
    for c, key in enumerate(uniq):
        steps: list[StepParams] = []
        label: list[str] = []
        for s in framework.steps[:-1]:
            if s.step in pre_names:
                alt = choices[s.step][int(key[pre_names.index(s.step)])]
                label.append(f"{s.step}={_describe(alt)}")
                if alt is not None:
                    steps.append(alt)
            else:
                steps.append(s)
        fw_c = framework.with_steps([*steps, framework.steps[-1]])
        pre = run_pre_aggregate(fw_c, prep, steps, keep_stages=False)
        pos = pd.Index(prep.units).get_indexer(pre.units)
        stack[c, pos] = pre.x
        combo_labels.append(", ".join(label) or "nominal")

    base_agg = framework.steps[-1]
    assert isinstance(base_agg, AggregateParams)
    agg_choices: Sequence[StepParams | None] = choices.get("aggregate", (base_agg,))
    agg_col = discrete.index("aggregate") if "aggregate" in discrete else None
    agg_of_row = (
        design.choices[:, agg_col] if agg_col is not None else np.zeros(len(combo_of_row), int)
    )
    base_w = np.array([framework.node[c].weight for c in codes], dtype=np.float64)
    ind_w = base_w[: len(tree.indicators)]
    for ai, alt in enumerate(agg_choices):
        assert isinstance(alt, AggregateParams)
        if alt.method == "arithmetic":
            continue
        for c in np.unique(combo_of_row[agg_of_row == ai]):
            x = stack[c]
            with np.errstate(invalid="ignore"):
                bad = (x <= 0) & (ind_w > 0)
            if bad.any():
                u, j = np.argwhere(bad)[0]
                raise EngineError(
                    f"uncertainty: {alt.method} aggregation needs positive values, but with "
                    f"{combo_labels[c]} indicator {tree.indicators[j]!r} of unit "
                    f"{prep.units[u]!r} is {x[u, j]:g}; use a normalisation to a positive "
                    f"range (e.g. minmax [1, 100], or zscore with a mean well above 0)"
                )

    # -- all runs: aggregate and rank as batched array operations ------------------------
    n_rows = len(combo_of_row)
    ranks = np.empty((n_rows, len(aggs), n_units))
    weights = base_w[None, :] * design.weight_factor
    # a chunk's runs × units × nodes arrays (and the aggregation's few temporaries of that
    # size) stay near CHUNK_CELLS cells whatever the number of units
    chunk = max(1, min(chunk, CHUNK_CELLS // max(1, n_units * n_nodes)))
    for start in range(0, n_rows, chunk):
        sl = slice(start, min(start + chunk, n_rows))
        values = np.empty((sl.stop - sl.start, n_units, len(aggs)))
        rows_agg = agg_of_row[sl]
        for ai, alt in enumerate(agg_choices):
            sel = np.flatnonzero(rows_agg == ai)
            if not len(sel):
                continue
            assert isinstance(alt, AggregateParams)
            x = stack[combo_of_row[sl][sel]]
            values[sel] = aggregate_batch(framework, x, weights[sl][sel], alt)
        ranks[sl] = rank_min(np.swapaxes(values, 1, 2), descending=True)

    ra = ranks[:runs]  # the A sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a unit screened out in every run
        q = np.nanpercentile(ra, [50, 5, 95], axis=0)  # 3 × aggs × units
    nominal_ranks = nominal.ranks.reindex(pd.Index(prep.units)).loc[:, aggs].to_numpy().T
    order = aggs[::-1]  # root first, as in results.csv
    idx = [aggs.index(a_) for a_ in order]
    table = pd.DataFrame(  # unit-major, in input order; root first within a unit
        {
            "unit": np.repeat(prep.units, len(order)),
            "node": np.tile(np.asarray(order, dtype=object), n_units),
            "rank_nominal": nominal_ranks[idx].T.ravel(),
            "rank_median": q[0][idx].T.ravel(),
            "rank_p05": q[1][idx].T.ravel(),
            "rank_p95": q[2][idx].T.ravel(),
        }
    )
    table["rank_nominal"] = table["rank_nominal"].astype("Int64")
    root = aggs.index(tree.root)
    root_ranks = pd.DataFrame(ra[:, root, :], columns=pd.Index(prep.units, name="unit"))
    sens = None
    if sensitivity:
        y = ranks[:, root, :].reshape(len(factors) + 2, runs, n_units)
        first, total = sobol_indices(y[0], y[1], y[2:])
        sens = pd.DataFrame(
            {
                "unit": np.tile(prep.units, len(factors)),
                "factor": np.repeat(np.asarray(factors, dtype=object), n_units),
                "first_order": first.ravel(),
                "total": total.ravel(),
            }
        )
    record = RunRecord(
        {
            **framework.to_dict(),
            "uncertainty": {
                "weights_perturb": spec.weights_perturb,
                "alternatives": {
                    n: [None if c is None else step_to_dict(c) for c in cs]
                    for n, cs in spec.alternatives
                },
                "runs": runs,
                "seed": seed,
                "sensitivity": sensitivity,
            },
        },
        nominal.record.data_hash,
        nominal.record.version,
    )
    return UncertaintyResult(table, sens, root_ranks, tuple(factors), runs, seed, record)


def _describe(step: StepParams | None) -> str:
    if step is None:
        return "off"
    d = step_to_dict(step)
    return str(d.get("method", d))


def aggregate_batch(
    framework: Framework, x: FloatArray, weights: FloatArray, step: AggregateParams
) -> FloatArray:
    """Aggregate a batch: runs × units × indicators → runs × units × aggregates.

    ``weights`` is runs × (indicators + aggregates), one weight vector per run.
    """
    tree = framework.tree
    codes = list(tree.indicators) + list(tree.aggregates)
    col = {c: i for i, c in enumerate(codes)}
    n_ind = len(tree.indicators)
    values = np.empty((x.shape[0], x.shape[1], len(codes)))
    values[..., :n_ind] = x
    method: AggregateMethod = step.method
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
        out = aggregate_level(
            values[..., kid_idx],
            weights[:, kid_idx],
            member,
            method,
            propagate=step.missing == "propagate",
            min_share=step.min_share,
        )
        values[..., [col[p] for p in parents]] = out
    return values[..., n_ind:]


__all__ = [
    "UncertaintyResult",
    "aggregate_batch",
    "saltelli_rows",
    "sobol_from_model",
    "sobol_indices",
    "uncertainty",
]
