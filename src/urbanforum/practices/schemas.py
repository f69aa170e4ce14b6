"""The inputs of the good-practice actions, declared once: the forms, the API and the JSON Lines
import validate through them, and the services take them as typed arguments."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from pydantic import ConfigDict, ValidationInfo, field_validator

from urbanforum.core.schemas import Input
from urbanforum.core.taxonomy import validate_domains, validate_sdg_targets, validate_sdgs
from urbanforum.practices.models import CITY_SIZES, PracticeStatus
from urbanforum.practices.sources import SourceIn, as_source

_LANGUAGE = re.compile(r"[a-z]{2}")


class Kpi(Input):
    """One KPI: name | unit | baseline | result | year (other keys of an import are ignored)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    name: str = ""
    unit: str = ""
    baseline: float | int | str | None = None
    result: float | int | str | None = None
    year: int | None = None

    @field_validator("unit", mode="before")
    @classmethod
    def _unit_text(cls, unit: object) -> object:
        return "" if unit is None else unit


def _texts(value: list[str] | None) -> list[str]:
    return [v for v in (value or []) if v]


class PracticeFields(Input):
    """The editable fields of a good practice; a change (PATCH, the edit form) gives only some."""

    title: str | None = None
    summary: str | None = None
    description: str | None = None
    organisations: list[str] | None = None
    year_start: int | None = None
    year_end: int | None = None
    domains: list[str] | None = None
    sdgs: list[int] | None = None
    sdg_targets: list[str] | None = None
    problem: str | None = None
    what_was_done: str | None = None
    costs: str | None = None
    results: str | None = None
    kpis: list[Kpi] | None = None
    what_worked: str | None = None
    what_did_not_work: str | None = None
    transfer_conditions: str | None = None
    transfer_city_sizes: list[str] | None = None
    transfer_climate: str | None = None
    contacts: list[str] | None = None
    sources: list[SourceIn] | None = None
    language: str | None = None
    status: str | None = None

    def values(self) -> dict[str, Any]:
        """The given fields as the model stores them (KPIs as plain objects)."""
        return self.model_dump(exclude_unset=True)

    @field_validator("organisations", "contacts")
    @classmethod
    def _lists_of_texts(cls, value: list[str] | None) -> list[str]:
        return _texts(value)

    @field_validator("sources", mode="before")
    @classmethod
    def _sources_as_objects(cls, value: object) -> object:
        if isinstance(value, list):
            return [as_source(v) for v in value if v]
        return value

    @field_validator("domains")
    @classmethod
    def _known_domains(cls, value: list[str] | None) -> list[str]:
        return validate_domains(list(value or []))

    @field_validator("sdgs")
    @classmethod
    def _known_goals(cls, value: list[int] | None) -> list[int]:
        return validate_sdgs(list(value or []))

    @field_validator("sdg_targets")
    @classmethod
    def _targets_of_chosen_goals(cls, value: list[str] | None, info: ValidationInfo) -> list[str]:
        targets = validate_sdg_targets(list(value or []))
        goals = info.data.get("sdgs")
        if goals is not None:
            for target in targets:
                if int(target.split(".")[0]) not in set(goals):
                    raise ValueError(
                        _("Target %(target)s's goal is not among the SDG goals.")
                        % {"target": target}
                    )
        return targets

    @field_validator("transfer_city_sizes")
    @classmethod
    def _known_sizes(cls, value: list[str] | None) -> list[str]:
        sizes = _texts(value)
        bad = [s for s in sizes if s not in CITY_SIZES]
        if bad:
            raise ValueError(
                _("'%(bad)s' is not a city size (%(sizes)s).")
                % {"bad": bad[0], "sizes": ", ".join(CITY_SIZES)}
            )
        return sizes

    @field_validator("kpis")
    @classmethod
    def _named_kpis(cls, value: list[Kpi] | None) -> list[Kpi]:
        for i, kpi in enumerate(value or [], start=1):
            if not kpi.name:
                raise ValueError(_("KPI %(i)s: a name is required.") % {"i": i})
        return list(value or [])

    @field_validator("year_start", "year_end")
    @classmethod
    def _plausible_year(cls, year: int | None) -> int | None:
        if year is not None and not 1900 <= year <= 2100:
            raise ValueError(_("Give a year between 1900 and 2100."))
        return year

    @field_validator("language")
    @classmethod
    def _language_code(cls, language: str | None) -> str | None:
        if language is not None and not _LANGUAGE.fullmatch(language):
            raise ValueError(_("Use a two-letter ISO 639-1 code such as en or fi."))
        return language

    @field_validator("status")
    @classmethod
    def _known_status(cls, status: str | None) -> str | None:
        if status is not None and status not in PracticeStatus.values:
            raise ValueError(_("Choose draft or published."))
        return status


class PracticeCreate(PracticeFields):
    """A new practice through the API: its city (slug or Eurostat code), title and summary."""

    city: str
    title: str
    summary: str

    def fields(self) -> PracticeFields:
        """The practice's own fields (the city is resolved by the caller)."""
        given = self.model_fields_set - {"city"}
        return PracticeFields.model_construct(
            _fields_set=given, **{name: getattr(self, name) for name in given}
        )


class PracticesImport(Input):
    jsonl: str
