"""The marketplace's personal data (accounts.personal_data registry)."""

from __future__ import annotations

from urbanforum.accounts.personal_data.registry import PersonalData, register
from urbanforum.marketplace.models import Expert


def register_personal_data() -> None:
    # An expert profile describes the person (bio, languages, engagements): it goes with them.
    register(PersonalData(Expert, "delete", "The person's expert profile"))
