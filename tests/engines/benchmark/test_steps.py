"""Each build step against hand-computed values."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from tests.engines.benchmark.engine_toys import toy_framework
from urbanforum import __version__
from urbanforum.engines.benchmark import EngineError, Framework, build
from urbanforum.engines.benchmark.framework import NormaliseParams
from urbanforum.engines.benchmark.methods import (
    aggregate_level,
    normalise,
    rank_min,
    skew_kurt,
    treat_outliers,
)

NAN = float("nan")


def _frame(**cols: list[object]) -> pd.DataFrame:
    return pd.DataFrame(cols)


# ---------------------------------------------------------------- denominate
def test_denominate_divides_and_missing_or_zero_denominator_gives_missing() -> None:
    fw = Framework.from_dict(
        {
            "unit_column": "city",
            "nodes": [
                {"code": "gdp", "parent": "r", "denominator": "pop"},
                {"code": "x", "parent": "r"},
                {"code": "r"},
            ],
            "steps": [{"denominate": {}}, {"normalise": {"method": "none"}}],
        }
    )
    data = _frame(
        city=["A", "B", "C", "D"],
        gdp=[100.0, 300, 50, 10],
        pop=[10.0, 20, None, 0],
        x=[1.0, 2, 3, 4],
    )
    res = build(fw, data)
    stage = res.stages["1-denominate"]
    assert stage["gdp"].tolist()[:2] == [10.0, 15.0]
    assert math.isnan(stage.loc["C", "gdp"]) and math.isnan(stage.loc["D", "gdp"])
    assert stage["x"].tolist() == [1.0, 2, 3, 4]  # no denominator: unchanged


def test_denominator_column_must_exist() -> None:
    fw = Framework.from_dict(
        {
            "unit_column": "city",
            "nodes": [{"code": "gdp", "parent": "r", "denominator": "pop"}, {"code": "r"}],
            "steps": [{"denominate": {}}],
        }
    )
    with pytest.raises(EngineError, match="node 'gdp': no data column for denominator 'pop'"):
        build(fw, _frame(city=["A", "B"], gdp=[1.0, 2.0]))


# ---------------------------------------------------------------- impute
IMPUTE_DATA = _frame(
    city=["A", "B", "C", "D", "E"],
    region=["n", "n", "s", "s", "s"],
    a=[1.0, NAN, 10.0, 20.0, NAN],
    b=[2.0, 4.0, NAN, 6.0, 9.0],
    c=[1.0, 2.0, 3.0, 4.0, 5.0],
)


@pytest.mark.parametrize(
    ("params", "a_expected", "b_expected"),
    [
        ({"method": "mean"}, [1, 31 / 3, 10, 20, 31 / 3], [2, 4, 21 / 4, 6, 9]),
        ({"method": "median"}, [1, 10, 10, 20, 10], [2, 4, 5, 6, 9]),
        ({"method": "group_mean", "group": "region"}, [1, 1, 10, 20, 15], [2, 4, 7.5, 6, 9]),
        ({"method": "group_median", "group": "region"}, [1, 1, 10, 20, 15], [2, 4, 7.5, 6, 9]),
        ({"method": "mean", "indicators": ["b"]}, [1, NAN, 10, 20, NAN], [2, 4, 21 / 4, 6, 9]),
        ({"method": "none"}, [1, NAN, 10, 20, NAN], [2, 4, NAN, 6, 9]),
    ],
)
def test_impute_methods(
    params: dict[str, object], a_expected: list[float], b_expected: list[float]
) -> None:
    fw = toy_framework([{"impute": params}, {"normalise": {"method": "none"}}])
    res = build(fw, IMPUTE_DATA)
    stage = res.stages["1-impute"]
    np.testing.assert_allclose(stage["a"], a_expected)
    np.testing.assert_allclose(stage["b"], b_expected)
    # every imputed cell is reported with its value
    n_missing_before = int(IMPUTE_DATA[["a", "b"]].isna().sum().sum())
    n_missing_after = int(stage[["a", "b"]].isna().sum().sum())
    assert len(res.imputed_cells) == n_missing_before - n_missing_after
    for row in res.imputed_cells.itertuples():
        assert stage.loc[row.unit, row.indicator] == pytest.approx(row.value)


def test_group_median_differs_from_group_mean() -> None:
    data = _frame(
        city=list("ABCD"), g=["x"] * 4, a=[1.0, 2.0, 9.0, NAN], b=[1.0, 2, 3, 4], c=[1.0, 2, 3, 4]
    )
    fw = toy_framework(
        [{"impute": {"method": "group_median", "group": "g"}}, {"normalise": {"method": "none"}}]
    )
    assert build(fw, data).stages["1-impute"].loc["D", "a"] == 2.0
    fw = toy_framework(
        [{"impute": {"method": "group_mean", "group": "g"}}, {"normalise": {"method": "none"}}]
    )
    assert build(fw, data).stages["1-impute"].loc["D", "a"] == 4.0


def test_impute_after_normalise_acts_on_normalised_values() -> None:
    fw = toy_framework([{"normalise": {}}, {"impute": {"method": "mean"}}])
    stage = build(fw, IMPUTE_DATA).stages["2-impute"]
    # a normalised: 1 -> 0, 10 -> 100*9/19, 20 -> 100; B gets their mean
    assert stage.loc["B", "a"] == pytest.approx((0 + 900 / 19 + 100) / 3)


# ---------------------------------------------------------------- screen
def test_screen_removes_units_below_availability() -> None:
    data = _frame(city=list("ABCD"), a=[1.0, NAN, NAN, 4], b=[1.0, NAN, 3, 4], c=[1.0, 2, 3, NAN])
    fw = toy_framework([{"screen": {"min_availability": 0.6}}, {"normalise": {"method": "none"}}])
    res = build(fw, data)
    assert res.screened_out == ("B",)  # B has 1/3 present; C and D have 2/3
    assert list(res.scores.index) == ["A", "C", "D"]
    assert "1 units removed: B" in res.log[0].summary


# ---------------------------------------------------------------- treat
def _excel_skew(x: list[float]) -> float:
    n, m, s = len(x), statistics.fmean(x), statistics.stdev(x)
    return n / ((n - 1) * (n - 2)) * sum(((v - m) / s) ** 3 for v in x)


def _excel_kurt(x: list[float]) -> float:
    n, m, s = len(x), statistics.fmean(x), statistics.stdev(x)
    a = n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * sum(((v - m) / s) ** 4 for v in x)
    return a - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))


def test_skew_kurt_match_excel_formulas_and_ignore_missing() -> None:
    x = [1.0, 2, 3, 4, 10, 2.5]
    sk, ku = skew_kurt(np.array([[*x, NAN]]).T.reshape(-1, 1))
    assert sk[0] == pytest.approx(_excel_skew(x))
    assert ku[0] == pytest.approx(_excel_kurt(x))


def test_winsorise_one_point() -> None:
    x = np.r_[np.arange(1.0, 21), 1000.0][:, None]
    res = treat_outliers(x)
    assert res.values[-1, 0] == 20.0 and res.n_high[0] == 1 and not res.logged[0]
    np.testing.assert_array_equal(res.values[:-1, 0], np.arange(1.0, 21))


def test_winsorise_ties_move_together_and_are_counted_together() -> None:
    x = np.r_[np.arange(1.0, 21), 500.0, 500.0][:, None]
    res = treat_outliers(x)
    assert res.values[-2:, 0].tolist() == [20.0, 20.0] and res.n_high[0] == 2


def test_winsorise_count_includes_points_moved_earlier() -> None:
    # step 1: 600 -> 300 (1 point); still fails; step 2: both at 300 -> 20 (2 points)
    x = np.r_[np.arange(1.0, 21), 300.0, 600.0][:, None]
    res = treat_outliers(x)
    assert res.values[-2:, 0].tolist() == [20.0, 20.0] and res.n_high[0] == 2


def test_winsorise_low_side_for_negative_skew() -> None:
    x = -np.r_[np.arange(1.0, 21), 1000.0][:, None]
    res = treat_outliers(x)
    assert res.values[-1, 0] == -20.0 and res.n_low[0] == 1 and res.n_high[0] == 0


def test_log_fallback_on_original_values_when_max_points_reached() -> None:
    orig = np.r_[np.arange(1.0, 21), 500.0, 1000.0]
    res = treat_outliers(orig[:, None], max_points=1)
    assert res.logged[0]
    np.testing.assert_allclose(res.values[:, 0], np.log(orig - 1 + 0.01 * 999))


def test_passing_columns_untouched_and_thresholds_configurable() -> None:
    x = np.r_[np.arange(1.0, 21), 1000.0][:, None]
    res = treat_outliers(x, skew_max=50)  # no column can fail |skew| >= 50
    np.testing.assert_array_equal(res.values, x)
    assert res.n_high[0] == 0


def test_treat_step_reports_every_changed_point() -> None:
    data = _frame(
        city=[f"u{i}" for i in range(22)],
        a=[*range(1, 21), 300.0, 600.0],
        b=list(np.linspace(0, 1, 22)),
        c=list(np.linspace(0, 1, 22)),
    )
    res = build(toy_framework([{"treat": {}}]), data)
    rep = res.treatment_report
    assert rep is not None
    row = rep.summary.set_index("indicator").loc["a"]
    assert (row.treatment, row.winsorised_high, row.winsorised_low) == ("winsorised", 2, 0)
    assert rep.summary.set_index("indicator").loc["b", "treatment"] == "none"
    pts = rep.points.sort_values("unit").reset_index(drop=True)
    assert pts[["unit", "indicator", "before", "after", "how"]].values.tolist() == [
        ["u20", "a", 300.0, 20.0, "winsorised_high"],
        ["u21", "a", 600.0, 20.0, "winsorised_high"],
    ]


# ---------------------------------------------------------------- normalise
def _norm(method: str, col: Sequence[float], direction: float = 1.0, **kw: object) -> list[float]:
    x = np.array(col, dtype=float)[:, None]
    gp = kw.pop("goalposts", (NAN, NAN))
    params = NormaliseParams(method, **kw)  # type: ignore[arg-type]
    out = normalise(x, params, np.array([direction]), np.array([gp[0]]), np.array([gp[1]]), ("x",))  # type: ignore[index]
    return out[:, 0].tolist()


def test_minmax() -> None:
    assert _norm("minmax", [2, 4, 6]) == [0, 50, 100]
    assert _norm("minmax", [2, 4, 6], direction=-1) == [100, 50, 0]
    assert _norm("minmax", [2, 4, 6], range=(1.0, 11.0)) == [1, 6, 11]
    out = _norm("minmax", [2, NAN, 6])
    assert out[0] == 0 and math.isnan(out[1]) and out[2] == 100


def test_zscore_uses_sample_sd_and_target_mean_sd() -> None:
    assert _norm("zscore", [2, 4, 6]) == [-1, 0, 1]  # mean 4, sample sd 2
    assert _norm("zscore", [2, 4, 6], mean=10.0, sd=2.0) == [8, 10, 12]
    assert _norm("zscore", [2, 4, 6], direction=-1) == [1, 0, -1]


def test_goalposts_direction_in_worst_best_and_clip() -> None:
    col = [5, 20, 35, 50]
    assert _norm("goalposts", col, goalposts=(35.0, 5.0)) == [100, 50, 0, 0]
    assert _norm("goalposts", col, goalposts=(35.0, 5.0), clip=False) == [100, 50, 0, -50]
    # direction is ignored for goalposts: worst/best already carry it
    assert _norm("goalposts", col, direction=-1, goalposts=(35.0, 5.0)) == [100, 50, 0, 0]


def test_goalposts_need_goalposts_on_every_indicator() -> None:
    with pytest.raises(EngineError, match="node 'a': goalposts normalisation needs goalposts"):
        build(
            toy_framework([{"normalise": {"method": "goalposts"}}]),
            _frame(city=["A", "B"], a=[1.0, 2], b=[1.0, 2], c=[1.0, 2]),
        )


def test_rank_percentile_borda_with_ties_at_lowest() -> None:
    col = [3, 1, 3, 2]
    assert _norm("rank", col) == [3, 1, 3, 2]
    assert _norm("percentile_rank", col) == pytest.approx([2 / 3, 0, 2 / 3, 1 / 3])
    assert _norm("borda", col) == [2, 0, 2, 1]
    assert _norm("rank", col, direction=-1) == [1, 4, 1, 3]
    out = _norm("percentile_rank", [3, NAN, 1])
    assert out[0] == 1 and math.isnan(out[1]) and out[2] == 0


def test_none_leaves_values() -> None:
    assert _norm("none", [3, 1, 2], direction=-1) == [3, 1, 2]


def test_constant_column_is_refused_naming_it() -> None:
    with pytest.raises(EngineError, match="indicator 'x': constant"):
        _norm("minmax", [2, 2, 2])


# ---------------------------------------------------------------- aggregate
KIDS = np.array([[50.0, 100.0], [20.0, NAN]])  # units × children (weights 1 and 3)
W = np.array([1.0, 3.0])
M = np.ones((2, 1))


def _agg(method: str, x: np.ndarray = KIDS, w: np.ndarray = W, **kw: object) -> list[float]:
    return aggregate_level(x[None], w[None], M, method, **kw)[0, :, 0].tolist()  # type: ignore[arg-type]


def test_arithmetic_skip_renormalises_weights() -> None:
    assert _agg("arithmetic") == [87.5, 20.0]


def test_geometric_and_harmonic() -> None:
    geo = _agg("geometric")
    assert geo[0] == pytest.approx(50**0.25 * 100**0.75) and geo[1] == pytest.approx(20.0)
    har = _agg("harmonic")
    assert har[0] == pytest.approx(1 / (0.25 / 50 + 0.75 / 100)) and har[0] == pytest.approx(80.0)


def test_propagate_and_min_share() -> None:
    out = _agg("arithmetic", propagate=True)
    assert out[0] == 87.5 and math.isnan(out[1])
    out = _agg("arithmetic", min_share=0.75)
    assert out[0] == 87.5 and math.isnan(out[1])
    assert _agg("arithmetic", min_share=0.5) == [87.5, 20.0]


def test_weight_zero_excludes_child_even_when_missing() -> None:
    assert _agg("arithmetic", w=np.array([1.0, 0.0])) == [50.0, 20.0]
    assert _agg("arithmetic", w=np.array([1.0, 0.0]), propagate=True) == [50.0, 20.0]


def test_all_children_missing_gives_missing() -> None:
    out = _agg("arithmetic", x=np.array([[NAN, NAN]]))
    assert math.isnan(out[0])


def test_geometric_refuses_non_positive_naming_node_and_unit() -> None:
    fw = toy_framework([{"aggregate": {"method": "geometric"}}])  # min-max 0-100 gives a 0
    data = _frame(city=list("ABC"), a=[1.0, 2, 3], b=[1.0, 2, 4], c=[1.0, 5, 3])
    with pytest.raises(
        EngineError,
        match=r"node 'p1': geometric mean needs positive values, but child 'a' of unit 'A' is 0",
    ):
        build(fw, data)


# ---------------------------------------------------------------- build, ranks, contributions
TOY = _frame(
    city=["A", "B", "C"],
    a=[0.0, 5.0, 10.0],
    b=[10.0, 0.0, 5.0],
    c=[1.0, 3.0, 2.0],
    extra=["x", "y", "z"],
)


def test_build_scores_and_ranks_by_hand() -> None:
    res = build(toy_framework(), TOY)
    s = res.scores
    # a: 0, 50, 100; b: 100, 0, 50; c (direction -1): 100, 0, 50
    np.testing.assert_allclose(s["p1"], [(0 + 300) / 4, (50 + 0) / 4, (100 + 150) / 4])
    np.testing.assert_allclose(s["p2"], [100, 0, 50])
    np.testing.assert_allclose(s["idx"], [(75 + 100) / 2, (12.5 + 0) / 2, (62.5 + 50) / 2])
    assert res.ranks["idx"].tolist() == [1, 3, 2]
    table = res.results_table()
    assert list(table.columns) == ["unit", "node", "score", "rank"]
    assert table["node"].tolist()[:3] == ["idx", "p2", "p1"] and len(table) == 9


def test_rank_ties_take_lowest_rank() -> None:
    assert rank_min(np.array([10.0, 20.0, 20.0, 5.0, NAN])).tolist()[:4] == [3, 1, 1, 4]
    assert math.isnan(rank_min(np.array([10.0, NAN]))[1])


def test_contributions_arithmetic_sum_to_score() -> None:
    res = build(toy_framework(), TOY)
    c = res.contributions("A", "p1").set_index("child")
    assert c.loc["a", "contribution"] == 0 and c.loc["b", "contribution"] == 75
    assert c.loc["b", "weight_share"] == 0.75
    assert c["contribution"].sum() == pytest.approx(res.scores.loc["A", "p1"])


@pytest.mark.parametrize("method", ["geometric", "harmonic"])
def test_contributions_geometric_harmonic_sum_to_score(method: str) -> None:
    fw = toy_framework([{"normalise": {"range": [1, 100]}}, {"aggregate": {"method": method}}])
    res = build(fw, TOY)
    for unit in "ABC":
        c = res.contributions(unit, "p1")
        assert c["contribution"].sum() == pytest.approx(res.scores.loc[unit, "p1"])
    # geometric: unit B has a = 50.5, b = 1 (ln 1 = 0): b contributes nothing
    if method == "geometric":
        c = res.contributions("B", "p1").set_index("child")
        assert c.loc["b", "contribution"] == pytest.approx(0.0)


def test_record_log_and_regenerate() -> None:
    fw = toy_framework([{"treat": {}}])
    res = build(fw, TOY)
    assert res.record.version == __version__ and len(res.record.data_hash) == 64
    assert [entry.step for entry in res.log] == ["treat", "normalise", "aggregate"]
    assert list(res.stages) == ["1-treat", "2-normalise", "3-aggregate"]
    again = res.regenerate(steps={"normalise": {"range": [0, 10]}})
    np.testing.assert_allclose(again.scores["p2"], [10, 0, 5])
    assert again.framework.step("treat") is not None
    dropped = res.regenerate(steps={"treat": None}, weights={"b": 1.0})
    assert [entry.step for entry in dropped.log] == ["normalise", "aggregate"]
    np.testing.assert_allclose(dropped.scores["p1"], [50, 25, 75])
    changed = TOY.assign(a=[0.0, 5.0, 20.0])
    assert res.regenerate(data=changed).record.data_hash != res.record.data_hash


def test_data_errors_name_the_cell_or_node() -> None:
    with pytest.raises(EngineError, match="node 'c': no data column 'c'"):
        build(toy_framework(), TOY.drop(columns="c"))
    bad = TOY.astype({"a": object})
    bad.loc[1, "a"] = "five"
    with pytest.raises(EngineError, match=r"cell \(unit 'B', column 'a'\): 'five' is not a number"):
        build(toy_framework(), bad)
    with pytest.raises(EngineError, match="unit 'A' appears more than once"):
        build(toy_framework(), pd.concat([TOY, TOY.iloc[:1]]))
    with pytest.raises(EngineError, match="no unit column 'city'"):
        build(toy_framework(), TOY.drop(columns="city"))
