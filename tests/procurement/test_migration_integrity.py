"""Migration 0003_integrity on existing data: every bid gets its own random public id, and the bids of
procurements already opened get their numbers 1, 2, … in the order of submission."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("procurement", "0002_jointprocurement_process")]
AFTER = [("procurement", "0003_integrity")]


@pytest.mark.django_db(transaction=True)
def test_existing_bids_get_random_ids_and_opened_ones_numbers() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        apps: Any = executor.loader.project_state(BEFORE).apps
        Organisation = apps.get_model("accounts", "Organisation")
        City = apps.get_model("cities", "City")
        JointProcurement = apps.get_model("procurement", "JointProcurement")
        Lot = apps.get_model("procurement", "Lot")
        Bid = apps.get_model("procurement", "Bid")
        buyer = Organisation.objects.create(name="City of Helsinki", slug="hel", kind="city")
        city = City.objects.create(name="Helsinki", slug="helsinki-fi", country="FI")
        t0 = datetime(2026, 3, 1, tzinfo=UTC)
        ids = {}
        for ref, opened in (("opened-one", t0 + timedelta(days=31)), ("still-sealed", None)):
            p = JointProcurement.objects.create(
                reference=ref,
                title=ref,
                lead_organisation=buyer,
                lead_city=city,
                clarification_deadline=t0,
                bid_deadline=t0 + timedelta(days=30),
                status="opened" if opened else "published",
                opened_at=opened,
                seal_salt="c2FsdA==",
            )
            lot = Lot.objects.create(procurement=p, number=1, title="Lot")
            for i in range(3):
                bidder = Organisation.objects.create(name=f"{ref} {i}", slug=f"{ref}-{i}")
                bid = Bid.objects.create(
                    procurement=p,
                    lot=lot,
                    bidder=bidder,
                    submitted_at=t0 + timedelta(hours=3 - i),  # the last created is the first
                    status="opened" if opened else "sealed",
                    ciphertext="x",
                    key_for_opening="x",
                    key_for_bidder="x",
                    receipt_hash="0" * 64,
                )
                ids[bid.pk] = ref
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        Bid = apps.get_model("procurement", "Bid")
        rows = list(Bid.objects.order_by("pk").values("pk", "public_id", "number", "submitted_at"))
        public_ids = [r["public_id"] for r in rows]
        assert len(set(public_ids)) == 6 and all(len(i) >= 20 for i in public_ids)
        opened = sorted(
            (r["submitted_at"], r["number"]) for r in rows if ids[r["pk"]] == "opened-one"
        )
        assert [n for _, n in opened] == [1, 2, 3]
        assert [r["number"] for r in rows if ids[r["pk"]] == "still-sealed"] == [None] * 3
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
