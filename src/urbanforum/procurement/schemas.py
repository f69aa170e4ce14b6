"""The input of each joint-procurement action, declared once: the API takes it as its body, the
page's form or POST handler validates through it, the service receives the validated instance.

Rules on the stored objects (CPV format, choices, deadlines in order) stay with the models, which
the services validate; these schemas parse the input (amounts in euros, numbers, scores)."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from urbanforum.core.numbers import parse_number
from urbanforum.core.schemas import Input, typed_number, typed_whole_number
from urbanforum.procurement.models import Category, Procedure

CENT = Decimal("0.01")
# Amounts are stored with 14 digits, 2 of them cents.
MAX_AMOUNT = Decimal("1e12")


def refuse(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as written (no "Value error, " prefix)."""
    return PydanticCustomError("invalid", message, None)


def money(value: object) -> Decimal:
    """An amount in euros as typed in the reader's language ("1 234,50"), rounded to the cent;
    more than zero."""
    amount = typed_number(value)
    # bounds before rounding: quantize() of -9e269 to the cent raises InvalidOperation (a 500)
    if amount <= 0:
        raise refuse(_("The amount must be more than zero."))
    if amount >= MAX_AMOUNT:
        raise refuse(_("The amount is too large."))
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if amount <= 0:  # less than half a cent
        raise refuse(_("The amount must be more than zero."))
    return amount


# --- the procurement ---------------------------------------------------------------------------


class ProcurementInput(Input):
    """A new joint procurement (the page's form; the API adds who leads it and the process)."""

    title: str
    description: str = ""
    procedure: str = Procedure.OPEN.value
    category: str = Category.GOODS.value
    cpv_codes: list[str]
    clarification_deadline: datetime
    bid_deadline: datetime
    selection_criteria: str = ""
    opening_date: datetime | None = None
    award_date: datetime | None = None
    standstill_days: int = 10


class ProcurementIn(ProcurementInput):
    """The API's create: the lead buyer (organisation slug) and optionally the process (slug)."""

    lead_organisation: str
    process: str | None = None


class ProcurementChanges(Input):
    """What an edit changes (a PATCH sets only some fields; the form sends them all)."""

    title: str | None = None
    description: str | None = None
    procedure: str | None = None
    category: str | None = None
    cpv_codes: list[str] | None = None
    selection_criteria: str | None = None
    clarification_deadline: datetime | None = None
    bid_deadline: datetime | None = None
    opening_date: datetime | None = None
    award_date: datetime | None = None
    standstill_days: int | None = None


class JoinInput(Input):
    organisation: str  # slug


class LotInput(Input):
    title: str
    description: str = ""
    cpv_code: str = ""


class DemandInput(Input):
    """A city's demand in a lot: an item, its quantity and the city's budget for it."""

    item: str
    quantity: Decimal
    unit: str = "pcs"
    budget: Decimal

    @field_validator("quantity", mode="before")
    @classmethod
    def _quantity(cls, value: object) -> Decimal:
        quantity = typed_number(value)  # "12,5" as well as "12.5"
        if quantity <= 0:
            raise refuse(_("The quantity must be more than zero."))
        return quantity

    @field_validator("budget", mode="before")
    @classmethod
    def _budget(cls, value: object) -> Decimal:
        return money(value)

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str) -> str:
        return value or "pcs"


class DemandIn(DemandInput):
    """The API's demand: for which administration (organisation slug)."""

    organisation: str


class CriterionInput(Input):
    name: str
    kind: str
    weight: int

    @field_validator("weight", mode="before")
    @classmethod
    def _weight(cls, value: object) -> int:
        return typed_whole_number(value)  # "40" or "40,0"; "40,5" and "abc" say why not


class CriteriaInput(Input):
    """The award criteria, replacing the previous ones (weights add up to 100)."""

    criteria: list[CriterionInput]


class DocumentInput(Input):
    title: str
    url: str


# --- questions ---------------------------------------------------------------------------------


class QuestionInput(Input):
    question: str


class AnswerInput(Input):
    answer: str


# --- bids ----------------------------------------------------------------------------------------


class BidInput(Input):
    """A sealed bid's content: its price and the offer."""

    amount: Decimal
    offer: str

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: object) -> Decimal:
        return money(value)

    @field_validator("offer")
    @classmethod
    def _offer(cls, value: str) -> str:
        if not value.strip():
            raise refuse(_("Describe the offer (how it meets the quality criteria)."))
        return value


class BidIn(BidInput):
    """The API's bid: for which provider (organisation slug)."""

    bidder: str


# --- evaluation ----------------------------------------------------------------------------------


class EvaluatorInput(Input):
    email: str


class DeclarationInput(Input):
    confirm: bool


class ScoresInput(Input):
    """An evaluator's scores (0–100) per quality criterion id, and a comment."""

    scores: dict[str, Decimal]
    comment: str = ""

    @field_validator("scores", mode="before")
    @classmethod
    def _scores(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        out = {}
        for key, raw in value.items():
            if raw in (None, ""):
                continue  # the service names the criterion that lacks a score
            try:
                out[str(key)] = parse_number(raw)  # "72,5" as well as "72.5"
            except ValueError as exc:
                raise refuse(_("Give a number from 0 to 100.")) from exc
        return out
