"""`urbanforum procurement ocds --out FILE.json`: one OCDS 1.1 release package of every procurement
in the database (the one DATABASE_URL names). Bid content is never exported before opening.

`urbanforum procurement verify`: check that every sealed bid still authenticates under this
installation's sealing key, without opening any (procurement.integrity); exits 1 naming each bid
that does not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from urbanforum.procurement.integrity import seal_problems
from urbanforum.procurement.models import JointProcurement
from urbanforum.procurement.ocds import build_package, validation_errors


class Command(BaseCommand):
    help = (
        "Joint procurement tools. `ocds --out FILE.json` writes the OCDS release package; "
        "`verify` checks that every sealed bid still authenticates."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        ocds = sub.add_parser("ocds", help="Write one OCDS release package of every procurement.")
        ocds.add_argument("--out", required=True, help="The JSON file to write ('-' for stdout).")
        ocds.add_argument(
            "--validate",
            action="store_true",
            help="Also validate it against the OCDS 1.1.5 schema and extensions in the data folder.",
        )

        sub.add_parser(
            "verify",
            help="Check that every sealed bid still authenticates (nothing is opened); "
            "exit 1 naming each bid that does not.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self._verify()
            return
        if options["subcommand"] != "ocds":  # pragma: no cover - argparse guards it
            raise CommandError("Unknown subcommand.")
        procurements = list(JointProcurement.objects.order_by("id"))
        package = build_package(procurements)
        text = json.dumps(package, indent=1, ensure_ascii=False)
        if options["validate"]:
            try:
                errors = validation_errors(package)
            except FileNotFoundError as exc:
                raise CommandError(str(exc)) from exc
            if errors:
                raise CommandError("The package is not valid OCDS:\n" + "\n".join(errors[:50]))
        if options["out"] == "-":
            self.stdout.write(text)
            return
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(f"Wrote {len(procurements)} release(s) to {out}."))

    def _verify(self) -> None:
        checked, problems = seal_problems()
        for p in problems:
            self.stderr.write(
                f"procurement {p.procurement}, bid {p.bid} ({p.status}): does not authenticate: "
                f"{p.message}"
            )
        if problems:
            raise CommandError(
                f"{len(problems)} of {checked} sealed bid(s) do not authenticate. A restore under "
                "another PROCUREMENT_SEALING_KEY (or SECRET_KEY when that is unset), timestamps "
                "that lost precision, or altered rows: see docs/operations.md."
            )
        self.stdout.write(self.style.SUCCESS(f"All {checked} sealed bid(s) authenticate."))
