"""Stages and cell-by-cell reports are kept only when asked (`stages=True`, CLI `--stages`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tests.engines.benchmark.engine_toys import toy_framework
from urbanforum.benchmark import cli
from urbanforum.engines.benchmark import build
from urbanforum.engines.benchmark.methods import (
    _skew_kurt,
    column_blocks,
    rank_columns,
    rank_min,
    skew_kurt,
    treat_outliers,
)

STEPS: list[dict[str, object]] = [
    {"impute": {"method": "mean", "indicators": ["b"]}},
    {"treat": {"max_points": 3}},
    {"normalise": {"method": "minmax", "range": [1, 100]}},
]


def _data(n: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {
            "city": [f"u{i:02d}" for i in range(n)],
            "a": rng.lognormal(0, 2, n),
            "b": rng.lognormal(0, 1.5, n),
            "c": rng.normal(size=n),
        }
    )
    data.loc[::5, "b"] = np.nan
    data.loc[3, "c"] = np.nan
    return data


def test_without_stages_same_results_and_a_summary() -> None:
    fw = toy_framework(STEPS)
    full = build(fw, _data())
    lean = build(fw, _data(), stages=False)
    np.testing.assert_array_equal(lean.scores.to_numpy(), full.scores.to_numpy())
    np.testing.assert_array_equal(lean.ranks.to_numpy(), full.ranks.to_numpy())
    assert full.detailed and not lean.detailed
    assert list(full.stages) == ["1-impute", "2-treat", "3-normalise", "4-aggregate"]
    assert dict(lean.stages) == {}
    assert lean.imputed_cells.empty and len(full.imputed_cells) == 12
    assert full.treatment_report is not None and lean.treatment_report is not None
    assert lean.treatment_report.points.empty and not full.treatment_report.points.empty
    assert "points_changed" not in full.treatment_report.summary.columns  # as documented
    # the summary says what the detailed reports list, per indicator
    for res in (full, lean):
        s = res.summary.set_index("indicator")
        assert list(res.summary.columns) == [
            "indicator",
            "missing",
            "imputed",
            "treatment",
            "points_changed",
            "missing_after",
        ]
        assert s["imputed"].to_dict() == {"a": 0, "b": 12, "c": 0}
        assert s["missing"].to_dict() == {"a": 0, "b": 12, "c": 1}
        assert s["missing_after"].to_dict() == {"a": 0, "b": 0, "c": 1}
        per_point = full.treatment_report.points["indicator"].value_counts()
        assert s["points_changed"].to_dict() == {
            c: int(per_point.get(c, 0)) for c in ("a", "b", "c")
        }
        assert s["points_changed"].sum() > 0
    lean_t = lean.treatment_report.summary.drop(columns="points_changed")
    pd.testing.assert_frame_equal(lean_t, full.treatment_report.summary)
    assert [x.summary for x in lean.log] == [x.summary for x in full.log]
    assert lean.regenerate().detailed is False


def test_cli_keeps_stages_only_with_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f, d = tmp_path / "F.yaml", tmp_path / "D.csv"
    f.write_text(
        "unit_column: city\nnodes:\n  - {code: a, parent: p1}\n  - {code: b, parent: p1}\n"
        "  - {code: c, parent: p2}\n  - {code: p1, parent: idx}\n  - {code: p2, parent: idx}\n"
        "  - {code: idx}\nsteps:\n  - impute: {method: mean}\n  - treat: {max_points: 3}\n"
    )
    _data().to_csv(d, index=False)
    kept: list[bool] = []
    real = cli.build

    def spy(*args: object, **kw: object) -> object:
        kept.append(bool(kw["stages"]))
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "build", spy)
    base = ["build", "--framework", str(f), "--data", str(d)]
    assert cli.main([*base, "--out", str(tmp_path / "lean.csv")]) == 0
    stages = tmp_path / "st"
    assert cli.main([*base, "--out", str(tmp_path / "full.csv"), "--stages", str(stages)]) == 0
    assert kept == [False, True]
    assert (tmp_path / "lean.csv").read_bytes() == (tmp_path / "full.csv").read_bytes()
    assert sorted(p.name for p in stages.iterdir()) == [
        "1-impute.csv",
        "2-treat.csv",
        "3-normalise.csv",
        "4-aggregate.csv",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "D.csv",
        "F.yaml",
        "full.csv",
        "lean.csv",
        "st",
    ]


wide = st.integers(33, 90).flatmap(
    lambda m: arrays(
        np.float64,
        st.tuples(st.integers(5, 40), st.just(m)),
        elements=st.one_of(st.floats(-1e3, 1e3), st.just(np.nan)),
    )
)


@settings(max_examples=30, deadline=None)
@given(wide)
def test_column_blocks_give_the_whole_matrix_figures(x: np.ndarray) -> None:
    sk, ku = skew_kurt(x)
    sk0, ku0 = _skew_kurt(x)
    np.testing.assert_array_equal(sk, sk0)
    np.testing.assert_array_equal(ku, ku0)
    np.testing.assert_array_equal(
        rank_columns(x, descending=True), rank_min(x.T, descending=True).T
    )
    blocks = column_blocks(x.shape[1])
    assert blocks[0][0] == 0 and blocks[-1][1] == x.shape[1]
    assert all(b - a >= 2 for a, b in blocks)


def test_treat_in_place_equals_treat_on_a_copy() -> None:
    rng = np.random.default_rng(4)
    x = np.column_stack([rng.lognormal(0, 2, 50), rng.normal(size=50), rng.lognormal(0, 3, 50)])
    ref = treat_outliers(x, max_points=2)
    y = x.copy()
    res = treat_outliers(y, max_points=2, inplace=True)
    assert res.values is y
    np.testing.assert_array_equal(res.values, ref.values)
    np.testing.assert_array_equal(ref.candidates, [0, 2])
    np.testing.assert_array_equal(res.before, x[:, [0, 2]])
