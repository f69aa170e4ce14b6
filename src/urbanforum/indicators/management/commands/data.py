"""`urbanforum data fetch [--into DIR] [--dataset urb_percep …]`: download Eurostat's Urban Audit
tables (urb_percep, urb_ctour, urb_cecfi) into the data folder layout, with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbanforum.core.datadir import data_dir
from urbanforum.indicators.fetch import TABLES, fetch


class Command(BaseCommand):
    help = "Reference data: `fetch` downloads the Eurostat Urban Audit tables into the data folder."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        f = sub.add_parser("fetch", help="Download urb_percep, urb_ctour, urb_cecfi from Eurostat.")
        f.add_argument(
            "--into", help="Data folder (default: URBANFORUM_DATA, then ../shared/data)."
        )
        f.add_argument(
            "--dataset",
            action="append",
            choices=[t.dataset for t in TABLES],
            help="Only this table (repeatable).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        into = Path(options["into"]) if options.get("into") else data_dir()
        if into is None:
            raise CommandError("No data folder: pass --into DIR or set URBANFORUM_DATA.")
        opener = getattr(self, "opener", None)  # tests inject a fake HTTP opener
        try:
            paths = fetch(
                into=into, datasets=options.get("dataset"), opener=opener, progress=sys.stderr
            )
        except (OSError, ValueError) as exc:
            raise CommandError(f"Download failed: {exc}") from exc
        for path in paths:
            self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))
