"""The OCDS export: valid against OCDS 1.1.5 + extensions (offline), joint-procurement parties, and
never a bid's content before opening."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.conftest import World, data_unavailable
from tests.procurement.conftest import Clock, Tender, bid_input, scores, sealed_bid
from urbanforum.procurement import ocds, services

pytestmark = pytest.mark.django_db


def _valid(package: dict[str, Any]) -> None:
    try:
        errors = ocds.validation_errors(package)
    except FileNotFoundError:
        data_unavailable("the OCDS schema (ocds/ in the reference data)")
    assert errors == []


def test_the_validator_accepts_the_valid_example_and_rejects_the_invalid_one() -> None:
    folder = ocds.schema_folder()
    if folder is None:
        data_unavailable("the OCDS schema (ocds/ in the reference data)")
    assert folder is not None
    good = json.loads(
        (folder / "examples-authored/joint-procurement-release-package.json").read_text()
    )
    bad = json.loads(
        (folder / "examples-authored/joint-procurement-release-package.INVALID.json").read_text()
    )
    assert ocds.validation_errors(good) == []
    errors = "\n".join(ocds.validation_errors(bad))
    assert "lots/0/value/amount" in errors and "winning" in errors and "sometimes" in errors


def _full_cycle(t: Tender, world: World, clock: Clock) -> None:
    sealed_bid(t, amount="1000000")
    services.bid_submit(
        actor=t.rival_bidder, lot=t.lot, bidder=t.rival, data=bid_input("800000", "Rival")
    )
    services.evaluator_add(actor=world.users["editor"], procurement=t.procurement, user=t.evaluator)
    clock.after_deadline()
    services.bids_open(actor=world.users["editor"], procurement=t.procurement)
    services.evaluator_declare(actor=t.evaluator, procurement=t.procurement, confirm=True)
    q = t.procurement.criteria.get(kind="quality")
    for bid in t.procurement.bids.all():
        services.scores_submit(actor=t.evaluator, bid=bid, data=scores({q.pk: 70}))
    services.lot_award(actor=world.users["editor"], lot=t.lot)


def test_awarded_joint_procurement_is_valid_ocds_with_every_buyer(
    tender: Tender, world: World, clock: Clock
) -> None:
    _full_cycle(tender, world, clock)
    package = ocds.build_package([tender.procurement])
    _valid(package)
    [release] = package["releases"]
    roles = {p["name"]: p["roles"] for p in release["parties"]}
    assert roles["City of Helsinki"] == ["buyer", "leadBuyer", "procuringEntity"]
    assert roles["Tallinn City Government"] == ["buyer"] and roles["City of Espoo"] == ["buyer"]
    assert roles["Baltic Lights AS"] == ["tenderer", "supplier"]
    assert (
        release["buyer"]["name"]
        == release["tender"]["procuringEntity"]["name"]
        == "City of Helsinki"
    )
    assert release["tag"] == ["award", "contract"]
    [award] = release["awards"]
    assert {b["name"] for b in award["buyers"]} == {
        "City of Helsinki",
        "Tallinn City Government",
        "City of Espoo",
    }
    assert award["value"] == {"amount": 800000, "currency": "EUR"}
    assert sorted(c["buyer"]["name"] for c in release["contracts"]) == [
        "City of Espoo",
        "City of Helsinki",
        "Tallinn City Government",
    ]
    assert sum(c["value"]["amount"] for c in release["contracts"]) == 800000
    assert release["bids"]["statistics"][0]["value"] == 2
    assert release["tender"]["lots"][0]["value"] == {"amount": 1000000, "currency": "EUR"}


def test_no_bid_content_before_opening(tender: Tender, world: World, clock: Clock) -> None:
    sealed_bid(tender)
    before = json.dumps(ocds.build_package([tender.procurement]))
    assert "bids" not in json.loads(before)["releases"][0]
    assert "912345" not in before and "ZEBRA" not in before and "Snowline" not in before
    clock.after_deadline()  # deadline passed, not opened: statistics only
    after = ocds.build_package([tender.procurement])
    _valid(after)
    text = json.dumps(after)
    assert after["releases"][0]["bids"] == {
        "statistics": [
            {
                "id": f"STAT-{tender.lot.pk}",
                "measure": "bids",
                "value": 1,
                "relatedLot": "LOT-1",
                "date": "2026-03-31T09:00:00Z",
            }
        ]
    }
    assert "912345" not in text and "ZEBRA" not in text and "Snowline" not in text


def test_draft_and_published_releases_are_valid(world: World, clock: Clock) -> None:
    from tests.procurement.conftest import build_tender

    draft = build_tender(world, clock, publish=False)
    package = ocds.build_package([draft.procurement])
    _valid(package)
    assert package["releases"][0]["tag"] == ["planning"]


def test_cli_writes_the_package(tender: Tender, world: World, clock: Clock, tmp_path: Path) -> None:
    _full_cycle(tender, world, clock)
    out = tmp_path / "ocds.json"
    call_command("procurement", "ocds", "--out", str(out))
    package = json.loads(out.read_text())
    assert [r["tender"]["title"] for r in package["releases"]] == [
        "Smart street lighting controllers"
    ]
    _valid(package)


def test_cli_as_written(tmp_path: Path) -> None:
    """`urbanforum procurement ocds --out FILE.json` against the database DATABASE_URL names."""
    db = tmp_path / "db.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{db}",
        "URBANFORUM_DEV": "1",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    subprocess.run([sys.executable, "-m", "urbanforum", "migrate", "-v0"], check=True, env=env)
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "urbanforum", "procurement", "ocds", "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "Wrote 0 release(s)" in done.stderr
    package = json.loads(out.read_text())
    assert package["version"] == "1.1" and package["releases"] == []
