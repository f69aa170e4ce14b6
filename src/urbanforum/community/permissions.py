"""Who may do what in working groups, discussions, events and mentoring.

Who may *see* a group, a discussion, an event or a mentorship is written once, in `policies.py`.

- Groups: public groups are seen by everyone and joined by anyone logged in; private groups are
  seen by their members and coordinators; the lead (and coordinators) manage a group.
- Discussions live in a group (its members write) or a process (`processes.comment`: participants,
  while the active phase is open for comments). Authors edit their posts (history is kept);
  anyone who can read reports abuse; coordinators hide and restore with a reason.
- Events: seen by whoever sees their group/process (everyone when they have neither); anyone of a
  member organisation creates one; the organiser and coordinators change it and see attendees.
- Mentoring: experts and city editors offer; editors of the challenge's city ask; the mentor and
  the mentee city's people see a mentorship.
"""

from __future__ import annotations

import rules

from urbanforum.accounts.models import Membership, Role
from urbanforum.accounts.permissions import (
    belongs_to_an_organisation,
    edits_a_city_administration,
    is_coordinator,
    is_expert,
    is_org_editor,
)
from urbanforum.community.models import (
    Event,
    GroupMembership,
    GroupVisibility,
    Mentorship,
    MentorshipStatus,
    Post,
    Thread,
    WorkingGroup,
)
from urbanforum.community.policies import (
    event_policy,
    group_policy,
    mentorship_policy,
    thread_policy,
)
from urbanforum.processes.models import Process
from urbanforum.processes.permissions import may_change_challenge, may_view_challenge
from urbanforum.processes.policies import process_policy
from urbanforum.processes.registry import Viewer, signed_in


def _member_role(user: Viewer, group: WorkingGroup) -> str | None:
    person = signed_in(user)
    if person is None:
        return None
    cache: dict[int, str | None] = person.__dict__.setdefault("_uf_groups", {})
    if group.pk not in cache:
        cache[group.pk] = (
            GroupMembership.objects.filter(group=group, user=person)
            .values_list("role", flat=True)
            .first()
        )
    return cache[group.pk]


def forget_groups(user: Viewer) -> None:
    user.__dict__.pop("_uf_groups", None)


@rules.predicate
def is_group_member(user: Viewer, group: object) -> bool:
    return isinstance(group, WorkingGroup) and _member_role(user, group) is not None


@rules.predicate
def is_group_lead(user: Viewer, group: object) -> bool:
    return isinstance(group, WorkingGroup) and (
        _member_role(user, group) == "lead"
        or (getattr(user, "is_authenticated", False) and group.lead_id == user.pk)
    )


@rules.predicate
def is_public_group(user: Viewer, group: object) -> bool:
    return isinstance(group, WorkingGroup) and group.visibility == GroupVisibility.PUBLIC


def _container_perm(user: Viewer, obj: object, for_write: bool) -> bool:
    """Read: the visibility policy of the discussion (or its group or process). Write: members of
    the group, or `processes.comment` on the process."""
    if not for_write:
        if isinstance(obj, Post):
            obj = obj.thread  # a post is seen by whoever sees its discussion
        if isinstance(obj, Thread):
            return thread_policy.allows(user, obj)
        if isinstance(obj, WorkingGroup):
            return group_policy.allows(user, obj)
        if isinstance(obj, Process):
            return process_policy.allows(user, obj)
        return False
    if isinstance(obj, Post):
        obj = obj.thread
    group = obj.group if isinstance(obj, Thread) else obj if isinstance(obj, WorkingGroup) else None
    process = obj.process if isinstance(obj, Thread) else obj if isinstance(obj, Process) else None
    if group is not None:
        return bool(is_group_member(user, group) or is_coordinator(user))
    if process is not None:
        return bool(user.has_perm("processes.comment", process))
    return False


@rules.predicate
def can_read_discussion(user: Viewer, obj: object) -> bool:
    return _container_perm(user, obj, for_write=False)


@rules.predicate
def can_write_discussion(user: Viewer, obj: object) -> bool:
    return getattr(user, "is_authenticated", False) and _container_perm(user, obj, for_write=True)


