"""What each dataset contains, read the way an anonymous visitor reads it.

Every reader here goes through the owning app's visibility policy (or selector) with
`ANONYMOUS`: a dump holds exactly what the public pages show — no private, members-only, draft or
sealed content. Each reader returns its rows and an `Extent` (the facts the catalogue states about
the data: when it changed, which period and which countries it covers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser

ANONYMOUS = AnonymousUser()
When = TypeVar("When", date, datetime)


@dataclass
class Extent:
    rows: int = 0
    issued: datetime | None = None
    modified: datetime | None = None
    start: date | None = None
    end: date | None = None
    countries: set[str] = field(default_factory=set)

    def saw(
        self,
        *,
        created: datetime | None = None,
        updated: datetime | None = None,
        start: date | None = None,
        end: date | None = None,
        country: str = "",
    ) -> None:
        """Widen the extent by one record."""
        self.issued = _min(self.issued, created or updated)
        self.modified = _max(self.modified, updated or created)
        self.start = _min(self.start, start)
        self.end = _max(self.end, end or start)
        if country:
            self.countries.add(country.upper())


def _min(a: When | None, b: When | None) -> When | None:
    if a is None:
        return b
    return a if b is None or a <= b else b


def _max(a: When | None, b: When | None) -> When | None:
    if a is None:
        return b
    return a if b is None or a >= b else b


def year_start(year: int | None) -> date | None:
    return date(year, 1, 1) if year else None


def year_end(year: int | None) -> date | None:
    return date(year, 12, 31) if year else None


def joined(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values if v not in (None, ""))
