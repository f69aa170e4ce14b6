"""The coverage rule: an indicator few units of a group have is left out, never scored 0 for the
unit that has data; the report says which nodes were left out and why."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.engines.benchmark import EngineError, build
from urbanforum.engines.benchmark.coverage import apply_coverage, coverage, without
from urbanforum.engines.benchmark.framework import Framework

STEPS = [{"normalise": {"method": "minmax", "range": [0, 100]}}, {"aggregate": "arithmetic"}]


def framework() -> Framework:
    """Two pillars: p1 = a, b; p2 = c and the sparse s; governance g = only the sparse t."""
    return Framework.from_dict(
        {
            "name": "cov",
            "unit_column": "city",
            "nodes": [
                {"code": "a", "parent": "p1"},
                {"code": "b", "parent": "p1"},
                {"code": "c", "parent": "p2"},
                {"code": "s", "parent": "p2"},
                {"code": "t", "parent": "g"},
                {"code": "p1", "parent": "idx"},
                {"code": "p2", "parent": "idx"},
                {"code": "g", "parent": "idx"},
                {"code": "idx"},
            ],
            "steps": STEPS,
        }
    )


def table(n: int, seed: int, sparse: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame({"city": [f"u{i:02d}" for i in range(n)]})
    for code in ("a", "b", "c"):
        data[code] = rng.permutation(n).astype(float) + rng.random()
    for code in ("s", "t"):
        col = np.full(n, np.nan)
        who = rng.choice(n, size=sparse, replace=False)
        col[who] = rng.random(sparse) * 100
        data[code] = col
    return data


def test_report_names_what_is_left_out_and_why() -> None:
    data = table(10, 1, 4)  # 4 of 10 < half
    data.loc[:, "c"] = 7.0  # no spread
    report = coverage(framework(), data)
    assert report.needed == 5
    by_code = {r.code: r for r in report.indicators}
    assert (by_code["s"].with_data, by_code["s"].units, by_code["s"].reason) == (
        4,
        10,
        "too_few_units",
    )
    assert by_code["c"].reason == "no_spread" and by_code["a"].kept
    assert dict(report.left_out) == {
        "c": "no_spread",
        "s": "too_few_units",
        "t": "too_few_units",
        "g": "no_children",
        "p2": "no_children",
    }


def test_min_units_holds_in_small_groups() -> None:
    data = table(4, 2, 2)  # 2 of 4 is half, but fewer than three units
    assert coverage(framework(), data).needed == 3
    assert "s" in coverage(framework(), data).left_out_codes
    assert "s" not in coverage(framework(), data, min_units=2).left_out_codes


def test_bad_thresholds_and_an_empty_framework_are_refused() -> None:
    with pytest.raises(EngineError, match="min_share"):
        coverage(framework(), table(6, 1, 3), min_share=1.5)
    with pytest.raises(EngineError, match="no indicator"):
        without(framework(), ["idx"])


def test_without_the_rule_the_unit_with_data_is_scored_zero() -> None:
    """The reported bug, reproduced: the sparse governance indicator gives its lowest reporter
    0 on governance while the units without data are not scored on it at all."""
    data = table(12, 3, 4)
    result = build(framework(), data)
    reporters = data.loc[data["t"].notna(), "city"]
    worst = data.loc[data["t"].idxmin(), "city"]
    assert result.scores.loc[worst, "g"] == 0.0
    assert result.scores.loc[~result.scores.index.isin(reporters), "g"].isna().all()


@settings(max_examples=40, deadline=None)
@given(st.integers(6, 40), st.integers(0, 10_000), st.data())
def test_a_city_never_loses_score_for_an_indicator_only_few_have(
    n: int, seed: int, draw: st.DataObject
) -> None:
    """Adding indicators that fewer than the threshold of cities have changes no city's score."""
    needed = coverage(framework(), table(n, seed, 0)).needed
    sparse = draw.draw(st.integers(1, needed - 1))
    data = table(n, seed, sparse)
    fw, report = apply_coverage(framework(), data)
    assert {"s", "t", "g"} <= set(report.left_out_codes)
    with_sparse = build(fw, data).scores
    baseline = build(fw, data.drop(columns=["s", "t"])).scores
    pd.testing.assert_frame_equal(with_sparse, baseline)
    assert not with_sparse[["idx", "p1", "p2"]].isna().any().any()
