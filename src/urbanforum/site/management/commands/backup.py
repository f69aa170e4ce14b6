"""`urbanforum backup --out FILE`: the whole database (every table, engine-neutral and exact to the
microsecond), the uploaded files and a manifest, in one zip file (site.backup,
docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from urbanforum.site.backup import write


class Command(BaseCommand):
    help = "Write the whole installation (database, uploaded files, manifest) to one file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="The backup file to write (a .zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        manifest = write(out)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {out}: {rows} rows in {len(manifest['tables'])} tables, "
                f"{len(manifest['media'])} media file(s), from {manifest['engine']}."
            )
        )
