"""Reads for accounts and organisations; what a person may see comes from accounts.policies."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Model, Q, QuerySet

from urbanforum.accounts import policies
from urbanforum.accounts.models import ApiToken, Invitation, Membership, Organisation, User


@dataclass(frozen=True)
class OrganisationFilters:
    search: str = ""
    kind: str = ""
    country: str = ""


def organisation_list(*, filters: OrganisationFilters) -> QuerySet[Organisation]:
    qs = Organisation.objects.annotate(member_count=Count("memberships"))
    if filters.search:
        qs = qs.filter(Q(name__icontains=filters.search) | Q(description__icontains=filters.search))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    return qs.order_by("name")


def organisation_get(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def organisation_cities(*, organisation: Organisation) -> QuerySet[Model]:
    """The cities the organisation represents (cities.City, through its `administration`
    relation: accounts, on a lower floor, never imports cities)."""
    return organisation.represented_cities.order_by("name")


def organisation_members(
    *, viewer: User | AnonymousUser, organisation: Organisation
) -> QuerySet[Membership]:
    """The organisation's members that `viewer` may see (none unless they see the list)."""
    return (
        policies.memberships.queryset(viewer)
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email")
    )


def membership_get(*, pk: int, organisation_slug: str) -> Membership | None:
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(pk=pk, organisation__slug=organisation_slug)
        .first()
    )


def organisation_open_invitations(
    *, viewer: User | AnonymousUser, organisation: Organisation
) -> QuerySet[Invitation]:
    return (
        policies.invitations.queryset(viewer)
        .filter(organisation=organisation, accepted_at__isnull=True)
        .order_by("-created_at")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation its token names: whoever holds the token (sent by e-mail) may see it."""
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__name")


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return policies.api_tokens.queryset(user)


def user_token_get(*, user: User, pk: int) -> ApiToken | None:
    return policies.api_tokens.queryset(user).filter(pk=pk).first()


# The person's own data (GDPR): what the platform holds about them (accounts.personal).
from urbanforum.accounts.personal import personal_data_export  # noqa: E402

__all__ = ["personal_data_export"]
