"""The inputs of the marketplace's actions, declared once: the forms and the API validate through
them, and the services take them as typed arguments."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from pydantic import ConfigDict, field_validator

from urbanforum.core.schemas import Input
from urbanforum.core.taxonomy import validate_domains, validate_sdgs
from urbanforum.marketplace.models import Maturity, PublicationStatus

_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _texts(value: list[str] | None) -> list[str]:
    return [v.strip() for v in value or [] if v.strip()]


def _languages(value: list[str] | None) -> list[str]:
    languages = [v.lower() for v in _texts(value)]
    bad = [v for v in languages if not _LANGUAGE.match(v)]
    if bad:
        raise ValueError(_("'%(bad)s' is not a two-letter language code.") % {"bad": bad[0]})
    return languages


class Reference(Input):
    """A deployment of a solution: city | country | year | outcome."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    city: str = ""
    country: str = ""
    year: int | None = None
    outcome: str = ""

    @field_validator("country", "outcome", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value


class SolutionFields(Input):
    """The editable fields of a solution; a change (PATCH, the edit form) gives only some."""

    title: str | None = None
    description: str | None = None
    domains: list[str] | None = None
    sdgs: list[int] | None = None
    maturity: str | None = None
    trl: int | None = None
    references: list[Reference] | None = None
    pricing_model: str | None = None
    standards: list[str] | None = None
    languages: list[str] | None = None
    status: str | None = None

    def values(self) -> dict[str, Any]:
        """The given fields as the model stores them (references as plain objects)."""
        return self.model_dump(exclude_unset=True)

    @field_validator("domains")
    @classmethod
    def _known_domains(cls, value: list[str] | None) -> list[str]:
        return validate_domains(_texts(value))

    @field_validator("sdgs")
    @classmethod
    def _known_goals(cls, value: list[int] | None) -> list[int]:
        return validate_sdgs(list(value or []))

    @field_validator("maturity")
    @classmethod
    def _known_maturity(cls, maturity: str | None) -> str | None:
        if maturity is not None and maturity not in Maturity.values:
            raise ValueError(_("Choose idea, pilot or deployed."))
        return maturity

    @field_validator("trl")
    @classmethod
    def _readiness_level(cls, trl: int | None) -> int | None:
        if trl is not None and not 1 <= trl <= 9:
            raise ValueError(_("The technology readiness level is a whole number from 1 to 9."))
        return trl

    @field_validator("references")
    @classmethod
    def _references_name_a_city(cls, value: list[Reference] | None) -> list[Reference]:
        if any(not r.city for r in value or []):
            raise ValueError(_("Each reference needs at least a city."))
        return list(value or [])

    @field_validator("standards")
    @classmethod
    def _lists_of_texts(cls, value: list[str] | None) -> list[str]:
        return _texts(value)

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str] | None) -> list[str]:
        return _languages(value)

    @field_validator("status")
    @classmethod
    def _known_status(cls, status: str | None) -> str | None:
        if status is not None and status not in PublicationStatus.values:
            raise ValueError(_("Choose draft or published."))
        return status


class SolutionCreate(SolutionFields):
    """A new solution through the API: its provider (organisation slug), title and description."""

    provider: str
    title: str
    description: str

    def fields(self) -> SolutionFields:
        """The solution's own fields (the provider is resolved by the caller)."""
        given = self.model_fields_set - {"provider"}
        return SolutionFields.model_construct(
            _fields_set=given, **{name: getattr(self, name) for name in given}
        )


class ExpertFields(Input):
    """The fields of an expert profile; a change gives only some."""

    name: str | None = None
    organisation_name: str | None = None
    country: str | None = None
    expertise: list[str] | None = None
    languages: list[str] | None = None
    availability: str | None = None
    past_engagements: list[str] | None = None
    bio: str | None = None
    is_published: bool | None = None

    def values(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)

    @field_validator("expertise", "past_engagements")
    @classmethod
    def _lists_of_texts(cls, value: list[str] | None) -> list[str]:
        return _texts(value)

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str] | None) -> list[str]:
        return _languages(value)

    @field_validator("country")
    @classmethod
    def _country_code(cls, country: str | None) -> str:
        country = (country or "").upper()
        if country and len(country) != 2:
            raise ValueError(_("Use a two-letter country code."))
        return country
