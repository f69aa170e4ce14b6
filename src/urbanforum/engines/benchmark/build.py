"""Build an index: run the framework's steps on a unit × column table and keep every stage.

COINr-style, one :class:`IndexResult` holds every stage, the log of each step's arguments,
the treatment and imputation reports and a record (framework, data hash, package version)
so that a result says how it was made and :meth:`IndexResult.regenerate` can re-run it with
changed parameters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from urbanforum import __version__

from .framework import Framework
from .methods import rank_columns
from .pipeline import (
    PreAggregate,
    Prepared,
    StepLog,
    TreatmentReport,
    aggregate_tree,
    normalise_matrix,
    prepare,
    run_pre_aggregate,
    tree_parent,
)
from .steps import STEP_ORDER, AggregateParams, EngineError, change_steps, step_dicts


@dataclass(frozen=True)
class RunRecord:
    """What is needed to reproduce a result: framework, data hash and package version."""

    framework: Mapping[str, object]
    data_hash: str
    version: str


@dataclass(frozen=True)
class IndexResult:
    """Every stage of a build, or (``detailed`` false) its results and a summary.

    ``stages`` maps "<n>-<step>" to the unit × indicator table after that step (the aggregate
    stage also holds the aggregates); ``scores``/``ranks`` are unit × node (indicators hold
    their normalised value); ranks are by descending score with ties at the lowest rank.
    ``summary`` (always kept) counts per indicator what the steps did: indicator, missing
    (cells missing in the input, over all units), imputed, treatment, points_changed,
    missing_after (after the last step before aggregation, over the units kept).
    A build with ``stages=False`` keeps no stages (``stages`` is empty) and no cell-by-cell
    reports (``imputed_cells`` and ``treatment_report.points`` are empty tables; the
    treatment summary per indicator is kept, with a ``points_changed`` column).
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
    summary: pd.DataFrame
    detailed: bool = True

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
        return build(fw, self.data if data is None else data, stages=self.detailed)


def data_hash(data: pd.DataFrame) -> str:
    """SHA-256 of the table's column names and cell values (row order matters)."""
    h = hashlib.sha256()
    h.update("\x1f".join(map(str, data.columns)).encode())
    h.update(pd.util.hash_pandas_object(data, index=False).to_numpy().tobytes())
    return h.hexdigest()


# --------------------------------------------------------------------------------------
def build(
    framework: Framework,
    data: pd.DataFrame,
    *,
    stages: bool = True,
    prepared: Prepared | None = None,
) -> IndexResult:
    """Run every step of ``framework`` on ``data`` (one row per unit).

    ``data`` holds the ``unit_column`` (or has it as the index name), one column per
    indicator and any data columns (denominators, groups); other columns are ignored.
    ``stages`` keeps every stage and the cell-by-cell reports (see :class:`IndexResult`);
    without it the build keeps its results and a summary, in far less memory.
    ``prepared`` is ``prepare(framework, data, …)`` done once by a caller that builds
    several times from the same table (it is not modified); otherwise it is done here.
    """
    own = prepared is None
    prep = prepare(framework, data) if prepared is None else prepared
    missing_in = np.isnan(prep.x).sum(axis=0)
    pre = run_pre_aggregate(framework, prep, framework.steps[:-1], keep_stages=stages, consume=own)
    agg = framework.steps[-1]
    assert isinstance(agg, AggregateParams)
    tree = framework.tree
    summary = _summary(tree.indicators, missing_in, pre)
    values = aggregate_tree(framework, pre.x, agg, pre.units)
    codes = list(tree.indicators) + list(tree.aggregates)
    index = pd.Index(pre.units, name=framework.unit_column)
    scores = pd.DataFrame(values, index=index, columns=codes, copy=False)
    ranks = pd.DataFrame(
        rank_columns(values, descending=True), index=index, columns=codes, copy=False
    )
    kept: dict[str, pd.DataFrame] = {}
    for name, units, x in pre.stages:
        kept[name] = pd.DataFrame(
            x,
            index=pd.Index(units, name=framework.unit_column),
            columns=list(tree.indicators),
            copy=False,
        )
    n = len(pre.log) + 1
    if stages:
        kept[f"{n}-aggregate"] = scores
    log = (
        *pre.log,
        StepLog(n, "aggregate", agg, f"{agg.method} mean over {len(tree.aggregates)} aggregates"),
    )
    src = data if framework.unit_column in data.columns else data.reset_index()
    return IndexResult(
        framework=framework,
        data=data,
        stages=kept,
        scores=scores,
        ranks=ranks,
        log=log,
        treatment_report=pre.treatment,
        imputed_cells=pre.imputed,
        screened_out=pre.screened_out,
        record=RunRecord(framework.to_dict(), data_hash(src), __version__),
        summary=summary,
        detailed=stages,
    )


def _summary(codes: tuple[str, ...], missing_in: np.ndarray, pre: PreAggregate) -> pd.DataFrame:
    """Per indicator: missing in the input, imputed, treatment, points changed, missing after."""
    treatment = np.full(len(codes), "none", dtype=object)
    points = np.zeros(len(codes), dtype=np.int64)
    if pre.treatment is not None:
        treatment = pre.treatment.summary["treatment"].to_numpy(dtype=object)
        if "points_changed" in pre.treatment.summary.columns:
            points = pre.treatment.summary["points_changed"].to_numpy(dtype=np.int64)
        else:
            counts = pre.treatment.points["indicator"].value_counts()
            points = counts.reindex(list(codes), fill_value=0).to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "indicator": list(codes),
            "missing": missing_in.astype(np.int64),
            "imputed": pre.imputed_counts,
            "treatment": treatment,
            "points_changed": points,
            "missing_after": np.isnan(pre.x).sum(axis=0).astype(np.int64),
        }
    )


__all__ = [
    "STEP_ORDER",
    "IndexResult",
    "PreAggregate",
    "Prepared",
    "RunRecord",
    "StepLog",
    "TreatmentReport",
    "aggregate_tree",
    "build",
    "change_steps",
    "data_hash",
    "normalise_matrix",
    "prepare",
    "run_pre_aggregate",
    "step_dicts",
    "tree_parent",
]
