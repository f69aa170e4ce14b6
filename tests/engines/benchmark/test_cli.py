"""The ``urbanforum index`` contract, called exactly as other tools will call it."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from urbanforum.benchmark.cli import main

FRAMEWORK = """\
name: Example
unit_column: city
nodes:                       # every indicator and aggregate; the root has no parent
  - {code: gdp_pc, parent: economy, direction: 1, weight: 1, denominator: population}
  - {code: pm25, parent: environment, direction: -1, goalposts: {worst: 35, best: 5}}
  - {code: economy, parent: index, weight: 1}
  - {code: environment, parent: index}
  - {code: index}
steps:
  - denominate: {}
  - impute: {method: group_mean, group: region, indicators: [pm25]}
  - screen: {min_availability: 0.5}
  - treat: {method: winsorise_log, skew: 2, kurtosis: 3.5, max_points: 5}
  - normalise: {method: minmax, range: [0, 100]}
  - aggregate: {method: arithmetic, missing: skip}
uncertainty:                 # only for `index uncertainty`
  weights: {perturb: 0.25}
  normalise: [{method: minmax, range: [1, 100]}, {method: zscore, mean: 10, sd: 2}]
  aggregate: [arithmetic, geometric]
  treat: {max_points: [1, 2, 3, 4, 5]}
"""  # the example, verbatim (one comment shortened)
DATA = """\
city,region,population,gdp_pc,pm25,unused
A,north,100,1000,10,x
B,north,200,3000,NA,y
C,south,100,500,30,
D,south,50,1000,:,z
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    f = tmp_path / "F.yaml"
    d = tmp_path / "D.csv"
    f.write_text(FRAMEWORK)
    d.write_text(DATA)
    return f, d, tmp_path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_build_writes_results_exactly(files: tuple[Path, Path, Path]) -> None:
    f, d, tmp = files
    out = tmp / "results.csv"
    assert main(["build", "--framework", str(f), "--data", str(d), "--out", str(out)]) == 0
    rows = _rows(out)
    assert list(rows[0]) == ["unit", "node", "score", "rank"]
    got = {(r["unit"], r["node"]): (float(r["score"]), int(r["rank"])) for r in rows}
    assert len(rows) == 4 * 3  # units × aggregates, no indicator rows
    # gdp per head: A 10, B 15, C 5, D 20 -> 33.3, 66.7, 0, 100
    # pm25 imputed by region mean: B 10, D 30; direction -1 -> A 100, B 100, C 0, D 0
    expected = {
        "A": (100 / 3, 100, (100 / 3 + 100) / 2),
        "B": (200 / 3, 100, (200 / 3 + 100) / 2),
        "C": (0, 0, 0),
        "D": (100, 0, 50),
    }
    for unit, (eco, env, idx) in expected.items():
        assert got[(unit, "economy")][0] == pytest.approx(eco)
        assert got[(unit, "environment")][0] == pytest.approx(env)
        assert got[(unit, "index")][0] == pytest.approx(idx)
    assert [got[(u, "index")][1] for u in "ABCD"] == [2, 1, 4, 3]
    assert [got[(u, "environment")][1] for u in "ABCD"] == [1, 1, 3, 3]  # ties: lowest rank
    assert [r["node"] for r in rows[:3]] == ["index", "environment", "economy"]


def test_build_writes_stages(files: tuple[Path, Path, Path]) -> None:
    f, d, tmp = files
    stages = tmp / "stages"
    args = ["build", "--framework", str(f), "--data", str(d), "--out", str(tmp / "r.csv")]
    assert main([*args, "--stages", str(stages)]) == 0
    names = sorted(p.name for p in stages.iterdir())
    assert names == [
        "1-denominate.csv",
        "2-impute.csv",
        "3-screen.csv",
        "4-treat.csv",
        "5-normalise.csv",
        "6-aggregate.csv",
    ]
    den = _rows(stages / "1-denominate.csv")
    assert list(den[0]) == ["city", "gdp_pc", "pm25"]
    assert [float(r["gdp_pc"]) for r in den] == [10, 15, 5, 20]
    assert [r["pm25"] for r in _rows(stages / "2-impute.csv")] == ["10.0", "10.0", "30.0", "30.0"]