@rules.predicate
def is_post_author(user: Viewer, post: object) -> bool:
    return (
        isinstance(post, Post)
        and getattr(user, "is_authenticated", False)
        and post.author_id == user.pk
    )


@rules.predicate
def post_not_hidden(user: Viewer, post: object) -> bool:
    return isinstance(post, Post) and post.hidden_at is None


# --- events
@rules.predicate
def is_organiser(user: Viewer, event: object) -> bool:
    return (
        isinstance(event, Event)
        and getattr(user, "is_authenticated", False)
        and event.organiser_id == user.pk
    )


@rules.predicate
def event_is_open(user: Viewer, event: object) -> bool:
    return isinstance(event, Event) and event.cancelled_at is None and not event.is_past


# --- mentoring
@rules.predicate
def is_mentor(user: Viewer, mentorship: object) -> bool:
    return (
        isinstance(mentorship, Mentorship)
        and getattr(user, "is_authenticated", False)
        and mentorship.mentor_id == user.pk
    )


@rules.predicate
def is_mentee_editor(user: Viewer, mentorship: object) -> bool:
    return isinstance(mentorship, Mentorship) and is_org_editor(
        user, mentorship.mentee_organisation
    )


@rules.predicate
def mentorship_active(user: Viewer, mentorship: object) -> bool:
    return isinstance(mentorship, Mentorship) and mentorship.status == MentorshipStatus.ACTIVE


@rules.predicate
def mentorship_proposed(user: Viewer, mentorship: object) -> bool:
    return isinstance(mentorship, Mentorship) and mentorship.status == MentorshipStatus.PROPOSED


@rules.predicate
def mentorship_ended(user: Viewer, mentorship: object) -> bool:
    return isinstance(mentorship, Mentorship) and mentorship.status == MentorshipStatus.ENDED


@rules.predicate
def edits_any_organisation(user: Viewer) -> bool:
    person = signed_in(user)
    return (
        person is not None
        and Membership.objects.filter(user=person, role__in=[Role.EDITOR, Role.ADMIN]).exists()
    )


rules.add_perm("community.view_group", group_policy.predicate)
rules.add_perm("community.add_group", belongs_to_an_organisation | is_coordinator)
rules.add_perm("community.change_group", is_group_lead | is_coordinator)
rules.add_perm("community.join_group", rules.is_authenticated & is_public_group & ~is_group_member)
rules.add_perm("community.add_document", is_group_member | is_coordinator)
# obj = a WorkingGroup, a Process or a Thread
rules.add_perm("community.read_discussion", can_read_discussion)
rules.add_perm("community.write_discussion", can_write_discussion)
rules.add_perm("community.edit_post", (is_post_author & post_not_hidden) | is_coordinator)
rules.add_perm(
    "community.report_post", rules.is_authenticated & can_read_discussion & ~is_post_author
)
rules.add_perm("community.moderate", is_coordinator)

rules.add_perm("community.view_event", event_policy.predicate)
rules.add_perm("community.add_event", belongs_to_an_organisation | is_coordinator)
rules.add_perm("community.change_event", is_organiser | is_coordinator)
rules.add_perm("community.view_attendees", is_organiser | is_coordinator)
rules.add_perm(
    "community.register_event", rules.is_authenticated & event_policy.predicate & event_is_open
)

rules.add_perm("community.offer_mentoring", is_expert | edits_a_city_administration)
# obj = the challenge
rules.add_perm("community.request_mentoring", may_view_challenge & may_change_challenge)
rules.add_perm("community.view_mentorship", mentorship_policy.predicate)
rules.add_perm("community.answer_mentorship", is_mentor & mentorship_proposed)
rules.add_perm("community.record_session", (is_mentor | is_mentee_editor) & mentorship_active)
rules.add_perm("community.end_mentorship", (is_mentor | is_mentee_editor) & mentorship_active)
rules.add_perm("community.give_feedback", (is_mentor | is_mentee_editor) & mentorship_ended)
rules.add_perm("community.edit_any_organisation", edits_any_organisation)
