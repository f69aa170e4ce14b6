"""Backup and restore (issue 12, point 5): one file, engine-neutral and exact to the microsecond;
restored into an empty SQLite or PostgreSQL database with every row, every sealed bid still
authenticating (`urbanforum procurement verify`), refused into a non-empty database or under
another sealing key; and the old breach: dumpdata/loaddata break every sealed bid."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.conftest import World
from tests.procurement.conftest import T0, Clock, Tender, build_tender, sealed_bid
from tests.site.conftest import urbanforum
from urbanforum.procurement.models import Bid
from urbanforum.site.backup import backed_up_models

MICRO = timedelta(seconds=7, microseconds=123_457)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "source-media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def tender(world: World, media: Path) -> Iterator[Tender]:
    """A published procurement with two sealed bids submitted at times with microseconds, and an
    uploaded file."""
    clock = Clock(T0)
    with patch("urbanforum.procurement.clock.now", clock):
        t = build_tender(world, clock)
        clock.set(T0 + MICRO)
        sealed_bid(t)
        clock.set(T0 + 2 * MICRO)
        from tests.procurement.conftest import bid_input
        from urbanforum.procurement import services

        services.bid_submit(
            actor=t.rival_bidder, lot=t.lot, bidder=t.rival, data=bid_input("800000.01", "Ours")
        )
        assert sorted(b.submitted_at.microsecond for b in Bid.objects.all()) == [123_457, 246_914]
        yield t


def take_backup(path: Path) -> dict[str, Any]:
    default_storage.save("processes/1/plan.pdf", ContentFile(b"%PDF-1.4 the plan\n"))
    out = io.StringIO()
    call_command("backup", "--out", str(path), stdout=out)
    assert "Wrote" in out.getvalue()
    with zipfile.ZipFile(path) as zf:
        manifest: dict[str, Any] = json.loads(zf.read("manifest.json"))
    return manifest


def test_the_backup_is_one_file_with_typed_rows_media_and_a_manifest(
    tender: Tender, tmp_path: Path
) -> None:
    manifest = take_backup(tmp_path / "b.zip")
    assert manifest["format"] == "urbanforum-backup/1" and manifest["engine"] == connection.vendor
    assert "0002_official" in manifest["migrations"]["benchmark"]
    assert manifest["media"] == ["processes/1/plan.pdf"]
    tables = {m._meta.db_table for m in backed_up_models()}
    assert set(manifest["tables"]) == tables and "django_session" in tables
    assert manifest["tables"]["procurement_bid"] == {"model": "procurement.Bid", "rows": 2}
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        lines = zf.read("data/procurement_bid.jsonl").decode().splitlines()
    header = json.loads(lines[0])
    at = [c for c, _ in header["columns"]].index("submitted_at")
    assert json.loads(lines[1])[at] == "2026-03-01T09:00:07.123457+00:00"  # microseconds kept


@pytest.mark.services
@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_backup_restores_with_every_row_and_every_bid_authenticating(
    engine: str, tender: Tender, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The backup of the test database (SQLite under `make test`; PostgreSQL in CI's second run)
    into a fresh SQLite file and a fresh PostgreSQL database: SQLite → PostgreSQL is the move up."""
    manifest = take_backup(tmp_path / "b.zip")
    if engine == "postgresql":
        url = request.getfixturevalue("fresh_postgres")
    else:
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    env = {"DATABASE_URL": url, "URBANFORUM_VAR": str(tmp_path / "var")}
    restored = urbanforum("restore", str(tmp_path / "b.zip"), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "2 sealed bid(s) authenticate" in restored.stdout

    verify = urbanforum("procurement", "verify", env=env)
    assert verify.returncode == 0, verify.stderr
    assert "All 2 sealed bid(s) authenticate." in verify.stdout
    # every row: the target's counts equal the manifest's, table by table
    counts = _counts(url, list(manifest["tables"]))
    assert counts == {t: info["rows"] for t, info in manifest["tables"].items()}
    assert sum(counts.values()) > 100
    assert (tmp_path / "var" / "media" / "processes" / "1" / "plan.pdf").read_bytes() == (
        b"%PDF-1.4 the plan\n"
    )
    # new rows get fresh ids (PostgreSQL's sequences were reset), and the microseconds survived
    script = (
        "from urbanforum.accounts.models import Organisation as O;"
        "from urbanforum.procurement.models import Bid;"
        "o = O.objects.create(name='After the move', kind='company');"
        "print(o.pk, sorted(b.submitted_at.microsecond for b in Bid.objects.all()))"
    )
    shell = urbanforum("shell", "-c", script, env=env)
    assert shell.returncode == 0, shell.stderr
    new_pk, micro = shell.stdout.strip().splitlines()[-1].split(" ", 1)
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        lines = zf.read("data/accounts_organisation.jsonl").decode().splitlines()[1:]
    assert int(new_pk) == max(json.loads(line)[0] for line in lines) + 1
    assert micro.strip() == "[123457, 246914]"

    # a second restore into the same (now full) database is refused, and changes nothing
    again = urbanforum("restore", str(tmp_path / "b.zip"), env=env)
    assert again.returncode != 0 and "The database is not empty" in again.stderr
    organisations = manifest["tables"]["accounts_organisation"]["rows"] + 1
    assert _counts(url, ["accounts_organisation"])["accounts_organisation"] == organisations

    # the same database under another sealing key: verify fails loudly, naming each bid
    other = urbanforum("procurement", "verify", env={**env, "PROCUREMENT_SEALING_KEY": "other"})
    assert other.returncode == 1
    for bid in Bid.objects.all():
        assert f"bid {bid.public_id} (sealed): does not authenticate" in other.stderr
    assert "2 of 2 sealed bid(s) do not authenticate" in other.stderr


def test_a_restore_under_another_sealing_key_is_refused_before_anything_is_touched(
    tender: Tender, tmp_path: Path
) -> None:
    take_backup(tmp_path / "b.zip")
    db = tmp_path / "restored.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{db}",
        "URBANFORUM_VAR": str(tmp_path / "var"),
        "PROCUREMENT_SEALING_KEY": "not-the-old-key",
    }
    result = urbanforum("restore", str(tmp_path / "b.zip"), env=env)
    assert result.returncode != 0
    assert "2 sealed bid(s) sealed under another sealing key" in result.stderr
    tables = sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == []  # no schema, no row


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path, db: Any) -> None:
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not an urbanforum backup"):
        call_command("restore", str(bogus))
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(CommandError, match=r"no manifest\.json"):
        call_command("restore", str(tmp_path / "y.zip"))


