"""Who may see, edit and join a challenge.

Visibility: public — everyone; members — anyone logged in who belongs to an organisation;
private — members of the owner organisation, of the administrations of the cities sharing it,
and coordinators. Editing: editors and admins of the owner organisation, and coordinators.
Joining ("we have this challenge too"): editors and admins of another city's administration.
"""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.accounts.models import Membership, OrganisationKind, Role
from urbanforum.accounts.permissions import is_coordinator, is_org_editor, is_org_member
from urbanforum.challenges.models import Challenge, Visibility


@rules.predicate
def belongs_to_an_organisation(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and Membership.objects.filter(user=user).exists()
    )


@rules.predicate
def is_challenge_owner_member(user: Any, challenge: Challenge | None) -> bool:
    if challenge is None:
        return False
    if is_org_member(user, challenge.owner_organisation):
        return True
    return Membership.objects.filter(
        user=user if getattr(user, "is_authenticated", False) else None,
        organisation__represented_cities__shared_challenges__challenge=challenge,
    ).exists()


@rules.predicate
def is_challenge_editor(user: Any, challenge: Challenge | None) -> bool:
    return challenge is not None and is_org_editor(user, challenge.owner_organisation)


@rules.predicate
def is_public(user: Any, challenge: Challenge | None) -> bool:
    return challenge is not None and challenge.visibility == Visibility.PUBLIC


@rules.predicate
def is_members_only(user: Any, challenge: Challenge | None) -> bool:
    return challenge is not None and challenge.visibility == Visibility.MEMBERS


@rules.predicate
def edits_a_city_administration(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and Membership.objects.filter(
            user=user,
            organisation__kind=OrganisationKind.CITY_ADMINISTRATION,
            role__in=[Role.EDITOR, Role.ADMIN],
            organisation__represented_cities__isnull=False,
        ).exists()
    )


@rules.predicate
def is_draft(user: Any, challenge: Challenge | None) -> bool:
    return challenge is not None and challenge.status == "draft"


# A draft is seen only by the cities that own it and coordinators, whatever its visibility.
can_view_challenge = (
    (~is_draft & (is_public | (is_members_only & belongs_to_an_organisation)))
    | is_challenge_owner_member
    | is_coordinator
)
rules.add_perm("challenges.view_challenge", can_view_challenge)
rules.add_perm("challenges.add_challenge", edits_a_city_administration | is_coordinator)
rules.add_perm("challenges.change_challenge", is_challenge_editor | is_coordinator)
rules.add_perm("challenges.join_challenge", can_view_challenge & edits_a_city_administration)


@rules.predicate
def edits_a_joined_city(user: Any, challenge: Challenge | None) -> bool:
    return bool(
        challenge is not None
        and getattr(user, "is_authenticated", False)
        and Membership.objects.filter(
            user=user,
            role__in=[Role.EDITOR, Role.ADMIN],
            organisation__represented_cities__shared_challenges__challenge=challenge,
            organisation__represented_cities__shared_challenges__role="joined",
        ).exists()
    )


rules.add_perm("challenges.leave_challenge", edits_a_joined_city | is_coordinator)
# Accepting or dismissing a suggestion is the owner's call.
rules.add_perm("challenges.decide_match", is_challenge_editor | is_coordinator)
