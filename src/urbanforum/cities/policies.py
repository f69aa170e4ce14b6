"""The rules of the city registry, each written once (core.policies).

Everyone reads the registry. A city's profile is edited by the editors and admins of the
administration that represents it, and by coordinators: `city_editing` gives both the check
(`cities.change_city`) and the cities a person may edit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.accounts.models import Membership, Role
from urbanforum.cities.models import City
from urbanforum.core.policies import (
    EVERYTHING,
    NOTHING,
    VisibilityPolicy,
    is_authenticated,
    is_coordinator,
)


class CityEditingPolicy(VisibilityPolicy[City]):
    """The cities whose profile `user` may edit."""

    model = City

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        if not is_authenticated(user):
            return NOTHING
        editing = Membership.objects.filter(
            user_id=user.pk, role__in=[Role.EDITOR, Role.ADMIN]
        ).values("organisation_id")
        return Q(administration_id__in=editing)


city_editing = CityEditingPolicy()
