"""Processes' personal data (accounts.personal_data registry)."""

from __future__ import annotations

from urbanforum.accounts.personal_data.registry import PersonalData, register
from urbanforum.processes.models import Participant, Review


def register_personal_data() -> None:
    register(PersonalData(Participant, "delete", "Participation in collaboration processes"))
    register(
        PersonalData(Review, "keep", "Reviews written in a process's evaluation phase (shared)")
    )
