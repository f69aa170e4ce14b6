"""Compute the embeddings of all demo content once (stored; reused while the texts are the same)."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper
from django.core.management.color import Style

from urbanforum.matching import index

# The index is built from every app's demo content, so it loads after all of them.
RUNS_AFTER_CONTENT = True


def load(*, stdout: OutputWrapper, style: Style) -> None:
    started = time.monotonic()
    built = index.get_index()
    stdout.write(
        style.SUCCESS(
            f"Matching: {len(built)} items indexed with {index.get_embedder().model_id} "
            f"in {time.monotonic() - started:.1f} s."
        )
    )
