"""Demo good practices: the real BSR practices in demo/practices.jsonl (idempotent by id)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import OutputWrapper
from django.core.management.color import Style

from urbanforum.practices.services import practices_import

FILE = Path(__file__).parent / "demo" / "practices.jsonl"


def load(*, stdout: OutputWrapper, style: Style) -> None:
    stats = practices_import(actor=None, text=FILE.read_text(encoding="utf-8"))
    stdout.write(
        style.SUCCESS(
            f"Good practices: {stats.created} new, {stats.updated} updated "
            f"({stats.cities_created} cities added to the registry)."
        )
    )
