"""Procurement's personal data (accounts.personal_data registry)."""

from __future__ import annotations

from urbanforum.accounts.personal_data.registry import PersonalData, register
from urbanforum.procurement.models import Bid, Evaluator, Score


def register_personal_data() -> None:
    # A bid is the bidding organisation's, and sealed: the export shows only that the person
    # submitted it and when — never its contents, keys, receipt or number.
    register(
        PersonalData(
            Bid,
            "keep",
            "Bids the person submitted for their organisation (metadata only)",
            fields=("public_id", "procurement_id", "lot_id", "bidder_id", "submitted_at"),
        )
    )
    register(PersonalData(Evaluator, "keep", "Appointments as evaluator (the award rests on them)"))
    register(
        PersonalData(
            Score,
            "keep",
            "Scores given as evaluator",
            rows=lambda user: Score.objects.filter(evaluator__user=user),
        )
    )
