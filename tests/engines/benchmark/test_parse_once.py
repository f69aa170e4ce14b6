"""The data are parsed once: a typed table equals the text path, and the CLI converts once."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engines.benchmark.engine_toys import toy_framework
from urbanforum.benchmark import cli
from urbanforum.engines.benchmark import (
    EngineError,
    Framework,
    build,
    pipeline,
    read_unit_csv,
    tabular,
)
from urbanforum.engines.benchmark.tabular import read_unit_table

STEPS: list[dict[str, object]] = [
    {"denominate": {}},
    {"impute": {"method": "group_mean", "group": "region"}},
    {"screen": {"min_availability": 0.3}},
    {"treat": {"max_points": 2}},
    {"normalise": {"method": "minmax", "range": [1, 100]}},
]


def _framework() -> Framework:
    fw = toy_framework()
    raw = fw.to_dict()
    nodes = raw["nodes"]
    assert isinstance(nodes, list)
    nodes[0]["denominator"] = "pop"
    return Framework.from_dict({**raw, "steps": STEPS})


def _cell(value: float | None, style: int) -> str:
    """How a value may be written: repr, %.17g, short %g, scientific, or a missing token."""
    if value is None:
        return ["", "NA", ":"][style % 3]
    return [repr(value), f"{value:.17g}", f"{value:g}", f"{value:.6e}", f" {value!r}"][style % 5]


finite = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)
cells = st.tuples(st.one_of(st.none(), *[finite] * 6), st.integers(0, 14))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(4, 30).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(cells, min_size=3, max_size=3), min_size=n, max_size=n),
            st.lists(st.floats(0.5, 1e7), min_size=n, max_size=n),
            st.lists(st.sampled_from(["north", "south", "NA"]), min_size=n, max_size=n),
        )
    )
)
def test_build_from_parsed_table_equals_build_from_text(table: tuple) -> None:  # type: ignore[type-arg]
    rows, pops, regions = table
    lines = ["city,region,unused,pop,a,b,c"]
    for i, (row, pop, region) in enumerate(zip(rows, pops, regions, strict=True)):
        vals = ",".join(_cell(v, s) for v, s in row)
        lines.append(f"u{i},{region},x y,{pop!r},{vals}")
    fw = _framework()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.csv"
        path.write_text("\n".join(lines) + "\n")
        typed = read_unit_table(path, fw)
        text = read_unit_csv(path)
    for col in ("a", "b", "c", "pop"):
        assert typed[col].dtype == np.float64
    assert "unused" not in typed.columns
    try:
        expected = build(fw, text)
    except EngineError as exc:  # e.g. a constant column: the typed table is refused alike
        with pytest.raises(EngineError, match=str(exc).replace("(", r"\(").replace(")", r"\)")):
            build(fw, typed)
        return
    got = build(fw, typed)
    np.testing.assert_array_equal(got.scores.to_numpy(), expected.scores.to_numpy())
    np.testing.assert_array_equal(got.ranks.to_numpy(), expected.ranks.to_numpy())
    pd.testing.assert_frame_equal(got.results_table(), expected.results_table())
    for name, stage in expected.stages.items():
        np.testing.assert_array_equal(got.stages[name].to_numpy(), stage.to_numpy())


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("lots", "cell (unit 'u1', column 'a'): 'lots' is not a number"),
        ("inf", "cell (unit 'u1', column 'a'): infinite value"),
        ("nan", "cell (unit 'u1', column 'a'): 'nan' is not a number"),
    ],
)
def test_bad_cells_named_as_before(tmp_path: Path, cell: str, message: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(f"city,a,b,c\nu0,1,2,3\nu1,{cell},5,6\nu2,7,8,9\nu3,1,1,2\n")
    fw = toy_framework()
    for table in (read_unit_table(path, fw), read_unit_csv(path)):
        with pytest.raises(EngineError) as err:
            build(fw, table)
        assert message in str(err.value)


def test_true_false_column_refused_not_read_as_one_and_zero(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("city,a,b,c\nu0,True,2,3\nu1,False,5,6\nu2,,8,9\n")
    with pytest.raises(
        EngineError, match=r"cell \(unit 'u0', column 'a'\): 'True' is not a number"
    ):
        build(toy_framework(), read_unit_table(path, toy_framework()))
    path.write_text("city,a,b,c\nu0,1,2,3\nu1,0,5,6\nu2,1.0,8,9\n")  # real 0/1 numbers pass
    assert read_unit_table(path, toy_framework())["a"].tolist() == [1.0, 0.0, 1.0]


FRAMEWORK = """\
unit_column: city
nodes:
  - {code: a, parent: p, denominator: pop}
  - {code: b, parent: p}
  - {code: c, parent: q, direction: -1}
  - {code: p, parent: idx}
  - {code: q, parent: idx}
  - {code: idx}
