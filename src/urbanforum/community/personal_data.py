"""Community's personal data (accounts.personal_data registry)."""

from __future__ import annotations

from urbanforum.accounts.personal_data.registry import PersonalData, register
from urbanforum.community.models import (
    GroupMembership,
    MentoringOffer,
    Mentorship,
    PostReport,
    Registration,
)


def register_personal_data() -> None:
    register(PersonalData(GroupMembership, "delete", "Memberships of working groups"))
    register(PersonalData(Registration, "delete", "Registrations for events"))
    register(PersonalData(MentoringOffer, "delete", "Mentoring offers"))
    register(PersonalData(Mentorship, "keep", "Mentorships as mentor (the mentee's record too)"))
    register(PersonalData(PostReport, "keep", "Reports of posts (moderation records)"))
