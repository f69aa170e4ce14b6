"""Where a practice's facts come from: its sources, and which of its fields each one supports.

A source is `{title, url, publisher, date, supports}`; `supports` names the practice's factual
fields (in the words of the JSON Lines import: "problem", "kpis", "years"…) whose facts the
source states. A factual field that no source supports is not known: the import refuses it
filled in, and the practice page says so. Identification (title, summary, city, domains, SDGs)
needs a source on the record, not a field-by-field one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pydantic import ConfigDict, field_validator

from urbanforum.core.schemas import Input

# The factual fields of a practice in the import's words, with their label on the page.
FACTUAL_FIELDS: dict[str, Promise] = {
    "description": _("Description"),
    "problem": _("The problem"),
    "what_was_done": _("What was done"),
    "costs": _("Costs"),
    "results": _("Results"),
    "kpis": _("KPIs"),
    "what_worked": _("What worked"),
    "what_did_not_work": _("What did not work"),
    "transferability": _("Transferability"),
    "year": _("Year"),
    "years": _("Years"),
    "organisations": _("Organisations"),
    "partner_cities": _("Partner cities"),
}
# One fact written two ways (the reference year, the span of years): a source of either backs both.
ALIASES = {"year": "years", "years": "year"}

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def is_web_address(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


class SourceIn(Input):
    """One source as the import, the API and the form give it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    supports: list[str] = []

    @field_validator("title")
    @classmethod
    def _titled(cls, title: str) -> str:
        if not title:
            raise ValueError(_("a source needs a title"))
        return title

    @field_validator("url", "publisher", "date", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str | None) -> str | None:
        if url is not None and not is_web_address(url):
            raise ValueError(
                _("'%(url)s' is not a web address (http:// or https://)") % {"url": url}
            )
        return url

    @field_validator("date")
    @classmethod
    def _iso_date(cls, date: str | None) -> str | None:
        if date is not None and not _DATE.fullmatch(date):
            raise ValueError(
                _("'%(date)s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") % {"date": date}
            )
        return date

    @field_validator("supports")
    @classmethod
    def _known_fields(cls, supports: list[str]) -> list[str]:
        bad = [f for f in supports if f not in FACTUAL_FIELDS]
        if bad:
            raise ValueError(
                _("'%(field)s' is not a factual field of a practice (%(fields)s)")
                % {"field": bad[0], "fields": ", ".join(FACTUAL_FIELDS)}
            )
        return list(dict.fromkeys(supports))


def as_source(value: Any) -> Any:
    """A source given as plain text (older files, the form's title-only line) is its title."""
    return {"title": value} if isinstance(value, str) else value


def filled_fields(raw: dict[str, Any]) -> list[str]:
    """The factual fields of an import record that state something."""
    filled = []
    for name in FACTUAL_FIELDS:
        value = raw.get(name)
        if name == "transferability":
            value = raw.get("transferability") or raw.get("transfer")
        if isinstance(value, dict):
            value = [v for v in value.values() if v not in (None, "", [], {})]
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, "", [], {}):
            filled.append(name)
    return filled


def supported_fields(sources: list[dict[str, Any]]) -> set[str]:
    fields = {f for s in sources for f in s.get("supports") or []}
    return fields | {ALIASES[f] for f in fields if f in ALIASES}


def unsupported_fields(raw: dict[str, Any], sources: list[dict[str, Any]]) -> list[str]:
    """The filled factual fields of `raw` that none of `sources` supports."""
    supported = supported_fields(sources)
    return [f for f in filled_fields(raw) if f not in supported]


# ----------------------------------------------------------------------------- the page
# The model's fields behind each factual field of the import.
MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    "description": ("description",),
    "problem": ("problem",),
    "what_was_done": ("what_was_done",),
    "costs": ("costs",),
    "results": ("results",),
    "kpis": ("kpis",),
    "what_worked": ("what_worked",),
    "what_did_not_work": ("what_did_not_work",),
    "transferability": ("transfer_conditions", "transfer_city_sizes", "transfer_climate"),
    "years": ("year_start", "year_end"),
    "organisations": ("organisations",),
    "partner_cities": (),
}


@dataclass(frozen=True)
class Provenance:
    """One factual section of a practice: is it known, and from which sources (numbered from 1)."""

    field: str
    label: str
    known: bool
    sources: tuple[int, ...]


def provenance(practice: Any, *, has_partners: bool) -> dict[str, Provenance]:
    """Each factual section of `practice`, keyed by its import name ("years" stands for both)."""
    sections = {}
    for name, model_fields in MODEL_FIELDS.items():
        if name == "partner_cities":
            known = has_partners
        else:
            known = any(getattr(practice, f) not in (None, "", [], {}) for f in model_fields)
        wanted = {name, ALIASES.get(name, name)}
        numbers = tuple(
            n
            for n, source in enumerate(practice.sources or [], start=1)
            if isinstance(source, dict) and wanted & set(source.get("supports") or [])
        )
        sections[name] = Provenance(name, str(FACTUAL_FIELDS[name]), known, numbers)
    return sections


def listed_sources(practice: Any) -> list[dict[str, Any]]:
    """The practice's sources for the page, with the labels of the fields each one supports."""
    listed = []
    for source in practice.sources or []:
        source = as_source(source)
        labels = [
            str(FACTUAL_FIELDS[f]) for f in source.get("supports") or [] if f in FACTUAL_FIELDS
        ]
        listed.append({**source, "supports_labels": labels})
    return listed