steps:
  - denominate: {}
  - impute: {method: group_mean, group: region}
  - treat: {max_points: 2}
  - normalise: {method: minmax, range: [1, 100]}
uncertainty:
  weights: {perturb: 0.2}
  impute: [true, {method: mean}, {method: group_median, group: zone}]
  treat: {max_points: [1, 2, 3]}
  normalise: [{method: minmax, range: [1, 100]}, {method: rank}]
"""


def test_cli_converts_the_data_once_for_every_combination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(1)
    n = 40
    data = pd.DataFrame(
        {
            "city": [f"u{i}" for i in range(n)],
            "region": rng.choice(["n", "s"], n),
            "zone": rng.choice(["x", "y", "z"], n),
            "pop": rng.uniform(1, 10, n),
            "a": rng.lognormal(1, 1, n),
            "b": rng.normal(size=n),
            "c": rng.normal(size=n),
        }
    )
    data.loc[::7, "b"] = np.nan
    f, d = tmp_path / "F.yaml", tmp_path / "D.csv"
    f.write_text(FRAMEWORK)
    data.to_csv(d, index=False)
    calls = {"read": 0, "prepare": 0, "to_numeric": 0}
    real_read, real_prepare, real_to_numeric = pd.read_csv, pipeline.prepare, pd.to_numeric

    def read_spy(*args: object, **kw: object) -> pd.DataFrame:
        if kw.get("nrows") != 0:
            calls["read"] += 1
        return real_read(*args, **kw)  # type: ignore[call-overload,no-any-return]

    def prepare_spy(*args: object, **kw: object) -> pipeline.Prepared:
        calls["prepare"] += 1
        return real_prepare(*args, **kw)  # type: ignore[arg-type]

    def to_numeric_spy(*args: object, **kw: object) -> object:
        calls["to_numeric"] += 1
        return real_to_numeric(*args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(pd, "read_csv", read_spy)
    monkeypatch.setattr(pd, "to_numeric", to_numeric_spy)
    for module in ("pipeline", "build", "uncertainty"):
        mod = __import__(f"urbanforum.engines.benchmark.{module}", fromlist=["prepare"])
        monkeypatch.setattr(mod, "prepare", prepare_spy)
    argv = ["--framework", str(f), "--data", str(d), "--runs", "60", "--seed", "3"]
    assert cli.main(["uncertainty", *argv, "--out", str(tmp_path / "u.csv")]) == 0
    # 3 imputations × 3 treatments × 2 normalisations: up to 18 combinations, one conversion
    assert calls == {"read": 1, "prepare": 1, "to_numeric": 0}
    calls.update(read=0, prepare=0)
    assert cli.main(["build", *argv[:4], "--out", str(tmp_path / "r.csv")]) == 0
    assert calls == {"read": 1, "prepare": 1, "to_numeric": 0}


def test_text_columns_are_converted_once_in_prepare(monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller's text DataFrame is still accepted: one strict conversion per column."""
    seen: list[str] = []
    real = tabular.text_to_numbers

    def spy(s: pd.Series, col: str, units: np.ndarray) -> np.ndarray:
        seen.append(col)
        return real(s, col, units)

    monkeypatch.setattr(tabular, "text_to_numbers", spy)
    data = pd.DataFrame(
        {"city": list("ABCD"), "a": ["1", "2", "3", "5"], "b": ["1", "NA", "2", "3"]}
    )
    data["c"] = ["4", "3", "2", "9"]
    build(toy_framework(), data)
    assert seen == ["a", "b", "c"]
