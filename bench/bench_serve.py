"""A bounded load test of `urbanforum serve`: requests per second, latency and errors, with the
page cache off and on, side by side in one run.

    python bench/bench_serve.py --rows 10000 --clients 8 --seconds 20 --workers 2

The database is the one bench/bench_lists.py seeds (SQLite under --workdir, seeded once with
bench/seed.py and reused). For each mode the script starts `urbanforum serve` in production mode
(gunicorn, DEBUG off) on a free port, waits for /api/v1/health, lets `--clients` threads send
anonymous GETs for `--seconds` (each thread with its own keep-alive connection, taking the public
list pages and API lists in turn, first and second page), then stops the server. Every answer that
is not 200 — or a connection error — counts as an error; the script exits non-zero on any error.

Latency is measured by the client (network round trip on localhost included). The machine may be
shared: compare the modes of one run (same load), not absolute figures across runs.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import bench_lists  # bench/ is the script's directory

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "/challenges/",
    "/practices/",
    "/marketplace/solutions/",
    "/marketplace/experts/",
    "/cities/",
    "/community/events/",
    "/processes/",
    "/procurement/",
    "/api/v1/challenges",
    "/api/v1/practices",
    "/api/v1/solutions",
    "/api/v1/experts",
    "/api/v1/cities",
    "/api/v1/events",
    "/api/v1/processes",
    "/api/v1/procurements",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _start(env: dict[str, str], port: int, workers: int, workdir: Path) -> subprocess.Popen[str]:
    log = open(workdir / f"serve-{port}.log", "w")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "urbanforum",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    sys.exit(f"urbanforum serve did not start; see {log.name}")


def _load(port: int, clients: int, seconds: float) -> dict[str, float]:
    """`clients` threads, each with one keep-alive connection, for `seconds`."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    urls = [p + suffix for p in PATHS for suffix in ("", "?page=2")]

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = offset
        mine: list[float] = []
        bad: list[str] = []
        while time.monotonic() < stop:
            url = urls[i % len(urls)]
            i += 1
            start = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Accept-Language": "en"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(f"{response.status} {url}")
            except (OSError, http.client.HTTPException) as exc:
                bad.append(f"{type(exc).__name__} {url}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(n * 3,)) for n in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    if errors:
        print(f"  errors ({len(errors)}), first: {errors[:5]}")
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": _percentile(latencies, 0.95) * 1000,
        "errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    opts = parser.parse_args()
    opts.postgres = None
    workdir = Path(opts.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    env = bench_lists.prepare("sqlite", opts.rows, opts)
    env = {k: v for k, v in env.items() if k not in {"URBANFORUM_DEV", "DEBUG"}}
    env.update(
        {
            "URBANFORUM_TESTING": "0",
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "URBANFORUM_VAR": str(workdir / "serve-var"),
        }
    )
    print(
        f"# urbanforum serve, {opts.workers} workers, {opts.clients} clients x {opts.seconds:.0f} s, "
        f"SQLite with {opts.rows} rows of each kind; load average before: {os.getloadavg()[0]:.1f}"
    )
    print("| page cache | requests | requests/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|")
    failed = False
    for label, cache_seconds in (("off", "0"), ("on", "300")):
        port = _free_port()
        proc = _start(
            {**env, "URBANFORUM_PAGE_CACHE_SECONDS": cache_seconds}, port, opts.workers, workdir
        )
        try:
            result = _load(port, opts.clients, opts.seconds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        failed |= result["errors"] > 0
        print(
            f"| {label} | {result['requests']:.0f} | {result['rps']:.1f} | {result['p50']:.1f} | "
            f"{result['p95']:.1f} | {result['errors']:.0f} |"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
