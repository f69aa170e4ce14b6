"""The inputs of the challenge actions, declared once: the forms and the API validate through them,
and the services take them as typed arguments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from pydantic import field_validator

from urbanforum.challenges.models import Visibility
from urbanforum.core.schemas import Input
from urbanforum.core.taxonomy import validate_domains, validate_sdg_targets, validate_sdgs


class ChallengeFields(Input):
    """The editable fields of a challenge; a change (PATCH, the edit form) gives only some."""

    title: str | None = None
    problem_statement: str | None = None
    context: str | None = None
    baseline: str | None = None
    desired_outcomes: str | None = None
    constraints: str | None = None
    budget_min_eur: int | None = None
    budget_max_eur: int | None = None
    timeline: str | None = None
    domains: list[str] | None = None
    sdgs: list[int] | None = None
    sdg_targets: list[str] | None = None
    visibility: str | None = None
    language: str | None = None

    def values(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)

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
    def _known_targets(cls, value: list[str] | None) -> list[str]:
        return validate_sdg_targets(list(value or []))

    @field_validator("visibility")
    @classmethod
    def _known_visibility(cls, visibility: str | None) -> str | None:
        if visibility is not None and visibility not in Visibility.values:
            raise ValueError(_("Choose public, members or private."))
        return visibility


class ChallengeCreate(ChallengeFields):
    """A new challenge through the API: its city (slug or Eurostat code), title and problem."""

    owner_city: str
    title: str
    problem_statement: str

    def fields(self) -> ChallengeFields:
        """The challenge's own fields (the city is resolved by the caller)."""
        given = self.model_fields_set - {"owner_city"}
        return ChallengeFields.model_construct(
            _fields_set=given, **{name: getattr(self, name) for name in given}
        )


class StatusChange(Input):
    status: str


class JoinRequest(Input):
    city: str | None = None
    note: str = ""


class LeaveRequest(Input):
    city: str | None = None


class MatchDecision(Input):
    """The owner's verdict on one suggestion: accepted | dismissed | undo (the service checks the
    kind and the decision)."""

    item_kind: str
    item_id: int
    decision: str
