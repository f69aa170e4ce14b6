"""Benchmarks of the composite-index engine (figures go to BENCHMARKS.md, not to tests).

Usage (from the repository root, with the project's venv)::

    python bench/bench_index.py [--repeat 5]

Measures, each several times (median and min printed, plus peak RSS):

1. ``build`` on the ASEM example (51 units × 49 indicators, 4 levels, all steps), in-process;
2. ``build`` on a synthetic 10,000 units × 200 indicators, 4 levels, all steps, in a fresh
   child process so that its peak RSS is its own (target < 2 s, < 2 GB);
3. ``python -m urbanforum.benchmark.cli uncertainty`` on ASEM with 1,000 runs (weights ±25 %,
   two normalisations, two aggregations) as a whole process, start-up and imports included
   (target < 2 s) — twice: with a warm bytecode cache (kept in a temporary
   ``PYTHONPYCACHEPREFIX``, as any normal install has .pyc files) and cold
   (``PYTHONDONTWRITEBYTECODE=1`` and no cache, so pandas is compiled from source at every
   start, which is how the shared dev venv runs).

The ASEM framework YAML + data CSV are written to a temporary directory from the .rda files
in ``$URBANFORUM_DATA`` (else ``../shared/data``); nothing is stored in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(ROOT / "bench"))


def _env(pycache: str | None = None) -> dict[str, str]:
    """Child environment; with ``pycache``, bytecode is cached there (outside the venv)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(ROOT / "bench"), env.get("PYTHONPATH", "")])
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    else:  # as the shared dev venv runs: whatever .pyc exist are used, none are written
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def _run_child(argv: list[str], pycache: str | None = None) -> tuple[float, float, str]:
    """Run a child process; return (wall seconds, peak RSS MB, stdout)."""
    start = time.perf_counter()
    env = _env(pycache)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child failed: {' '.join(argv)}\n{err}")
    return wall, usage.ru_maxrss / 1024, out


def _fmt(xs: list[float], unit: str, scale: float = 1.0) -> str:
    return f"median {statistics.median(xs) * scale:.1f} {unit}, min {min(xs) * scale:.1f} {unit}"


def child_synthetic(repeat: int) -> None:
    """In a fresh process: build the synthetic index ``repeat`` times; print JSON timings."""
    from synthetic import synthetic

    from urbanforum.engines.benchmark import Framework, build

    fwd, data = synthetic()
    fw = Framework.from_dict(fwd)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        build(fw, data)
        times.append(time.perf_counter() - t)
    print(json.dumps({"times": times}))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--child", choices=["synthetic"])
    args = ap.parse_args()
    if args.child == "synthetic":
        child_synthetic(args.repeat)
        return 0

    from urbanforum.engines.benchmark import Framework, build
    from urbanforum.engines.benchmark.asem import load_asem, write_asem

    print(f"python {sys.version.split()[0]}, nproc {os.cpu_count()}")
    # 1. ASEM build, in-process
    fwd, data = load_asem()
    fw = Framework.from_dict(fwd)
    build(fw, data)  # warm-up
    times = []
    for _ in range(max(30, args.repeat)):
        t = time.perf_counter()
        build(fw, data)
        times.append(time.perf_counter() - t)
    print(f"ASEM build (51x49, 4 levels, all steps): {_fmt(times, 'ms', 1e3)}  [target < 20 ms]")

    # 2. synthetic 10k x 200, fresh process for its own peak RSS
    wall, rss, out = _run_child(
        [sys.executable, __file__, "--child", "synthetic", "--repeat", str(args.repeat)]
    )
    times = json.loads(out)["times"]
    print(
        f"synthetic build (10000x200, 4 levels, all steps): {_fmt(times, 's')}; "
        f"child peak RSS {rss:.0f} MB (data generation included)  [target < 2 s, < 2 GB]"
    )

    # 3. CLI uncertainty, 1000 runs, whole process
    with tempfile.TemporaryDirectory() as tmp:
        fpath, dpath = write_asem(Path(tmp))
        argv = [
            sys.executable,
            "-m",
            "urbanforum.benchmark.cli",
            "uncertainty",
            "--framework",
            str(fpath),
            "--data",
            str(dpath),
            "--runs",
            "1000",
            "--seed",
            "1",
            "--out",
            str(Path(tmp) / "unc.csv"),
        ]
        pycache = str(Path(tmp) / "pycache")
        _run_child(argv, pycache)  # warm-up: fills the bytecode cache
        for label, cache in (("warm .pyc cache", pycache), ("cold, no .pyc", None)):
            walls, rsss = [], []
            for _ in range(args.repeat):
                wall, rss, _ = _run_child(argv, cache)
                walls.append(wall)
                rsss.append(rss)
            base, _, _ = _run_child([sys.executable, "-c", "import pandas, yaml"], cache)
            print(
                f"CLI uncertainty ASEM 1000 runs, whole process, {label}: {_fmt(walls, 's')}; "
                f"peak RSS {max(rsss):.0f} MB; python + import pandas/yaml alone {base:.2f} s"
                "  [target < 2 s]"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
