"""Server time of every list page and API list, first vs deep page, a demo-sized handful of rows
side by side with N rows, on SQLite and (optionally) PostgreSQL — in one run.

    URBANFORUM_DEV=1 python bench/bench_lists.py --rows 10000 --repeat 15 \\
        --postgres postgres://postgres@127.0.0.1:5432

For each backend and size the script prepares a database (SQLite files under --workdir; PostgreSQL
databases `uf_bench_<rows>`), migrates it and seeds it with bench/seed.py — once: a database that
already holds the seed is reused. Then a fresh process per database requests every URL in-process
through Django's test client (middleware, views, queries, templates — no network), a warm-up
request first, then `--repeat` rounds taking the URLs in turn, and reports p50/p95 in ms.

The deep page is the last page of the list (the one with the largest OFFSET), found from the API
twin's `pages`. Anonymous requests, except the notifications (the seeded recipient, logged in).
The machine may be shared: compare the ratio columns (the same run, the same load), not
absolute milliseconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_ROWS = 25
TAG = "bench"
RECIPIENT = "reader@bench.example"

# (name, page URL or None, API URL); {group} and {thread} are filled from the seed.
LISTS = [
    ("challenges", "/challenges/", "/api/v1/challenges"),
    ("practices", "/practices/", "/api/v1/practices"),
    ("solutions", "/marketplace/solutions/", "/api/v1/solutions"),
    ("experts", "/marketplace/experts/", "/api/v1/experts"),
    ("cities", "/cities/", "/api/v1/cities"),
    ("events", "/community/events/", "/api/v1/events"),
    ("processes", "/processes/", "/api/v1/processes"),
    ("procurements", "/procurement/", "/api/v1/procurements"),
    ("group threads", "/community/groups/{group}/", "/api/v1/groups/{group}/threads"),
    ("thread posts", "/community/threads/{thread}/", "/api/v1/threads/{thread}"),
    ("notifications", "/notifications/", "/api/v1/notifications"),
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(repeat: int) -> dict[str, Any]:
    """In the child process: time every URL against the configured database."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanforum.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from urbanforum.accounts.models import User
    from urbanforum.community.models import Thread, WorkingGroup

    settings.ALLOWED_HOSTS = ["*"]
    # The figures are what building a page costs: the page cache (core.pagecache) would answer every
    # anonymous repeat from memory and hide it.
    settings.URBANFORUM_PAGE_CACHE_SECONDS = 0
    group = WorkingGroup.objects.get(slug=f"{TAG}-group")
    thread = Thread.objects.filter(group=group).order_by("pk").first()
    assert thread is not None
    anonymous, reader = Client(), Client()
    reader.force_login(User.objects.get(email=RECIPIENT))

    urls: list[tuple[str, str, Client]] = []  # (label, url, client)
    for name, page, api_url in LISTS:
        client = reader if name == "notifications" else anonymous
        api_url = api_url.format(group=group.slug, thread=thread.pk)
        first = client.get(api_url)
        assert first.status_code == 200, (api_url, first.status_code)
        pages = int(first.json().get("pages", 1))
        for which, number in (("first", 1), ("deep", pages)):
            urls.append((f"{name} | API | {which}", f"{api_url}?page={number}", client))
            if page is not None:
                url = page.format(group=group.slug, thread=thread.pk)
                urls.append((f"{name} | page | {which}", f"{url}?page={number}", client))
    times: dict[str, list[float]] = {label: [] for label, _, _ in urls}
    for _label, url, client in urls:  # warm-up
        assert client.get(url).status_code == 200, url
    for _ in range(repeat):
        for label, url, client in urls:
            start = time.perf_counter()
            response = client.get(url)
            times[label].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
    return {
        label: {"p50": statistics.median(v), "p95": _percentile(v, 0.95)}
        for label, v in times.items()
    }


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _database(backend: str, rows: int, opts: argparse.Namespace) -> str:
    if backend == "sqlite":
        return f"sqlite:///{Path(opts.workdir).resolve() / f'bench_{rows}.sqlite3'}"
    import psycopg

    name = f"uf_bench_{rows}"
    with psycopg.connect(f"{opts.postgres}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{opts.postgres}/{name}"


def prepare(backend: str, rows: int, opts: argparse.Namespace) -> dict[str, str]:
    """Environment of a migrated database seeded with `rows` rows (seeded once, then reused)."""
    env = {**os.environ, "DATABASE_URL": _database(backend, rows, opts), "URBANFORUM_DEV": "1"}
    check = "from urbanforum.community.models import WorkingGroup as G; print(G.objects.filter(slug='bench-group').exists())"
    _run(["-m", "urbanforum", "migrate", "--verbosity", "0"], env)
    seeded = _run(["-m", "urbanforum", "shell", "-c", check], env).strip().endswith("True")
    if not seeded:
        start = time.perf_counter()
        _run(["bench/seed.py", "--rows", str(rows), "--tag", TAG, "--recipient", RECIPIENT], env)
        print(f"  seeded {backend} with {rows} rows in {time.perf_counter() - start:.0f} s")
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres", default="", help="postgres://user@host:port (no database)")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.measure:
        print(json.dumps(measure(opts.repeat)))
        return
    Path(opts.workdir).mkdir(parents=True, exist_ok=True)
    backends = ["sqlite"] + (["postgresql"] if opts.postgres else [])
    results: dict[tuple[str, int], dict[str, Any]] = {}
    for backend in backends:
        for rows in (DEMO_ROWS, opts.rows):
            env = prepare(backend, rows, opts)
            out = _run(["bench/bench_lists.py", "--measure", "--repeat", str(opts.repeat)], env)
            results[(backend, rows)] = json.loads(out.strip().splitlines()[-1])
    for backend in backends:
        demo, big = results[(backend, DEMO_ROWS)], results[(backend, opts.rows)]
        print(f"\n### {backend}: {DEMO_ROWS} vs {opts.rows:,} rows of each kind (ms)\n")
        print(
            f"| list | page/API | which | {DEMO_ROWS} rows p50 / p95 | {opts.rows:,} rows "
            "p50 / p95 | ratio p50 |"
        )
        print("|---|---|---|---|---|---|")
        worst = 0.0
        for label in demo:
            a, b = demo[label], big[label]
            ratio = b["p50"] / a["p50"]
            worst = max(worst, ratio)
            print(
                f"| {label} | {a['p50']:.1f} / {a['p95']:.1f} | {b['p50']:.1f} / "
                f"{b['p95']:.1f} | {ratio:.2f} |"
            )
        print(f"\nWorst ratio p50 ({backend}): {worst:.2f}")


if __name__ == "__main__":
    main()
