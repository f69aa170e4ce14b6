"""Denormalised facet columns that filter the same way on SQLite and PostgreSQL.

JSON list fields cannot be filtered portably (`__contains` on a JSON list does not work on
SQLite), so content models also keep their domains and SDGs as "|mobility|energy|" text:
`domain_tags__contains="|mobility|"` is an exact, portable facet filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from urbanforum.core.text import fold


def tag_string(values: Iterable[object]) -> str:
    items = [str(v) for v in values]
    return "|" + "|".join(items) + "|" if items else ""


def tag_filter(value: object) -> str:
    return f"|{value}|"


def search_text(*parts: object) -> str:
    """The folded text a plain substring search looks in (portable 'full text')."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, list | tuple):
            out.extend(str(p) for p in part)
        elif part:
            out.append(str(part))
    return fold(" ".join(out))
