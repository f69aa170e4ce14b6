"""Helpers of the operations tests: fresh PostgreSQL databases, Redis, and `urbanforum` run as a
separate process (as an operator runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import service_unavailable

REPO = Path(__file__).resolve().parents[2]
# The PostgreSQL server the tests create their own databases on, and the Redis they share.
POSTGRES_ADMIN_URL = os.environ.get(
    "URBANFORUM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("URBANFORUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def urbanforum(
    *args: str, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `urbanforum …` in a fresh process with `env` on top of a clean test environment."""
    full = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "PROCUREMENT_SEALING_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    full.update({"URBANFORUM_TESTING": "1", "PYTHONPATH": str(REPO / "src"), **env})
    return subprocess.run(
        [sys.executable, "-m", "urbanforum", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


def _admin_connect():  # type: ignore[no-untyped-def]
    try:
        import psycopg

        return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except Exception:
        service_unavailable("PostgreSQL")
        raise


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    admin = _admin_connect()
    name = f"uf_ops_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def redis_url() -> str:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception:
        service_unavailable("Redis")
    return REDIS_URL
