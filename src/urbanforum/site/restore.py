"""`urbanforum restore FILE`: load a backup (site.backup) into the EMPTY database that
DATABASE_URL names — SQLite or PostgreSQL, whichever took the backup.

1. Check the file (format, every table file present) and the sealing key: a backup with bids
   taken under another sealing key is refused before anything is touched (its bids would never
   open here).
2. Refuse a database that holds data (anything beyond what `migrate` itself writes).
3. Create the schema as the backup had it (its applied migrations; refused when it has
   migrations this version does not know — a backup of a newer urbanforum).
4. In ONE transaction: empty what the migrations wrote, insert every row with its own primary key
   (typed values, exact to the microsecond), reset PostgreSQL's sequences, compare every table's
   row count with the manifest and check that every sealed bid authenticates — any failure rolls
   the whole load back.
5. Migrate forward to this version's schema (data migrations run on the restored rows) and copy
   the media files into the default storage.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor

from urbanforum.procurement.integrity import seal_problems
from urbanforum.procurement.sealing import key_fingerprint
from urbanforum.site.backup import FORMAT

# Written by `migrate` itself (and its post_migrate handlers), so present in an "empty" database.
MIGRATE_WRITES = {"django_migrations", "django_content_type", "auth_permission"}
BATCH = 1000


class RestoreError(Exception):
    """The backup cannot be restored here; nothing was loaded."""


def decode(kind: str, value: Any) -> Any:
    """The inverse of `backup.encode`: a JSON value as the Python value of a column of `kind`."""
    if value is None:
        return None
    if kind == "DateTimeField":
        return datetime.fromisoformat(value)
    if kind == "DateField":
        return date.fromisoformat(value)
    if kind == "TimeField":
        return time.fromisoformat(value)
    if kind == "DurationField":
        return timedelta(microseconds=value)
    if kind == "DecimalField":
        return Decimal(value)
    if kind == "BinaryField":
        return base64.b64decode(value)
    if kind == "UUIDField":
        return UUID(value)
    return value


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(zf.read("manifest.json"))
    except KeyError:
        raise RestoreError("Not an urbanforum backup: it has no manifest.json.") from None
    if manifest.get("format") != FORMAT:
        raise RestoreError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    names = set(zf.namelist())
    missing = [t for t in manifest["tables"] if f"data/{t}.jsonl" not in names]
    missing += [f"media/{m}" for m in manifest.get("media", []) if f"media/{m}" not in names]
    if missing:
        raise RestoreError(f"The backup is incomplete: {', '.join(missing[:10])} missing.")
    return manifest


def check_sealing_key(manifest: dict[str, Any]) -> None:
    bids = manifest["tables"].get("procurement_bid", {}).get("rows", 0)
    if bids and manifest.get("sealing_key_fingerprint") != key_fingerprint():
        raise RestoreError(
            f"The backup holds {bids} sealed bid(s) sealed under another sealing key "
            f"(fingerprint {manifest.get('sealing_key_fingerprint')}, this installation "
            f"{key_fingerprint()}). Set PROCUREMENT_SEALING_KEY (or, if the old installation left "
            "it unset, its SECRET_KEY) to the old installation's value and restore again; "
            "otherwise no bid of the backup can ever be opened. See docs/operations.md."
        )


def data_tables() -> list[str]:
    """The tables of the database that hold rows (beyond what `migrate` writes)."""
    existing = connection.introspection.table_names()
    full = []
    with connection.cursor() as cursor:
        for table in existing:
            if table in MIGRATE_WRITES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                full.append(table)
    return full


def migrate_to(manifest: dict[str, Any]) -> None:
    """Bring the schema to the backup's migration state."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(applied - set(graph.nodes))
    if unknown:
        raise RestoreError(
            "The backup was taken by a newer urbanforum: this version does not know its "
            f"migrations {', '.join(f'{a}.{n}' for a, n in unknown[:10])}. Install that version "
            "(or a newer one) to restore it."
        )
    leaves = [
        node
        for node in sorted(applied)
        if not any(child.key in applied for child in graph.node_map[node].children)
    ]
    try:
        executor.migrate(leaves)
    except IrreversibleError as exc:  # the database was migrated further than the backup
        raise RestoreError(
            f"The database's schema is newer than the backup's and cannot be taken back ({exc}). "
            "Restore into a new, empty database (do not run `urbanforum migrate` on it first)."
        ) from exc


