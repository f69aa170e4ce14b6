"""Who may see a process: the rule written once (core.policies), giving both the check
(`processes.view_process`) and the processes a user may see (lists, the API, the dashboard, city
profiles, other apps' selectors).

- public processes: everyone;
- members' processes: people of any member organisation;
- private processes: the people taking part (a participating person, or anyone of a participating
  organisation);
- coordinators: everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from urbanforum.accounts.models import Membership
from urbanforum.core.policies import EVERYTHING, VisibilityPolicy, is_authenticated, is_coordinator
from urbanforum.processes.models import Participant, Process, ProcessVisibility


class ProcessPolicy(VisibilityPolicy[Process]):
    model = Process

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        public = Q(visibility=ProcessVisibility.PUBLIC)
        if not is_authenticated(user):
            return public
        memberships = Membership.objects.filter(user=user)
        participants = Participant.objects.filter(process=OuterRef("pk"))
        return (
            public
            | (Q(visibility=ProcessVisibility.MEMBERS) & Q(Exists(memberships)))
            | Q(Exists(participants.filter(user=user)))
            | Q(
                Exists(
                    participants.filter(organisation_id__in=memberships.values("organisation_id"))
                )
            )
        )


process_policy = ProcessPolicy()
