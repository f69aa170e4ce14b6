"""Who may see a challenge, written once (the check and the queryset come from this rule).

Public — everyone; members — anyone logged in who belongs to an organisation; private — members of
the owner organisation and of the administrations of the cities sharing it. A draft is seen only by
the cities that own it, whatever its visibility. Coordinators see everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Q

from urbanforum.accounts.models import Membership
from urbanforum.challenges.models import Challenge, ChallengeCity, ChallengeStatus, Visibility
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy, is_authenticated, is_coordinator


class ChallengePolicy(VisibilityPolicy[Challenge]):
    model = Challenge

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        not_draft = ~Q(status=ChallengeStatus.DRAFT)
        public = Q(visibility=Visibility.PUBLIC) & not_draft
        if not is_authenticated(user):
            return public
        memberships = Membership.objects.filter(user_id=user.pk)
        organisations = memberships.values("organisation_id")
        members = Q(visibility=Visibility.MEMBERS) & not_draft & Q(Exists(memberships))
        shared = ChallengeCity.objects.filter(city__administration_id__in=organisations)
        owners = Q(owner_organisation_id__in=organisations) | Q(
            pk__in=shared.values("challenge_id")
        )
        return public | members | owners


challenge_policy = ChallengePolicy()
