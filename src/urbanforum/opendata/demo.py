"""`urbanforum demo`: publish the first generation of the open data once every app's demo content
is in, so /opendata/ serves it at once. Idempotent: a new generation of the same data has the same
files."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper
from django.core.management.color import Style

from urbanforum.opendata import store
from urbanforum.opendata.services import dumps_publish

RUNS_AFTER_CONTENT = True


def load(*, stdout: OutputWrapper, style: Style) -> None:
    started = time.monotonic()
    folder = dumps_publish()
    manifest = store.read_manifest(folder)
    files = len(store.names(manifest))
    stdout.write(
        style.SUCCESS(
            f"Open data: {len(manifest['datasets'])} datasets, {files} files published in "
            f"{folder} ({time.monotonic() - started:.1f} s)."
        )
    )
