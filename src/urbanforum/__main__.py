"""The `urbanforum` command line.

    urbanforum serve [--bind HOST:PORT] [--workers N] [--timeout S]
                                                        production WSGI server (gunicorn)
    urbanforum dev [HOST:PORT]                          development server with reload
    urbanforum demo                                     load the real demo data (idempotent)
    urbanforum migrate                                  apply database migrations
    urbanforum worker                                   run background tasks
    urbanforum index build|uncertainty …                composite-index engine (no database)
    urbanforum <django command> …                       any Django management command

Every command honours DATABASE_URL and the other settings in README.md.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"worker": ["db_worker"], "dev": ["runserver"], "migrate": ["migrate"]}
# Commands implemented outside Django: they must run without a database.
PURE = {"index"}
# gunicorn's default (30 s) is within reach of the slowest legitimate request on a loaded
# machine: a search on a worker whose matching index must still be built (10–15 s with 20,000
# items measured), an OCDS export of every procurement. Two minutes leaves room; a request that
# needs more is a bug to fix, not to wait for.
SERVE_TIMEOUT = 120


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanforum.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["urbanforum", *argv])
    return 0


def _serve(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="urbanforum serve", description="Production server (gunicorn)."
    )
    parser.add_argument("--bind", default=os.environ.get("URBANFORUM_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument(
        "--timeout",
        type=int,
        default=int(os.environ.get("URBANFORUM_SERVE_TIMEOUT", str(SERVE_TIMEOUT))),
        help="seconds a worker may spend on one request before it is restarted",
    )
    parser.add_argument("--no-collectstatic", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanforum.settings")
    if not args.no_collectstatic:
        _django(["collectstatic", "--noinput", "--verbosity", "0"])
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        # The app (settings, URL configuration, the API's endpoints, templates) is loaded and
        # warmed once in the master before the workers fork: a worker's first request is as
        # fast as its second, and the workers share those pages of memory.
        "--preload",
        "--timeout",
        str(args.timeout),
        "--graceful-timeout",
        "30",
        "--keep-alive",
        "5",
        "--access-logfile",
        "-",
        "urbanforum.wsgi:application",
    ]
    run()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "index":
        from urbanforum.benchmark.cli import main as index_main

        return index_main(rest)
    if command == "serve":
        return _serve(rest)
    if command in ALIASES:
        return _django([*ALIASES[command], *rest])
    return _django(argv)


if __name__ == "__main__":
    sys.exit(main())