def test_uncertainty_writes_exact_columns(files: tuple[Path, Path, Path]) -> None:
    f, d, tmp = files
    out = tmp / "unc.csv"
    argv = ["uncertainty", "--framework", str(f), "--data", str(d)]
    assert main([*argv, "--runs", "200", "--seed", "1", "--out", str(out)]) == 0
    rows = _rows(out)
    assert list(rows[0]) == ["unit", "node", "rank_nominal", "rank_median", "rank_p05", "rank_p95"]
    assert len(rows) == 12
    b = next(r for r in rows if r["unit"] == "B" and r["node"] == "index")
    assert b["rank_nominal"] == "1"
    for r in rows:
        assert float(r["rank_p05"]) <= float(r["rank_median"]) <= float(r["rank_p95"])
    # same seed, same file
    out2 = tmp / "unc2.csv"
    assert main([*argv, "--runs", "200", "--seed", "1", "--out", str(out2)]) == 0
    assert out.read_text() == out2.read_text()
    sens = tmp / "sens.csv"
    assert main([*argv, "--runs", "50", "--out", str(out2), "--sensitivity", str(sens)]) == 0
    assert list(_rows(sens)[0]) == ["unit", "factor", "first_order", "total"]


def test_json_framework_accepted(files: tuple[Path, Path, Path]) -> None:
    _, d, tmp = files
    fj = tmp / "F.json"
    fj.write_text(
        json.dumps(
            {
                "unit_column": "city",
                "nodes": [{"code": "gdp_pc", "parent": "i"}, {"code": "i"}],
            }
        )
    )
    out = tmp / "r.csv"
    assert main(["build", "--framework", str(fj), "--data", str(d), "--out", str(out)]) == 0
    assert [r["rank"] for r in _rows(out)] == ["2", "1", "4", "2"]  # gdp 1000,3000,500,1000


def _fail(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("urbanforum index: error: ")
    return err


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (("  - {code: index}", "  - {code: index, parent: economy}"), "cycle in the tree"),
        (("parent: environment,", "parent: nowhere,"), "node 'pm25': unknown parent 'nowhere'"),
        (("code: gdp_pc,", "code: gdp,"), "node 'gdp': no data column 'gdp'"),
        (("method: minmax", "method: cubic"), "'cubic' is not one of"),
    ],
)
def test_bad_frameworks_refused(
    files: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    replace: tuple[str, str],
    message: str,
) -> None:
    f, d, tmp = files
    assert replace[0] in FRAMEWORK
    f.write_text(FRAMEWORK.replace(*replace))
    err = _fail(capsys, ["build", "--framework", str(f), "--data", str(d), "--out", str(tmp / "r")])
    assert message in err
    assert not (tmp / "r").exists()


def test_non_numeric_cell_named(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    f, d, tmp = files
    d.write_text(DATA.replace("C,south,100,500", "C,south,100,lots"))
    err = _fail(capsys, ["build", "--framework", str(f), "--data", str(d), "--out", str(tmp / "r")])
    assert "cell (unit 'C', column 'gdp_pc'): 'lots' is not a number" in err


def test_bad_arguments_and_missing_files(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    f, d, tmp = files
    err = _fail(
        capsys, ["build", "--framework", str(f), "--data", str(tmp / "no.csv"), "--out", "x"]
    )
    assert "--data: no such file" in err
    err = _fail(capsys, ["build", "--framework", str(f)])
    assert "required" in err
    err = _fail(capsys, ["explode"])
    assert "invalid choice" in err
    argv = ["uncertainty", "--framework", str(f), "--data", str(d), "--runs", "1", "--out", "x"]
    assert "--runs: must be at least 2" in _fail(capsys, argv)


def test_zscore_geometric_refused_in_uncertainty(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    f, d, tmp = files
    f.write_text(FRAMEWORK.replace("{method: zscore, mean: 10, sd: 2}", "{method: zscore}"))
    argv = ["uncertainty", "--framework", str(f), "--data", str(d), "--out", str(tmp / "u")]
    err = _fail(capsys, [*argv, "--runs", "20"])
    assert "geometric aggregation needs positive values" in err and "zscore" in err


def test_help_returns_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--help"]) == 0
    assert "--framework" in capsys.readouterr().out


def test_runs_as_python_module(files: tuple[Path, Path, Path]) -> None:
    f, d, tmp = files
    src = Path(__file__).resolve().parents[3] / "src"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    base = [sys.executable, "-m", "urbanforum.benchmark.cli", "build", "--framework", str(f)]
    ok = subprocess.run(
        [*base, "--data", str(d), "--out", str(tmp / "r.csv")], env=env, check=False
    )
    assert ok.returncode == 0 and (tmp / "r.csv").exists()
    bad = subprocess.run(
        [*base, "--data", str(tmp / "none.csv"), "--out", str(tmp / "x.csv")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "--data: no such file" in bad.stderr


def test_engine_and_cli_import_no_django() -> None:
    src = Path(__file__).resolve().parents[3] / "src"
    code = (
        "import sys\n"
        "import urbanforum.benchmark.cli, urbanforum.engines.benchmark\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
        "sys.exit(1 if bad else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
