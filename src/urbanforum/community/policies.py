"""Who may see what in the community: each rule written once (core.policies), giving both the
check (`community.view_*` permissions) and the querysets of every list, feed and the dashboard.

- a working group: public ones everyone, private ones their members; coordinators all;
- a discussion (and so its posts): whoever sees its working group or its process;
- an event: whoever sees its group and its process (everyone when it has neither);
- a mentorship: the mentor and the people of the mentee organisation; coordinators all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from urbanforum.accounts.models import Membership
from urbanforum.community.models import (
    Event,
    GroupMembership,
    GroupVisibility,
    Mentorship,
    Thread,
    WorkingGroup,
)
from urbanforum.core.policies import (
    EVERYTHING,
    NOTHING,
    VisibilityPolicy,
    is_authenticated,
    is_coordinator,
)
from urbanforum.processes.policies import process_policy


class WorkingGroupPolicy(VisibilityPolicy[WorkingGroup]):
    model = WorkingGroup

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        public = Q(visibility=GroupVisibility.PUBLIC)
        if not is_authenticated(user):
            return public
        member = GroupMembership.objects.filter(group=OuterRef("pk"), user=user)
        return public | Q(Exists(member))


group_policy = WorkingGroupPolicy()


def _in(field: str, policy: VisibilityPolicy[Any], user: Any) -> Q:
    """`field` points at an object `user` may see, by `policy` (a subquery, no join)."""
    return Q(**{f"{field}__in": policy.queryset(user).values("pk")})


class ThreadPolicy(VisibilityPolicy[Thread]):
    model = Thread

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        return _in("group", group_policy, user) | _in("process", process_policy, user)


thread_policy = ThreadPolicy()


class EventPolicy(VisibilityPolicy[Event]):
    model = Event

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        return (Q(group=None) | _in("group", group_policy, user)) & (
            Q(process=None) | _in("process", process_policy, user)
        )


event_policy = EventPolicy()


class MentorshipPolicy(VisibilityPolicy[Mentorship]):
    model = Mentorship

    @staticmethod
    def involving(user: Any) -> Q:
        """The mentorships `user` takes part in: as the mentor, or in the mentee organisation."""
        if not is_authenticated(user):
            return NOTHING
        organisations = Membership.objects.filter(user=user).values("organisation_id")
        return Q(mentor=user) | Q(mentee_organisation_id__in=organisations)

    def rule(self, user: Any) -> Q:
        return EVERYTHING if is_coordinator(user) else self.involving(user)


mentorship_policy = MentorshipPolicy()