def test_dumpdata_and_loaddata_break_every_sealed_bid_and_verify_names_them(
    tender: Tender, tmp_path: Path
) -> None:
    """The breach of the first version: a dumpdata/loaddata round trip keeps every row but cuts
    the submission times to milliseconds, and the time is part of each bid's associated data."""
    call_command("procurement", "verify", stdout=io.StringIO())  # all authenticate
    dump = tmp_path / "bids.json"
    call_command("dumpdata", "procurement.bid", output=str(dump), stdout=io.StringIO())
    assert ".123Z" in dump.read_text() and ".123457" not in dump.read_text()
    call_command("loaddata", str(dump), stdout=io.StringIO())
    assert Bid.objects.count() == 2  # every row kept …
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 of 2 sealed bid"):  # … and every bid broken
        call_command("procurement", "verify", stderr=err, stdout=io.StringIO())
    for bid in Bid.objects.all():
        assert bid.public_id in err.getvalue()


def _counts(url: str, tables: list[str]) -> dict[str, int]:
    if url.startswith("sqlite:///"):
        conn: Any = sqlite3.connect(url.removeprefix("sqlite:///"))
        query = 'SELECT COUNT(*) FROM "{}"'
    else:
        import psycopg

        conn = psycopg.connect(url)
        query = 'SELECT COUNT(*) FROM "{}"'
    try:
        return {t: conn.execute(query.format(t)).fetchone()[0] for t in tables}
    finally:
        conn.close()


def _rewrite(src: Path, dst: Path, change: Any) -> None:
    """Copy a backup, letting `change(name, data) -> data` rewrite its entries."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))


def test_a_backup_of_a_newer_version_is_refused(tender: Tender, tmp_path: Path) -> None:
    take_backup(tmp_path / "b.zip")

    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["benchmark"].append("0099_from_the_future")
        return json.dumps(manifest).encode()

    _rewrite(tmp_path / "b.zip", tmp_path / "newer.zip", newer)
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'r.sqlite3'}", "URBANFORUM_VAR": str(tmp_path)}
    result = urbanforum("restore", str(tmp_path / "newer.zip"), env=env)
    assert result.returncode != 0
    assert "taken by a newer urbanforum" in result.stderr and "benchmark.0099" in result.stderr


def test_a_backup_of_an_older_version_is_restored_and_migrated_forward(
    world: World, tmp_path: Path
) -> None:
    """A backup taken before the benchmark's migration 0002 (no official runs yet): the restore
    creates the old schema, loads the rows and migrates forward — the data migration then makes
    the system's finished run official, as on an upgraded installation."""
    from tests.benchmark.factories import make_data
    from urbanforum.benchmark import services as bench

    run = bench.run_create(actor=None, framework=make_data(), year=2019, peer_group="bsr")
    call_command("backup", "--out", str(tmp_path / "b.zip"), stdout=io.StringIO())
    new = {"organisation_id", "is_official", "published_at", "published_by_id"}

    def older(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"]["benchmark"].remove("0002_official")
            return json.dumps(manifest).encode()
        if name != "data/benchmark_benchmarkrun.jsonl":
            return data
        header, *rows = [json.loads(line) for line in data.decode().splitlines()]
        keep = [i for i, (column, _) in enumerate(header["columns"]) if column not in new]
        header["columns"] = [header["columns"][i] for i in keep]
        lines = [header] + [[row[i] for i in keep] for row in rows]
        return "\n".join(json.dumps(line) for line in lines).encode() + b"\n"

    _rewrite(tmp_path / "b.zip", tmp_path / "older.zip", older)
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'r.sqlite3'}", "URBANFORUM_VAR": str(tmp_path)}
    result = urbanforum("restore", str(tmp_path / "older.zip"), env=env)
    assert result.returncode == 0, result.stderr
    script = (
        "from urbanforum.benchmark.models import BenchmarkRun as R;"
        "print([(r.pk, r.is_official, r.status) for r in R.objects.all()])"
    )
    shell = urbanforum("shell", "-c", script, env=env)
    assert shell.stdout.strip().splitlines()[-1] == f"[({run.pk}, True, 'done')]"
