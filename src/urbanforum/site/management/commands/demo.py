"""`urbanforum demo`: load the real city registry, demo organisations and accounts, and every
app's demo content. Safe to run again: each step is idempotent."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser

from urbanforum.cities.registry import build_registry
from urbanforum.cities.services import city_registry_load
from urbanforum.core.datadir import HOW_TO_GET_DATA, data_dir
from urbanforum.site.demo_accounts import DEMO_PASSWORD, load_demo_organisations_and_accounts

DemoLoader = Callable[..., None]  # load(*, stdout, style)


def demo_loaders() -> list[DemoLoader]:
    """Each app may ship a `demo` module with `load(stdout, style)`; they run in app order, and
    those that say `RUNS_AFTER_CONTENT = True` (e.g. the matching index) after all the others."""
    first: list[DemoLoader] = []
    last: list[DemoLoader] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("urbanforum.") or config.name == "urbanforum.site":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        load = getattr(module, "load", None)  # a `demo/` data folder is not a loader
        if callable(load):
            (last if getattr(module, "RUNS_AFTER_CONTENT", False) else first).append(load)
    return first + last


class Command(BaseCommand):
    help = "Load the real city registry and the demo organisations, accounts and content."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--skip-content", action="store_true", help="Only cities and accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        folder = data_dir()
        self.stdout.write(f"Reference data folder: {folder or 'none found'}")
        report = build_registry()
        stats = city_registry_load(records=report.records)
        self.stdout.write(
            self.style.SUCCESS(
                f"Cities: {stats.total} in the registry ({stats.created} new, {stats.updated} updated)."
            )
        )
        self.stdout.write("Sources: " + "; ".join(report.sources))
        for missing in report.missing:
            self.stdout.write(self.style.WARNING(f"Missing: {missing}."))
        if report.missing:
            self.stdout.write(self.style.WARNING(f"How to get it: {HOW_TO_GET_DATA}"))

        accounts = load_demo_organisations_and_accounts()
        if not options["skip_content"]:
            for load in demo_loaders():
                load(stdout=self.stdout, style=self.style)

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for acc in accounts:
            self.stdout.write(f"  {acc.email:34} {acc.role_label}")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