def _rows(raw: IO[bytes]) -> Iterator[list[Any]]:
    for line in raw:
        if line.strip():
            yield json.loads(line)


def _load_table(zf: zipfile.ZipFile, table: str) -> int:
    """Insert every row of `table` from the backup; returns how many."""
    with zf.open(f"data/{table}.jsonl") as raw:
        header = json.loads(raw.readline())
        model = _model(header["model"])
        by_column = {f.column: f for f in model._meta.concrete_fields} if model else {}
        cols = [(name, kind, by_column.get(name)) for name, kind in header["columns"]]
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c, _, _ in cols)}) "
            f"VALUES ({', '.join(['%s'] * len(cols))})"
        )
        count = 0
        batch: list[list[Any]] = []
        with connection.cursor() as cursor:
            for row in _rows(raw):
                values = []
                for (_, kind, field), value in zip(cols, row, strict=True):
                    python = decode(kind, value)
                    values.append(
                        field.get_db_prep_save(python, connection)
                        if field is not None and python is not None
                        else python
                    )
                batch.append(values)
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return  # SQLite takes the next id from the table itself
    sql = connection.ops.sequence_reset_sql(
        no_style(), list(apps.get_models(include_auto_created=True))
    )
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def load(path: Path, *, log: Any = print) -> dict[str, Any]:
    """Restore the backup at `path` into the default database (see the module docstring);
    returns the manifest. RestoreError when it cannot: then no row was loaded."""
    if not zipfile.is_zipfile(path):
        raise RestoreError(f"{path} is not an urbanforum backup (not a zip file).")
    with zipfile.ZipFile(path) as zf:
        manifest = read_manifest(zf)
        check_sealing_key(manifest)
        full = data_tables()
        if full:
            raise RestoreError(
                "The database is not empty (rows in "
                f"{', '.join(sorted(full)[:8])}{' …' if len(full) > 8 else ''}). Restore only into "
                "an empty database: create a new one and point DATABASE_URL at it."
            )
        log(f"Creating the schema ({connection.vendor}) as the backup had it …")
        migrate_to(manifest)
        tables = manifest["tables"]
        existing = set(connection.introspection.table_names())
        absent = [t for t in tables if t not in existing]
        if absent:
            raise RestoreError(f"The schema has no table {', '.join(absent[:5])}.")
        with transaction.atomic():
            quote = connection.ops.quote_name
            with connection.cursor() as cursor:
                for table in tables:  # what the migrations wrote (content types, permissions …)
                    cursor.execute(f"DELETE FROM {quote(table)}")
            for table, info in tables.items():
                loaded = _load_table(zf, table)
                if loaded != info["rows"] or _count(table) != info["rows"]:
                    raise RestoreError(
                        f"{table}: {loaded} row(s) loaded, the manifest says {info['rows']}."
                    )
            _reset_sequences()
            checked, problems = seal_problems()
            if problems:
                named = "; ".join(f"{p.procurement}/{p.bid}: {p.message}" for p in problems[:5])
                raise RestoreError(
                    f"{len(problems)} of {checked} sealed bid(s) do not authenticate after the "
                    f"restore ({named}). Nothing was loaded."
                )
            log(
                f"Loaded {sum(t['rows'] for t in tables.values())} rows in {len(tables)} tables; "
                f"{checked} sealed bid(s) authenticate."
            )
        call_command("migrate", interactive=False, verbosity=0)
        for name in manifest.get("media", []):
            if default_storage.exists(name):
                default_storage.delete(name)
            with zf.open(f"media/{name}") as src:
                saved = default_storage.save(name, File(src, name=name))
            if saved != name:  # pragma: no cover - the storage renamed it
                raise RestoreError(f"The storage saved media file {name} as {saved}.")
        log(f"Copied {len(manifest.get('media', []))} media file(s).")
    return manifest
