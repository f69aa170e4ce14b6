"""Platform plumbing: OpenAPI, settings, services (PostgreSQL, Redis), tasks, CLI, demo."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.conftest import data_unavailable, service_unavailable
from urbanforum.accounts.models import Membership, Organisation, User
from urbanforum.cities.models import City
from urbanforum.core.datadir import data_dir


@pytest.mark.django_db
def test_openapi_document_validates(client: Any) -> None:
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert "/api/v1/cities" in spec["paths"] and "/api/v1/organisations" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_database_under_test_is_the_one_configured() -> None:
    url = os.environ.get("DATABASE_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    if url.startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"


@pytest.mark.django_db
def test_postgresql_is_reachable() -> None:
    """CI runs the whole suite on PostgreSQL too; this proves the server answers."""
    import psycopg

    try:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3
        ) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
    except psycopg.OperationalError:
        service_unavailable("PostgreSQL on 127.0.0.1:5432")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("show server_version")
            assert cur.fetchone()[0]


def test_redis_cache_round_trip() -> None:
    """Django's own Redis cache backend (the one settings use when REDIS_URL is set)."""
    from django.core.cache.backends.redis import RedisCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = RedisCache(
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"), {"KEY_PREFIX": "uf-test"}
    )
    try:
        cache.set("answer", 42, timeout=10)
    except RedisConnectionError:
        service_unavailable("Redis on 127.0.0.1:6379")
    assert cache.get("answer") == 42
    cache.delete("answer")


@pytest.mark.django_db
def test_tasks_run_immediately_in_tests() -> None:
    from django.core import mail

    from urbanforum.core.tasks import send_email

    result = send_email.enqueue("Hello", "Body", ["a@example.org"])
    assert result.status == "SUCCESSFUL"
    assert mail.outbox[0].subject == "Hello"


def test_production_settings_refuse_to_start_without_secret_key() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "URBANFORUM_DEV", "DEBUG", "URBANFORUM_TESTING"}
    }
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='urbanforum.settings'; django.setup()"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "URBANFORUM_TESTING": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "SECRET_KEY is not set" in proc.stderr


def test_cli_help_lists_the_commands() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "urbanforum", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    for command in ("serve", "dev", "demo", "migrate", "worker", "index"):
        assert f"urbanforum {command}" in proc.stdout


@pytest.mark.django_db(transaction=True)
def test_demo_loads_real_cities_and_accounts_and_is_idempotent() -> None:
    if data_dir() is None:
        data_unavailable("the reference data folder")
    out = StringIO()
    call_command("demo", "--skip-content", stdout=out)
    first = (
        City.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    text = out.getvalue()
    assert "coordinator@urbanforum.example" in text and "urbanforum-demo" in text
    assert City.objects.get(eurostat_code="FI001C").administration.name == "City of Helsinki"
    call_command("demo", "--skip-content", stdout=StringIO())
    assert (
        City.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == first
    assert User.objects.get(email="coordinator@urbanforum.example").check_password(
        "urbanforum-demo"
    )
