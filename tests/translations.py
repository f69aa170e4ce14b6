"""Test-only translations: put a few entries into a language's loaded catalogue for one test.

The .po catalogues are regenerated and translated centrally (issue 10), so tests of "rendered in
the recipient's language" must not depend on what a catalogue holds today. This adds entries to
the in-memory catalogue Django loaded (nothing on disk changes) and removes them afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.utils.translation import trans_real


@contextmanager
def extra_translations(language: str, entries: Mapping[Any, str]) -> Iterator[None]:
    """`entries`: msgid → msgstr (or (msgid, plural index) → msgstr for ngettext)."""
    catalogue = trans_real.translation(language)._catalog._catalogs[0]  # type: ignore[attr-defined]
    saved = {key: catalogue[key] for key in entries if key in catalogue}
    catalogue.update(entries)
    try:
        yield
    finally:
        for key in entries:
            catalogue.pop(key, None)
        catalogue.update(saved)
