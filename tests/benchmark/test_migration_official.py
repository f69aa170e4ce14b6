"""Migration 0002_official on existing runs: the system's finished runs (the demo's) become the
official ones; a member's run becomes private to their earliest organisation, not public."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# accounts at its latest state: the historical User must carry every column the table has
BEFORE = [("benchmark", "0001_initial"), ("accounts", "0004_time_zone")]
AFTER = [("benchmark", "0002_official"), ("accounts", "0004_time_zone")]


@pytest.mark.django_db(transaction=True)
def test_system_runs_become_official_and_members_runs_private() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        apps: Any = executor.loader.project_state(BEFORE).apps
        User = apps.get_model("accounts", "User")
        Organisation = apps.get_model("accounts", "Organisation")
        Membership = apps.get_model("accounts", "Membership")
        Framework = apps.get_model("indicators", "Framework")
        Run = apps.get_model("benchmark", "BenchmarkRun")
        first = Organisation.objects.create(name="Helsinki", slug="hel", kind="city")
        second = Organisation.objects.create(name="Network", slug="net", kind="network")
        member = User.objects.create(email="m@hel.example")
        Membership.objects.create(user=member, organisation=first, role="member")
        Membership.objects.create(user=member, organisation=second, role="admin")
        loner = User.objects.create(email="loner@example.org")
        fw = Framework.objects.create(code="fw", name="FW")
        ids = {
            name: Run.objects.create(
                framework=fw, year=2019, peer_group="bsr", status=status, created_by=by
            ).pk
            for name, status, by in [
                ("demo", "done", None),
                ("demo-failed", "failed", None),
                ("members", "done", member),
                ("loners", "done", loner),
            ]
        }
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        Run = apps.get_model("benchmark", "BenchmarkRun")
        got = {
            name: Run.objects.values("is_official", "organisation_id").get(pk=pk)
            for name, pk in ids.items()
        }
        assert got == {
            "demo": {"is_official": True, "organisation_id": None},
            "demo-failed": {"is_official": False, "organisation_id": None},
            "members": {"is_official": False, "organisation_id": first.pk},
            "loners": {"is_official": False, "organisation_id": None},
        }
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
