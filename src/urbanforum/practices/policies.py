"""Who may see a good practice, written once (the check and the queryset come from this rule).

Published practices are public. Drafts: members of the author organisation and of the city's
administration, and coordinators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.accounts.models import Membership
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy, is_authenticated, is_coordinator
from urbanforum.practices.models import GoodPractice, PracticeStatus


class PracticePolicy(VisibilityPolicy[GoodPractice]):
    model = GoodPractice

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        published = Q(status=PracticeStatus.PUBLISHED)
        if not is_authenticated(user):
            return published
        organisations = Membership.objects.filter(user_id=user.pk).values("organisation_id")
        return (
            published
            | Q(author_organisation_id__in=organisations)
            | Q(city__administration_id__in=organisations)
        )


practice_policy = PracticePolicy()
