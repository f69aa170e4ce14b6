"""Who may see, edit and join a challenge.

Visibility is the challenge policy (`challenges.policies`): public — everyone; members — anyone
logged in who belongs to an organisation; private — members of the owner organisation, of the
administrations of the cities sharing it, and coordinators; drafts only the owners. Editing:
editors and admins of the owner organisation, and coordinators. Joining ("we have this challenge too"): editors and admins of another city's administration.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.accounts.permissions import (
    belongs_to_an_organisation,
    edits_a_city_administration,
    is_coordinator,
    is_org_editor,
)
from urbanforum.challenges.models import Challenge
from urbanforum.challenges.policies import challenge_policy

# The names other apps build on (processes, community): the visibility rule comes from the policy;
# the two role predicates are the accounts app's single definitions.
__all__ = [
    "belongs_to_an_organisation",
    "can_view_challenge",
    "edits_a_city_administration",
    "is_challenge_editor",
]


@rules.predicate
def is_challenge_editor(user: User | AnonymousUser, challenge: Challenge | None) -> bool:
    return challenge is not None and is_org_editor(user, challenge.owner_organisation)


can_view_challenge = challenge_policy.predicate
rules.add_perm("challenges.view_challenge", can_view_challenge)
rules.add_perm("challenges.add_challenge", edits_a_city_administration | is_coordinator)
rules.add_perm("challenges.change_challenge", is_challenge_editor | is_coordinator)
rules.add_perm("challenges.join_challenge", can_view_challenge & edits_a_city_administration)


@rules.predicate
def edits_a_joined_city(user: User | AnonymousUser, challenge: Challenge | None) -> bool:
    return bool(
        challenge is not None
        and isinstance(user, User)
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
