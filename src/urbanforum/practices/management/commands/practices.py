"""`urbanforum practices import FILE.jsonl` — one JSON object per line; idempotent by "id"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbanforum.practices.services import practices_import


class Command(BaseCommand):
    help = "Good practices: `practices import FILE.jsonl` (idempotent by id; all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import good practices from JSON Lines.")
        imp.add_argument("file", help="A .jsonl file, one practice per line.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text ({exc})") from exc
        try:
            stats = practices_import(actor=None, text=text)
        except ValidationError as exc:
            raise CommandError(f"{path}: {'; '.join(exc.messages)}. Nothing was imported.") from exc
        for warning in stats.warnings:
            self.stderr.write(self.style.WARNING(f"{path}: {warning}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {stats.created + stats.updated} practices from {path}: "
                f"{stats.created} new, {stats.updated} updated, {stats.cities_created} cities created."
            )
        )
