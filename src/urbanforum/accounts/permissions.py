"""Who may do what with organisations and people.

Predicates are django-rules predicates, registered as Django permissions, so views
(`user.has_perm`), templates (`{% has_perm %}` / `perms`) and the API use the same rules.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import (
    ROLE_RANK,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from urbanforum.accounts.policies import member_lists


def signed_in(user: User | AnonymousUser | None) -> User | None:
    """The user when someone is logged in, else None."""
    return user if isinstance(user, User) and user.is_authenticated else None


def role_in(user: User | AnonymousUser, organisation: Organisation | None) -> str | None:
    """The user's role in the organisation, cached on the user object for the request."""
    person = signed_in(user)
    if organisation is None or person is None:
        return None
    cache: dict[int, str | None] = person.__dict__.setdefault("_uf_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            Membership.objects.filter(user=person, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


def has_role(user: User | AnonymousUser, organisation: Organisation | None, minimum: Role) -> bool:
    role = role_in(user, organisation)
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[minimum]


@rules.predicate
def is_coordinator(user: User | AnonymousUser) -> bool:
    person = signed_in(user)
    return person is not None and person.is_coordinator


@rules.predicate
def is_expert(user: User | AnonymousUser) -> bool:
    person = signed_in(user)
    return person is not None and person.is_expert


@rules.predicate
def is_org_member(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, Role.MEMBER)


@rules.predicate
def is_org_editor(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, Role.EDITOR)


@rules.predicate
def is_org_admin(user: User | AnonymousUser, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, Role.ADMIN)


@rules.predicate
def belongs_to_an_organisation(user: User | AnonymousUser) -> bool:
    person = signed_in(user)
    return person is not None and Membership.objects.filter(user=person).exists()


@rules.predicate
def edits_for_an_organisation(user: User | AnonymousUser) -> bool:
    """An editor or admin of some organisation (of any kind)."""
    person = signed_in(user)
    return (
        person is not None
        and Membership.objects.filter(user=person, role__in=[Role.EDITOR, Role.ADMIN]).exists()
    )


@rules.predicate
def edits_a_city_administration(user: User | AnonymousUser) -> bool:
    """An editor or admin of an organisation that administers a city (it may post challenges,
    practices, procurements and pilots for that city). The one definition every app uses."""
    person = signed_in(user)
    return (
        person is not None
        and Membership.objects.filter(
            user=person,
            organisation__kind=OrganisationKind.CITY_ADMINISTRATION,
            organisation__represented_cities__isnull=False,
            role__in=[Role.EDITOR, Role.ADMIN],
        ).exists()
    )


@rules.predicate
def is_that_person(user: User | AnonymousUser, person: User | None) -> bool:
    """The person themself, logged in: nobody else — no admin, no coordinator — may download or
    erase someone's personal data through the platform."""
    me = signed_in(user)
    return me is not None and person is not None and me.is_active and me.pk == person.pk


is_authenticated = rules.is_authenticated

rules.add_perm("accounts.view_organisation", rules.always_allow)
rules.add_perm("accounts.add_organisation", is_authenticated)
rules.add_perm("accounts.change_organisation", is_org_admin | is_coordinator)
# Who sees an organisation's members: written once, as a policy (accounts.policies).
rules.add_perm("accounts.view_members", member_lists.predicate)
rules.add_perm("accounts.manage_members", is_org_admin | is_coordinator)
rules.add_perm("accounts.invite_member", is_org_admin | is_coordinator)
rules.add_perm("core.view_audit", is_coordinator)
rules.add_perm("accounts.export_personal_data", is_that_person)
rules.add_perm("accounts.delete_account", is_that_person)
