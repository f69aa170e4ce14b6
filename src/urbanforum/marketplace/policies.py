"""Who may see solutions and expert profiles, written once (the check and the queryset come from
each rule).

Published solutions are public; drafts are seen by the members of their provider and coordinators.
Expert profiles shown in the directory are public; hidden ones are seen by their own expert and
coordinators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.accounts.models import Membership
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy, is_authenticated, is_coordinator
from urbanforum.marketplace.models import Expert, PublicationStatus, Solution


class SolutionPolicy(VisibilityPolicy[Solution]):
    model = Solution

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        published = Q(status=PublicationStatus.PUBLISHED)
        if not is_authenticated(user):
            return published
        organisations = Membership.objects.filter(user_id=user.pk).values("organisation_id")
        return published | Q(provider_id__in=organisations)


class ExpertPolicy(VisibilityPolicy[Expert]):
    model = Expert

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        shown = Q(is_published=True)
        if not is_authenticated(user):
            return shown
        return shown | Q(user_id=user.pk)


solution_policy = SolutionPolicy()
expert_policy = ExpertPolicy()
