"""What the procurement API answers (its inputs are the actions' schemas, `schemas.py`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Router, Schema

from urbanforum.core.api import ErrorBody

router = Router(tags=["procurement"])
ERR = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


class ProcurementOut(Schema):
    reference: str
    title: str
    description: str
    status: str
    procedure: str
    category: str
    cpv_codes: list[str]
    lead_city: str
    lead_organisation: str
    clarification_deadline: datetime
    bid_deadline: datetime
    publication_date: datetime | None
    opened_at: datetime | None
    opened_by: str | None

    @staticmethod
    def resolve_lead_city(obj: Any) -> str:
        return obj["lead_city"] if isinstance(obj, dict) else obj.lead_city.slug

    @staticmethod
    def resolve_lead_organisation(obj: Any) -> str:
        return obj["lead_organisation"] if isinstance(obj, dict) else obj.lead_organisation.slug

    @staticmethod
    def resolve_opened_by(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["opened_by"]
        return obj.opened_by.display_name if obj.opened_by else None  # no address


class DemandOut(Schema):
    city: str
    item: str
    quantity: Decimal
    unit: str
    budget: Decimal


class LotOut(Schema):
    number: int
    title: str
    cpv_code: str
    total_budget: Decimal
    quantities: dict[str, Decimal]
    cities: list[str]
    demands: list[DemandOut]
    bids_received: int | None


class CriterionOut(Schema):
    id: int
    name: str
    kind: str
    weight: int


class QuestionOut(Schema):
    id: int
    question: str
    answer: str
    answered_at: datetime | None


class ProcurementDetailOut(ProcurementOut):
    participants: list[str]
    lots: list[LotOut]
    criteria: list[CriterionOut]
    questions: list[QuestionOut]


class ReceiptOut(Schema):
    bid_id: str  # the bid's random public id
    procurement: str
    lot: int
    bidder: str
    submitted_at: str
    nonce: str
    receipt_hash: str


class BidOut(Schema):
    id: str  # random public id (never the primary key)
    number: int | None  # 1, 2, … within the procurement, given at opening
    lot: int
    bidder: str
    status: str
    submitted_at: datetime
    receipt_hash: str
    verified: bool | None
    content: dict[str, object] | None = None


class RankOut(Schema):
    lot: int
    rank: int
    bid_id: str
    number: int | None
    bidder: str
    amount: Decimal
    scores: dict[str, Decimal]
    total: Decimal


class AwardOut(Schema):
    lot: int
    bid_id: str
    supplier: str
    value: Decimal
    standstill_ends: datetime
    contracts: list[dict[str, object]]


class OkOut(Schema):
    detail: str


class EvaluatorOut(Schema):
    id: int
    email: str
    status: str  # named | declared | excluded
    reason: str  # why excluded: bidder | declared | removed ("" otherwise)
    declared_at: datetime | None
    excluded_at: datetime | None
