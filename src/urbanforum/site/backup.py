"""`urbanforum backup --out FILE`: the whole installation in one file, engine-neutral and exact.

The file is a zip archive:

* `manifest.json` — the format, urbanforum's and Django's versions, when and from which database
  engine it was taken, the schema's migration state (every applied migration per app), the rows
  per table, the media files, and the fingerprint of the sealing key (`sealing.key_fingerprint`:
  one-way; a restore under another key is refused);
* `data/<table>.jsonl` — one table per file: a header line `{"table", "model", "columns":
  [[column, type], …]}`, then one JSON array per row in primary-key order. Values are typed, not
  the database's text: a date-time is ISO 8601 with its microseconds and offset (dumpdata keeps
  milliseconds only, which breaks every sealed bid — the submission time is part of a bid's
  associated data), a decimal is its exact string, binary is base64, a duration is whole
  microseconds, JSON is JSON. So SQLite and PostgreSQL read the same file;
* `media/<path>` — every uploaded file of the default storage (`MEDIA_ROOT`).

Every model's table is included (Django's own: users' sessions, permissions, content types, the
admin log, allauth's e-mail addresses, the task queue), through the app registry, so a new app's
tables are backed up without changing this module. `restore.load` is the inverse.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import django
from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from urbanforum import __version__
from urbanforum.procurement.sealing import key_fingerprint

FORMAT = "urbanforum-backup/1"
CHUNK = 2000


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model with a table of its own (auto-created many-to-many tables included),
    in a stable order."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    return sorted(found, key=lambda m: m._meta.db_table)


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields]


def encode(field: models.Field[Any, Any], value: Any) -> Any:
    """A Python value read through the ORM as a JSON value that `restore.decode` reads back
    exactly."""
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        assert isinstance(value, datetime)
        if timezone.is_aware(value):
            value = value.astimezone(timezone.get_fixed_timezone(0))
        return value.isoformat(timespec="microseconds")
    if kind in ("DateField",) and isinstance(value, date):
        return value.isoformat()
    if kind == "TimeField" and isinstance(value, time):
        return value.isoformat(timespec="microseconds")
    if kind == "DurationField" and isinstance(value, timedelta):
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    if kind == "DecimalField" and isinstance(value, Decimal):
        return str(value)
    if kind == "BinaryField":
        return base64.b64encode(bytes(value)).decode()
    if kind == "UUIDField" and isinstance(value, UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _rows(model: type[models.Model]) -> Iterator[list[Any]]:
    fields = columns(model)
    names = [f.attname for f in fields]
    qs = model._base_manager.order_by("pk").values_list(*names)
    for row in qs.iterator(chunk_size=CHUNK):
        yield [encode(f, v) for f, v in zip(fields, row, strict=True)]


def media_files(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file of the storage, recursively (names relative to its root)."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from media_files(storage, f"{folder}/{sub}" if folder else sub)


def migration_state() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def write(out: Path) -> dict[str, Any]:
    """Write the backup to `out` (through a temporary file, so a failure leaves no half file);
    returns its manifest."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    tables: dict[str, dict[str, Any]] = {}
    media: list[str] = []
    # One repeatable-read snapshot on PostgreSQL (SQLite's single transaction is one already);
    # inside a caller's transaction (tests) its snapshot is used.
    outermost = not connection.in_atomic_block
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            state = migration_state()
            for model in backed_up_models():
                table = model._meta.db_table
                fields = columns(model)
                count = 0
                with zf.open(f"data/{table}.jsonl", "w") as raw:
                    header = {
                        "table": table,
                        "model": model._meta.label,
                        "columns": [[f.column, f.get_internal_type()] for f in fields],
                    }
                    raw.write((json.dumps(header) + "\n").encode())
                    for row in _rows(model):
                        raw.write((json.dumps(row, ensure_ascii=False) + "\n").encode())
                        count += 1
                tables[table] = {"model": model._meta.label, "rows": count}
        for name in media_files():
            with default_storage.open(name, "rb") as src, zf.open(f"media/{name}", "w") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    dst.write(chunk)
            media.append(name)
        manifest = {
            "format": FORMAT,
            "urbanforum_version": __version__,
            "django_version": django.get_version(),
            "created_at": timezone.now().isoformat(timespec="microseconds"),
            "engine": connection.vendor,
            "migrations": state,
            "tables": tables,
            "media": media,
            "sealing_key_fingerprint": key_fingerprint(),
        }
        zf.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    partial.replace(out)
    return manifest
