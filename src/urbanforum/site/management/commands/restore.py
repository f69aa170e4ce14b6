"""`urbanforum restore FILE`: load a backup into the EMPTY database that DATABASE_URL names
(SQLite or PostgreSQL), creating the schema itself (site.restore, docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbanforum.site.restore import RestoreError, load


class Command(BaseCommand):
    help = (
        "Restore a backup of `urbanforum backup` into the empty database DATABASE_URL names "
        "(SQLite or PostgreSQL): schema, every row, the uploaded files."
    )
    requires_migrations_checks = False
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file (from `urbanforum backup --out`).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            manifest = load(path, log=self.stdout.write)
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {path} (urbanforum {manifest['urbanforum_version']}, taken "
                f"{manifest['created_at']} on {manifest['engine']}). Run `urbanforum procurement "
                "verify` whenever in doubt."
            )
        )
