"""`urbanforum opendata …`: the open-data contract (docs/open-data.md). Both honour DATABASE_URL.

    urbanforum opendata catalog --out FILE.ttl   the DCAT-AP catalogue (Turtle; .jsonld: JSON-LD)
    urbanforum opendata dump --out DIR           every distribution the catalogue names, file names
                                                 as in the catalogue's download URLs
    urbanforum opendata regenerate [--enqueue]   publish a new generation for the site (daily, cron)

`catalog` and `dump` read the database as it is now (not the site's published generation), the
same way: the same data gives the same files, so a dump matches the catalogue's sizes and
checksums.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from urbanforum.opendata import catalog, datasets, store
from urbanforum.opendata.services import dumps_publish, site_url


class Command(BaseCommand):
    help = "Open data: write the DCAT-AP catalogue or the dumps, or regenerate the site's dumps."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        cat = sub.add_parser("catalog", help="Write the DCAT-AP 3.0.1 catalogue.")
        cat.add_argument("--out", required=True, help="FILE.ttl (Turtle) or FILE.jsonld (JSON-LD).")
        dump = sub.add_parser("dump", help="Write every distribution the catalogue names.")
        dump.add_argument("--out", required=True, help="The folder to write the files into.")
        regen = sub.add_parser("regenerate", help="Publish a new generation of the site's dumps.")
        regen.add_argument(
            "--enqueue", action="store_true", help="Hand it to the worker instead of running now."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["subcommand"]
        if command == "catalog":
            self._catalog(Path(options["out"]))
        elif command == "dump":
            self._dump(Path(options["out"]))
        elif command == "regenerate":
            self._regenerate(enqueue=options["enqueue"])
        else:  # pragma: no cover - argparse guards it
            raise CommandError("Unknown subcommand.")

    def _build(self) -> list[datasets.Dataset]:
        return datasets.build(site=site_url())

    def _catalog(self, out: Path) -> None:
        built = self._build()
        described = datasets.manifest(built, generated=timezone.now())
        graph = catalog.build(described, site=site_url())
        fmt = "json-ld" if out.suffix.lower() == ".jsonld" else "turtle"
        _atomic_write(out, catalog.serialise(graph, fmt=fmt))
        self.stderr.write(
            self.style.SUCCESS(f"Wrote the catalogue of {len(built)} datasets to {out} ({fmt}).")
        )

    def _dump(self, out: Path) -> None:
        built = self._build()
        out.mkdir(parents=True, exist_ok=True)
        files = datasets.files_of(built)
        for f in files:
            _atomic_write(out / f.name, f.data)
        self.stderr.write(
            self.style.SUCCESS(f"Wrote {len(files)} files of {len(built)} datasets to {out}.")
        )

    def _regenerate(self, *, enqueue: bool) -> None:
        if enqueue:
            from urbanforum.opendata.tasks import regenerate_dumps

            regenerate_dumps.enqueue()
            self.stderr.write(self.style.SUCCESS("Enqueued the regeneration of the open data."))
            return
        folder = dumps_publish()
        self.stderr.write(
            self.style.SUCCESS(f"Published {folder} (now {store.root() / 'current'}).")
        )


def _atomic_write(path: Path, data: bytes) -> None:
    """Write next to the target, then rename: a reader never sees half a file."""
    if path.parent != Path(""):
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
