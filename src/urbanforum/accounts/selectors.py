"""Reads for accounts and organisations."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from urbanforum.accounts.models import Invitation, Membership, Organisation, User


def organisation_list(
    *, search: str = "", kind: str = "", country: str = ""
) -> QuerySet[Organisation]:
    qs = Organisation.objects.annotate(member_count=Count("memberships"))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    return qs.order_by("name")


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__email")


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(accepted_at__isnull=True).order_by("-created_at")


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__name")
