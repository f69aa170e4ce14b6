"""Who sees what of accounts: each rule written once (core.policies), giving both the check and
the queryset.

- An organisation's member list: its own members (any role) and coordinators; everyone sees
  the organisation itself.
- Its invitations: its admins and coordinators (the people who manage members).
- An API token: only the person it belongs to (not even coordinators).
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.db.models import Q, QuerySet

from urbanforum.accounts.models import ApiToken, Invitation, Membership, Organisation, Role, User
from urbanforum.core.policies import (
    EVERYTHING,
    NOTHING,
    VisibilityPolicy,
    is_authenticated,
    is_coordinator,
)


class OrganisationId(TypedDict):
    organisation_id: int


def _organisations_of(
    user: User, *, roles: tuple[Role, ...] | None = None
) -> QuerySet[Membership, OrganisationId]:
    """A subquery: the ids of the organisations `user` belongs to (with one of `roles`)."""
    memberships = Membership.objects.filter(user_id=user.pk)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("organisation_id")


class MemberListPolicy(VisibilityPolicy[Organisation]):
    """The organisations whose members `user` may see."""

    model = Organisation

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        if not is_authenticated(user):
            return NOTHING
        return Q(pk__in=_organisations_of(user))


class MembershipPolicy(VisibilityPolicy[Membership]):
    """The memberships `user` may see: those of the organisations whose member list they see."""

    model = Membership

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        if not is_authenticated(user):
            return NOTHING
        return Q(organisation_id__in=_organisations_of(user))


class InvitationPolicy(VisibilityPolicy[Invitation]):
    """The invitations `user` may see: those of the organisations they administer."""

    model = Invitation

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        if not is_authenticated(user):
            return NOTHING
        return Q(organisation_id__in=_organisations_of(user, roles=(Role.ADMIN,)))


class ApiTokenPolicy(VisibilityPolicy[ApiToken]):
    """A token is its owner's alone."""

    model = ApiToken

    def rule(self, user: Any) -> Q:
        return Q(user_id=user.pk) if is_authenticated(user) else NOTHING


member_lists = MemberListPolicy()
memberships = MembershipPolicy()
invitations = InvitationPolicy()
api_tokens = ApiTokenPolicy()
