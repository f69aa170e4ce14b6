"""Reviews' personal data (accounts.personal_data registry)."""

from __future__ import annotations

from urbanforum.accounts.personal_data.registry import PersonalData, register
from urbanforum.reviews.models import Assignment, Review


def register_personal_data() -> None:
    register(PersonalData(Assignment, "keep", "Assignments as reviewer of a pilot (shared)"))
    register(
        PersonalData(
            Review,
            "keep",
            "Reviews written as peer or expert (the round's results rest on them)",
            rows=lambda user: Review.objects.filter(assignment__reviewer=user),
        )
    )
