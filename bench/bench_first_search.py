"""The first and second search of a web worker, with the matching index warmed at boot and without.

    python bench/bench_first_search.py --rows 2000 [--embedder fake] [--searches 3]

Seeds an SQLite database under --workdir once (bench/seed.py, like bench_match_cli.py), stores
the matching index once (`urbanforum match`), then starts `urbanforum serve --workers 1` twice —
with the warm-up (`URBANFORUM_WARM_MATCHING=1`, the default: the master loads the stored index and
the query model before forking) and without it (`=0`: the worker loads the index on its first
search) — and times --searches requests of `/api/v1/search?q=…` (different texts, so the query
embedding is not cached) as the client sees them, the first one right after the server answers
its health check.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["winter cycling", "snow clearing of streets", "district heating", "flood barriers"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as r:
        r.read()
        if r.status != 200:
            sys.exit(f"{url}: HTTP {r.status}")
    return time.perf_counter() - start


def _serve(env: dict[str, str], searches: int) -> list[float]:
    port = _free_port()
    serve = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "urbanforum", *serve],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                _get(f"{base}/api/v1/health")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.communicate()[0] if proc.poll() is not None else ""
                    sys.exit(f"serve did not start:\n{out[-3000:]}")
                time.sleep(0.2)
        return [
            _get(f"{base}/api/v1/search?" + urllib.parse.urlencode({"q": TEXTS[i % len(TEXTS)]}))
            for i in range(searches)
        ]
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--searches", type=int, default=3)
    parser.add_argument("--embedder", default="fake", choices=["fake", "e5"])
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    opts = parser.parse_args()
    work = Path(opts.workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    database = work / f"match_{opts.rows}.sqlite3"
    var = Path(tempfile.mkdtemp(prefix="first-search-", dir=work))
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"URBANFORUM_DEV", "DEBUG"}},
        "URBANFORUM_TESTING": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "URBANFORUM_VAR": str(var),
        "URBANFORUM_MATCHING_STORE": str(var / "matching"),
        "DATABASE_URL": f"sqlite:///{database}",
        "URBANFORUM_EMBEDDER": opts.embedder,
    }
    if not database.exists():
        seed = ["bench/seed.py", "--rows", str(opts.rows), "--tag", "match"]
        subprocess.run([sys.executable, *seed], env={**env, "URBANFORUM_DEV": "1"}, check=True)
    store = ["-m", "urbanforum", "match", "practices", "--query", "warm", "--json"]
    subprocess.run([sys.executable, *store], env=env, cwd=ROOT, check=True, capture_output=True)
    rows = {
        "warmed at boot (default)": _serve({**env, "URBANFORUM_WARM_MATCHING": "1"}, opts.searches),
        "not warmed": _serve({**env, "URBANFORUM_WARM_MATCHING": "0"}, opts.searches),
    }
    print(f"{opts.rows:,} rows of each kind, embedder {opts.embedder}; seconds per request")
    print("| worker | " + " | ".join(f"search {i + 1}" for i in range(opts.searches)) + " |")
    print("|---|" + "---|" * opts.searches)
    for label, times in rows.items():
        print(f"| {label} | " + " | ".join(f"{t:.3f}" for t in times) + " |")


if __name__ == "__main__":
    main()
