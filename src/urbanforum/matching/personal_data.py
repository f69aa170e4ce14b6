"""Matching's personal data (accounts.personal_data registry)."""

from __future__ import annotations

from urbanforum.accounts.personal_data.registry import PersonalData, register
from urbanforum.matching.models import SavedSearch


def register_personal_data() -> None:
    register(PersonalData(SavedSearch, "delete", "Saved searches and what they have announced"))
