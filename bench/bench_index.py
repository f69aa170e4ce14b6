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

``python bench/bench_index.py --scaling [--sizes 51,1000,10000,100000] [--compare SRC]``
instead measures how ``urbanforum index build`` scales with the number of units: for each
size a synthetic CSV (``bench/synthetic.py``, × 200 indicators, every step) is written, then
one fresh child process per size and repeat runs ``cli.main(["build", …])`` and reports the
engine time (parsing, build, writing results.csv; imports excluded) and its peak RSS (VmHWM), each as
a ratio to the first (demo-sized) size measured in the same run. ``--stages`` adds the same
with ``--stages DIR``; ``--compare SRC`` runs every case also with another source tree (e.g.
``/work/main/src`` before a change) side by side. The load average is printed with each row.

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
# the engine under test; --compare points children at another tree through this variable
SRC = Path(os.environ.get("BENCH_INDEX_SRC", str(ROOT / "src")))
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


def child_cli_build(argv: list[str]) -> None:
    """In a fresh process: ``urbanforum index build <argv>`` in-process; print JSON timings."""
    t = time.perf_counter()
    from urbanforum.benchmark import cli

    imported = time.perf_counter() - t
    t = time.perf_counter()
    code = cli.main(["build", *argv])
    engine = time.perf_counter() - t
    if code != 0:
        raise SystemExit(code)
    out = {"engine": engine, "imports": imported, "hwm_mb": _vm_hwm_mb(), "cli": cli.__file__}
    print(json.dumps(out))


def _vm_hwm_mb() -> float:
    """This process's peak RSS since exec (VmHWM).

    Not ``ru_maxrss`` from ``wait4``: on Linux that keeps the high-water mark of the memory
    the child had *before* exec — a forked copy of this (large) parent.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child_write(n: int, fpath: str, dpath: str) -> None:
    """In a fresh process: write the synthetic framework and CSV of ``n`` units."""
    import yaml
    from synthetic import synthetic

    fwd, data = synthetic(n_units=n)
    Path(fpath).write_text(yaml.safe_dump(fwd, sort_keys=False), encoding="utf-8")
    data.to_csv(dpath, index=False)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _machine() -> str:
    import numpy
    import pandas

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"nproc {os.cpu_count()}, {cpu}, MemTotal {int(mem) / 2**20:.1f} GiB, "
        f"{os.uname().sysname} {os.uname().release}, python {sys.version.split()[0]}, "
        f"numpy {numpy.__version__}, pandas {pandas.__version__}"
    )


def scaling(sizes: list[int], repeat: int, stages: bool, compare: str | None) -> None:
    """Engine time and peak RSS of ``index build`` per size, ratios to the first size."""
    print(f"date {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
    print(f"machine: {_machine()}")
    print(f"command: {' '.join([sys.executable, *sys.argv])}")
    trees = [("this tree", str(SRC))] + ([("compare", compare)] if compare else [])
    for label, src in trees:
        print(f"{label}: {src}")
    cases = [
        (label, src, st) for label, src in trees for st in ([False, True] if stages else [False])
    ]
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for n in sizes:
            fpath, dpath = Path(tmp) / f"f{n}.yaml", Path(tmp) / f"d{n}.csv"
            _run_child(
                [sys.executable, __file__, "--child", "write", "--", str(n), str(fpath), str(dpath)]
            )
            files[n] = (fpath, dpath, dpath.stat().st_size / 2**20)
        code = "import urbanforum.benchmark.cli, bench_index; print(bench_index._vm_hwm_mb())"
        _, _, out = _run_child([sys.executable, "-c", code])
        print(f"peak RSS (VmHWM) of a process that only imports the CLI: {float(out):.0f} MB")
        print(
            "| source | stages | units × 200 | CSV MB | engine s (median of runs) | "
            "peak RSS MB (max) | time ratio | RSS ratio | load avg |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for label, src, st in cases:
            first: tuple[float, float] | None = None
            for n in sizes:
                fpath, dpath, mb = files[n]
                argv = [
                    sys.executable,
                    __file__,
                    "--child",
                    "cli-build",
                    "--",
                    "--framework",
                    str(fpath),
                    "--data",
                    str(dpath),
                    "--out",
                    str(Path(tmp) / "r.csv"),
                ]
                if st:
                    argv += ["--stages", str(Path(tmp) / f"stages{n}")]
                engines, rsss = [], []
                load = _load()
                for _ in range(1 if n >= 100_000 else repeat):
                    env = _env()
                    env["PYTHONPATH"] = os.pathsep.join([src, str(ROOT / "bench")])
                    env["BENCH_INDEX_SRC"] = src
                    proc = subprocess.Popen(
                        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
                    )
                    _, status, _ = os.wait4(proc.pid, 0)
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    if os.waitstatus_to_exitcode(status) != 0:
                        err = proc.stderr.read().decode() if proc.stderr else ""
                        raise SystemExit(f"child failed: {' '.join(argv)}\n{err}")
                    got = json.loads(out)
                    if not got["cli"].startswith(src):
                        raise SystemExit(f"child ran {got['cli']}, not the tree {src}")
                    engines.append(got["engine"])
                    rsss.append(got["hwm_mb"])
                t, rss = statistics.median(engines), max(rsss)
                first = first or (t, rss)
                print(
                    f"| {label} | {'yes' if st else 'no'} | {n:,} | {mb:.1f} | {t:.3f} "
                    f"({len(engines)}) | {rss:.0f} | {t / first[0]:.1f} | {rss / first[1]:.2f} | "
                    f"{load} → {_load()} |",
                    flush=True,
                )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--child", choices=["synthetic", "cli-build", "write"])
    ap.add_argument("--scaling", action="store_true")
    ap.add_argument("--sizes", default="51,1000,10000,100000")
    ap.add_argument("--stages", action="store_true")
    ap.add_argument("--compare", help="another src/ tree to run side by side")
    args, rest = ap.parse_known_args()
    if args.child == "synthetic":
        child_synthetic(args.repeat)
        return 0
    if args.child == "write":
        n, fpath, dpath = [a for a in rest if a != "--"]
        child_write(int(n), fpath, dpath)
        return 0
    if args.child == "cli-build":
        child_cli_build([a for a in rest if a != "--"])
        return 0
    if args.scaling:
        scaling([int(x) for x in args.sizes.split(",")], args.repeat, args.stages, args.compare)
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
