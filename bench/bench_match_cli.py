"""`urbanforum match` called repeatedly, with the stored matching index and without, side by side
with `urbanforum index build` of ASEM — whole processes, as a user runs them.

    URBANFORUM_DEV=1 python bench/bench_match_cli.py --rows 2000 --calls 3 [--embedder fake]

Seeds an SQLite database under --workdir once (bench/seed.py: --rows rows of every kind), stores
the index with one `urbanforum match` call, then runs --calls rounds of, each in a fresh process:

1. `urbanforum match practices --query …` with the stored index (it loads it);
2. the same with the store off (URBANFORUM_MATCHING_STORE=""): the call builds the index;
3. `urbanforum index build` of ASEM (the yardstick of the issue);
4. `urbanforum match practices --help`: the CLI's own start (Django set up, the command's
   arguments built) — a stored-index call costs this plus loading the index, embedding the
   query and searching.

The commands alternate within each round, so that the load of a shared machine hits them alike.

`--embedder fake` (default) uses the hashing embedder, so the figures are the index's own cost
(text analysis, BM25, vectors, loading) — not the e5 model's. With `--embedder e5` the first call
also embeds every passage once (stored in the database; later calls reuse them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return time.perf_counter() - start


def _write_asem(folder: Path, env: dict[str, str]) -> list[str]:
    write = (
        "import sys; from pathlib import Path; "
        "from urbanforum.engines.benchmark.asem import write_asem; "
        f"write_asem(Path({str(folder)!r}))"
    )
    subprocess.run(
        [sys.executable, "-c", write], env={**env, "PYTHONPATH": str(ROOT / "src")}, check=True
    )
    return [
        "-m",
        "urbanforum",
        "index",
        "build",
        "--framework",
        str(folder / "asem.yaml"),
        "--data",
        str(folder / "asem.csv"),
        "--out",
        str(folder / "out.csv"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=3)
    parser.add_argument("--embedder", default="fake", choices=["fake", "e5"])
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    opts = parser.parse_args()
    work = Path(opts.workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    database = work / f"match_{opts.rows}.sqlite3"
    env = {
        **os.environ,
        "URBANFORUM_DEV": "1",
        "URBANFORUM_TESTING": "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "URBANFORUM_EMBEDDER": opts.embedder,
    }
    if not database.exists():
        _timed(["bench/seed.py", "--rows", str(opts.rows), "--tag", "match"], env)
    match = ["-m", "urbanforum", "match", "practices", "--query", "winter cycling", "--json"]
    cli_start = ["-m", "urbanforum", "match", "practices", "--help"]
    store = Path(tempfile.mkdtemp(prefix="match-store-", dir=work))
    asem = Path(tempfile.mkdtemp(prefix="asem-", dir=work))
    load = [os.getloadavg()[0]]
    try:
        build = _write_asem(asem, env)
        stored_env = {**env, "URBANFORUM_MATCHING_STORE": str(store)}
        first = _timed(match, stored_env)  # builds and stores the index
        # Round-robin: each round runs every command once, so that the load of this shared
        # machine, which changes by the minute, hits all of them alike.
        rows: dict[str, list[float]] = {
            "match, stored index (loads it)": [],
            "match, store off (builds the index)": [],
            "index build ASEM": [],
            "CLI start (match practices --help)": [],
        }
        for _ in range(opts.calls):
            rows["match, stored index (loads it)"].append(_timed(match, stored_env))
            rows["match, store off (builds the index)"].append(
                _timed(match, {**env, "URBANFORUM_MATCHING_STORE": ""})
            )
            rows["index build ASEM"].append(_timed(build, env))
            rows["CLI start (match practices --help)"].append(_timed(cli_start, env))
            load.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(asem, ignore_errors=True)
    print(
        f"{opts.rows:,} rows of each kind, embedder {opts.embedder}; seconds per whole process; "
        f"load average (1 min) {min(load):.1f}-{max(load):.1f}; first stored call (builds and "
        f"stores) {first:.2f} s"
    )
    print(
        "| command | "
        + " | ".join(f"round {i + 1}" for i in range(opts.calls))
        + " | median | × ASEM |"
    )
    print("|---|" + "---|" * (opts.calls + 2))
    asem_median = statistics.median(rows["index build ASEM"])
    for label, times in rows.items():
        median = statistics.median(times)
        print(
            f"| {label} | "
            + " | ".join(f"{t:.2f}" for t in times)
            + f" | {median:.2f} | {median / asem_median:.1f} |"
        )


if __name__ == "__main__":
    main()
