"""Checks against COINr's own numbers on the ASEM example (reference data read at run time).

The demo workbook was produced by an older COINr build; where its methods coincide with
ours (outlier rule, min-max to [1, 100], arithmetic/geometric means) the numbers must agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from urbanforum.engines.benchmark import Framework, build
from urbanforum.engines.benchmark.analysis import analyse
from urbanforum.engines.benchmark.build import aggregate_tree, normalise_matrix
from urbanforum.engines.benchmark.framework import AggregateParams, NormaliseParams
from urbanforum.engines.benchmark.methods import treat_outliers
from urbanforum.engines.benchmark.uncertainty import uncertainty

Asem = tuple[dict[str, object], pd.DataFrame]


def _sheet(path: str, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name)


def test_outlier_rule_matches_coinr_workbook(coinr_workbook: str) -> None:
    imputed = _sheet(coinr_workbook, "DataImputed")
    treated = _sheet(coinr_workbook, "DataTreated")
    summary = _sheet(coinr_workbook, "TreatedTreatSummary")
    codes = list(summary["IndCode"])
    res = treat_outliers(imputed[codes].to_numpy(float), max_points=5)
    np.testing.assert_allclose(res.values, treated[codes].to_numpy(float), rtol=0, atol=1e-9)
    assert res.n_low.tolist() == summary["Low"].tolist()
    assert res.n_high.tolist() == summary["High"].tolist()
    assert int((res.n_low + res.n_high > 0).sum()) == int(summary["Treatment"].notna().sum())


def test_minmax_and_aggregation_match_coinr_workbook(coinr_workbook: str, asem: Asem) -> None:
    fw = Framework.from_dict(asem[0])
    inds = list(fw.tree.indicators)
    treated = _sheet(coinr_workbook, "DataTreated")
    normalised = _sheet(coinr_workbook, "DataNormalised")
    aggregated = _sheet(coinr_workbook, "DataAggregated")
    norm = normalise_matrix(fw, treated[inds].to_numpy(float), NormaliseParams("minmax", (1, 100)))
    np.testing.assert_allclose(norm, normalised[inds].to_numpy(float), atol=1e-9)
    units = normalised["UnitCode"].to_numpy()
    values = aggregate_tree(fw, norm, AggregateParams("arithmetic"), units)
    codes = inds + list(fw.tree.aggregates)
    for node in fw.tree.aggregates:
        if node == "Index":
            continue  # the demo used a geometric mean at the top level
        got = values[:, codes.index(node)]
        np.testing.assert_allclose(got, aggregated[node].to_numpy(float), atol=1e-9, err_msg=node)
    geo = aggregate_tree(fw, norm, AggregateParams("geometric"), units)
    # the demo's Index = geometric mean of its arithmetic Conn and Sust
    top = np.sqrt(aggregated["Conn"].to_numpy(float) * aggregated["Sust"].to_numpy(float))
    np.testing.assert_allclose(aggregated["Index"].to_numpy(float), top, atol=1e-9)
    assert geo.shape == values.shape


def test_full_asem_build_analysis_and_uncertainty(asem: Asem) -> None:
    fw = Framework.from_dict(asem[0])
    res = build(fw, asem[1])
    assert res.scores.shape == (51, 49 + 11)
    assert sorted(res.ranks["Index"].astype(int)) == list(range(1, 52))
    assert res.treatment_report is not None and len(res.treatment_report.points) > 0
    assert not res.scores.isna().any().any()  # group-mean imputation filled every gap
    rep = analyse(res)
    assert rep.cronbach_alpha.index.tolist() == list(fw.tree.aggregates)
    assert rep.pca["indicators"].sum() == pytest.approx(1.0)
    unc = uncertainty(fw, asem[1], runs=200, seed=3)
    assert len(unc.ranks) == 51 * 11
    assert (unc.ranks["rank_p05"] <= unc.ranks["rank_median"]).all()
    assert (unc.ranks["rank_median"] <= unc.ranks["rank_p95"]).all()
