"""Reads for working groups: the list, a group's page, what a lead may link."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from urbanforum.challenges.models import Challenge
from urbanforum.community.models import GroupDocument, GroupMembership, WorkingGroup
from urbanforum.community.policies import group_policy
from urbanforum.processes.models import Process
from urbanforum.processes.policies import process_policy
from urbanforum.processes.registry import Viewer, signed_in


@dataclass(frozen=True)
class GroupFilters:
    search: str = ""
    domain: str = ""
    mine: bool = False


def group_list(*, user: Viewer, filters: GroupFilters = GroupFilters()) -> QuerySet[WorkingGroup]:
    qs = group_policy.queryset(user)
    if filters.search:
        qs = qs.filter(Q(name__icontains=filters.search) | Q(description__icontains=filters.search))
    if filters.domain:
        qs = qs.filter(domains__icontains=f'"{filters.domain}"')
    person = signed_in(user)
    if filters.mine and person is not None:
        qs = qs.filter(Exists(GroupMembership.objects.filter(group=OuterRef("pk"), user=person)))
    return (
        qs.select_related("lead")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def group_by_slug(slug: str) -> WorkingGroup | None:
    return WorkingGroup.objects.filter(slug=slug).first() if slug else None


def group_members(*, group: WorkingGroup) -> QuerySet[GroupMembership]:
    return group.memberships.select_related("user")


def group_documents(*, group: WorkingGroup) -> QuerySet[GroupDocument]:
    return group.documents.select_related("added_by")


def is_group_member(*, group: WorkingGroup, user: Viewer) -> bool:
    person = signed_in(user)
    return person is not None and group.memberships.filter(user=person).exists()


def group_challenges(*, group: WorkingGroup, user: Viewer) -> list[Challenge]:
    """The linked challenges `user` may see (challenges decide who sees them)."""
    return [
        c
        for c in group.challenges.select_related("owner_city")
        if user.has_perm("challenges.view_challenge", c)
    ]


def group_processes(*, group: WorkingGroup, user: Viewer) -> QuerySet[Process]:
    """The linked processes `user` may see."""
    return process_policy.queryset(user, base=group.processes.all())


def linkable_processes(*, group: WorkingGroup, user: Viewer) -> QuerySet[Process]:
    """Processes the lead may link: those they see and the group is not linked to yet."""
    return (
        process_policy.queryset(user)
        .exclude(pk__in=group.processes.values("pk"))
        .order_by("title")[:50]
    )


def challenge_by_slug(slug: str) -> Challenge | None:
    return Challenge.objects.filter(slug=slug).first() if slug else None
