"""The input of each pilot action, declared once: the API takes it as its body, the page's form
or POST handler validates through it, the service receives the validated instance.

Rules on the stored objects (periods in order, ranges, choices) stay with the models, which the
services validate; these schemas parse the input (numbers, dates)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from urbanforum.core.schemas import Input, typed_number, typed_whole_number
from urbanforum.impact.models import PilotStatus


def refuse(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as written (no "Value error, " prefix)."""
    return PydanticCustomError("invalid", message, None)


def number(value: object) -> Decimal:
    """A number as typed in the reader's language: a decimal comma or point, digits grouped
    by spaces ("1 234,5"; core.numbers)."""
    return typed_number(value)


def day(value: object) -> object:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise refuse(gettext("Give a date (YYYY-MM-DD).")) from exc
    return value


class PilotInput(Input):
    """A new pilot (the page's form; the API adds the organisation and the process)."""

    title: str
    solution_name: str
    description: str = ""
    start_date: dt.date
    end_date: dt.date
    budget_eur: Decimal = Decimal(0)
    status: str = PilotStatus.RUNNING.value


class PilotIn(PilotInput):
    """The API's create: for which city administration (slug), optionally in a process (slug)."""

    organisation: str
    process: str | None = None


class PilotChanges(Input):
    """What an edit of a pilot changes (only the fields given)."""

    title: str | None = None
    solution_name: str | None = None
    description: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget_eur: Decimal | None = None
    status: str | None = None


class PilotEditIn(PilotChanges):
    """The pilot's edit page and its API twin (PATCH /api/v1/pilots/{slug}): its fields, and what
    links it to reality — the provider organisation (slug), the joint procurement it was bought
    through (reference), this city's contract of it (id) and this city's share of a joint pilot
    (0–1; it is the share its impact assessment claims). An empty provider or procurement unlinks
    it."""

    provider: str | None = None
    procurement: str | None = None
    contract: int | None = None
    share: Decimal | None = None

    @field_validator("share", mode="before")
    @classmethod
    def _share(cls, value: object) -> object:
        return None if value in (None, "") else number(value)


class KpiInput(Input):
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: str = "increase"

    @field_validator("baseline", "target", mode="before")
    @classmethod
    def _number(cls, value: object) -> Decimal:
        return number(value)


class MeasurementInput(Input):
    """A KPI's value on a day."""

    date: dt.date
    value: Decimal
    note: str = ""

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        return day(value)

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, value: object) -> Decimal:
        return number(value)


class MeasurementIn(MeasurementInput):
    """The API's measurement: of which KPI (its name)."""

    kpi: str


class CsvInput(Input):
    """KPI values as CSV: `kpi,date,value[,note]` (all or nothing)."""

    csv: str


class ProgressInput(Input):
    """A milestone's progress, a whole percentage ("abc" and "40,5" say what is wrong)."""

    progress: int

    @field_validator("progress", mode="before")
    @classmethod
    def _progress(cls, value: object) -> int:
        return typed_whole_number(value)


class MilestoneInput(ProgressInput):
    title: str
    due_date: dt.date
    progress: int = 0

    @field_validator("due_date", mode="before")
    @classmethod
    def _due(cls, value: object) -> object:
        return day(value)


class ImpactInput(Input):
    """Costs, savings and the carbon handprint's inputs (an edit sets only the fields given)."""

    investment_eur: Decimal | None = None
    annual_operating_cost_eur: Decimal | None = None
    annual_savings_eur: Decimal | None = None
    horizon_years: int | None = None
    functional_unit: str | None = None
    baseline_description: str | None = None
    baseline_kg_per_unit: Decimal | None = None
    solution_kg_per_unit: Decimal | None = None
    units_per_year: Decimal | None = None
    share: Decimal | None = None
    reference_year: int | None = None
    system_boundary: str | None = None
    data_sources: str | None = None
    data_quality: str | None = None
    assumptions: str | None = None


# The impact assessment's fields that its form and the API set.
IMPACT_FIELDS = list(ImpactInput.model_fields)
