"""`urbanforum match` called repeatedly, with the stored matching index and without, side by side
with `urbanforum index build` of ASEM — whole processes, as a user runs them.

    URBANFORUM_DEV=1 python bench/bench_match_cli.py --rows 2000 --calls 3 [--embedder fake]

Seeds an SQLite database under --workdir once (bench/seed.py: --rows rows of every kind), then
runs, each in a fresh process:

1. `urbanforum match practices --query …` --calls times with a fresh store folder: the first call
   builds and stores the index, the next ones load it;
2. the same --calls times with the store off (URBANFORUM_MATCHING_STORE=""): every call builds;
3. `urbanforum index build` of ASEM (the yardstick of the issue) --calls times.

`--embedder fake` (default) uses the hashing embedder, so the figures are the index's own cost
(text analysis, BM25, vectors, loading) — not the e5 model's. With `--embedder e5` the first call
also embeds every passage once (stored in the database; later calls reuse them).
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    store = Path(tempfile.mkdtemp(prefix="match-store-", dir=work))
    try:
        stored = [
            _timed(match, {**env, "URBANFORUM_MATCHING_STORE": str(store)})
            for _ in range(opts.calls)
        ]
        unstored = [
            _timed(match, {**env, "URBANFORUM_MATCHING_STORE": ""}) for _ in range(opts.calls)
        ]
    finally:
        shutil.rmtree(store, ignore_errors=True)
    asem = Path(tempfile.mkdtemp(prefix="asem-", dir=work))
    try:
        write = (
            "import sys; from pathlib import Path; "
            "from urbanforum.engines.benchmark.asem import write_asem; "
            f"write_asem(Path({str(asem)!r}))"
        )
        subprocess.run(
            [sys.executable, "-c", write], env={**env, "PYTHONPATH": str(ROOT / "src")}, check=True
        )
        build = [
            "-m",
            "urbanforum",
            "index",
            "build",
            "--framework",
            str(asem / "asem.yaml"),
            "--data",
            str(asem / "asem.csv"),
            "--out",
            str(asem / "out.csv"),
        ]
        index_build = [_timed(build, env) for _ in range(opts.calls)]
    finally:
        shutil.rmtree(asem, ignore_errors=True)
    print(f"{opts.rows:,} rows of each kind, embedder {opts.embedder}; seconds per whole process")
    print("| command | " + " | ".join(f"call {i + 1}" for i in range(opts.calls)) + " |")
    print("|---|" + "---|" * opts.calls)
    for label, times in (
        ("match, stored index (call 1 builds and stores)", stored),
        ("match, store off (every call builds)", unstored),
        ("index build ASEM", index_build),
    ):
        print(f"| {label} | " + " | ".join(f"{t:.2f}" for t in times) + " |")


if __name__ == "__main__":
    main()
