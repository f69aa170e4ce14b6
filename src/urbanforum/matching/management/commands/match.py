"""`urbanforum match practices --query TEXT --limit 10 --json` and
`urbanforum match cities --city NAME --limit 10 --json` (see docs/matching.md).

Every registered searchable kind has its sub-command (`practices`, `challenges`, `solutions`,
`experts`: `SearchableKind.command`); `cities` is matching's own."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from urbanforum.cities.lookup import resolve_cities
from urbanforum.cities.models import City
from urbanforum.engines.matching import Query
from urbanforum.matching import registry, selectors


class Command(BaseCommand):
    help = (
        "Match content (e.g. good practices) to a need, or cities to a city. Public content only."
    )
    # A query needs no system checks: they import the whole URL configuration and build every API
    # endpoint (most of a call's time). `urbanforum check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        for kind in registry.kinds():
            p = sub.add_parser(kind.command, help=f"{kind.plural} that fit a need.")
            p.add_argument("--query", required=True, help="The need, in any supported language.")
            p.add_argument("--limit", type=int, default=10)
            p.add_argument("--json", action="store_true", help="Print a JSON list.")
        c = sub.add_parser("cities", help="Peer cities: a similar context (and profile).")
        c.add_argument("--city", required=True, help="City name (or name,CC).")
        c.add_argument("--limit", type=int, default=10)
        c.add_argument("--json", action="store_true", help="Print a JSON list.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        kinds = {kind.command: kind.slug for kind in registry.kinds()}
        if options["what"] == "cities":
            city = self._city(options["city"])
            rows = [m.as_dict() for m in selectors.peer_cities(city=city, limit=options["limit"])]
        else:
            text = options["query"].strip()
            if not text:
                raise CommandError("--query is empty")
            if len(text) > selectors.MAX_QUERY_CHARS:
                raise CommandError(
                    f"--query is {len(text)} characters long; at most "
                    f"{selectors.MAX_QUERY_CHARS} are allowed"
                )
            results = selectors.run(
                user=AnonymousUser(),
                query=Query(text=text),
                limit=options["limit"],
                kinds=(kinds[options["what"]],),
            )
            rows = [r.as_dict() for r in results]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("No matches.")
        for n, row in enumerate(rows, start=1):
            reasons = "; ".join(r["text"] for r in row["reasons"][:3])
            self.stdout.write(
                f"{n:2}. {row['score']:.3f}  {row['title']}  [{row['id']}]  — {reasons}"
            )

    def _city(self, ref: str) -> City:
        name, _, country = ref.partition(",")
        match = resolve_cities([name], country=country.strip() or None).get(name.strip())
        if match is None or match.pk is None:
            raise CommandError(match.error() if match else f"Unknown city '{ref}'.")
        return City.objects.get(pk=match.pk)
