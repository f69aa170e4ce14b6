"""Phase-aware permissions for the collaboration process.

A permission is: (role in the process) ∧ (the capability is open in the active phase). Who may see a
process is its visibility policy (`processes.policies`).

Roles in a process come from two places:
- a participating *organisation* (a city's administration, a company): its editors and admins act in
  the participant's role (lead, partner, provider, …); its plain members may read and comment;
- a participating *person* (an expert): acts in their own role.
Coordinators (network staff) may manage any process but do not write reviews.
"""

from __future__ import annotations

import rules

from urbanforum.accounts.models import ROLE_RANK, Membership, Role
from urbanforum.accounts.permissions import is_coordinator, is_org_editor
from urbanforum.challenges.models import Challenge
from urbanforum.processes import registry
from urbanforum.processes.models import Participant, Process, ProcessInvitation, ProcessRole, Task
from urbanforum.processes.policies import process_policy
from urbanforum.processes.registry import Viewer, signed_in


def _process_of(obj: object) -> Process | None:
    if isinstance(obj, Process):
        return obj
    if isinstance(obj, Task):
        return obj.phase.process
    return None


def process_roles(user: Viewer, process: Process | None) -> tuple[frozenset[str], bool]:
    """(the roles the user acts in, whether the user belongs to any participant at all).

    Cached on the user object for the request."""
    person = signed_in(user)
    if process is None or person is None:
        return frozenset(), False
    cache: dict[int, tuple[frozenset[str], bool]] = person.__dict__.setdefault("_uf_process", {})
    if process.pk not in cache:
        acting: set[str] = set()
        belongs = False
        org_roles = dict(
            Membership.objects.filter(user=person).values_list("organisation_id", "role")
        )
        for org_id, user_id, role in Participant.objects.filter(process=process).values_list(
            "organisation_id", "user_id", "role"
        ):
            if user_id == person.pk:
                acting.add(role)
                belongs = True
            elif org_id is not None and org_id in org_roles:
                belongs = True
                if ROLE_RANK[Role(org_roles[org_id])] >= ROLE_RANK[Role.EDITOR]:
                    acting.add(role)
        cache[process.pk] = (frozenset(acting), belongs)
    return cache[process.pk]


def forget_roles(user: Viewer) -> None:
    user.__dict__.pop("_uf_process", None)


def _role_predicate(role: str) -> rules.Predicate:
    @rules.predicate(name=f"is_process_{role}")
    def check(user: Viewer, obj: object) -> bool:
        return role in process_roles(user, _process_of(obj))[0]

    return check


is_process_lead = _role_predicate(ProcessRole.LEAD)
is_process_partner = _role_predicate(ProcessRole.PARTNER)
is_process_expert = _role_predicate(ProcessRole.EXPERT)
is_process_provider = _role_predicate(ProcessRole.PROVIDER)
is_process_observer = _role_predicate(ProcessRole.OBSERVER)


@rules.predicate
def is_process_participant(user: Viewer, obj: object) -> bool:
    """Anyone who belongs to a participant (members of participating organisations included)."""
    return process_roles(user, _process_of(obj))[1]


# A process is opened from a challenge, by whoever may see and change it: the challenges app's own
# permissions (asked by name, so its rules stay written once, there).
@rules.predicate
def may_view_challenge(user: Viewer, challenge: object) -> bool:
    return isinstance(challenge, Challenge) and user.has_perm(
        "challenges.view_challenge", challenge
    )


@rules.predicate
def may_change_challenge(user: Viewer, challenge: object) -> bool:
    return isinstance(challenge, Challenge) and user.has_perm(
        "challenges.change_challenge", challenge
    )


@rules.predicate
def has_active_phase(user: Viewer, obj: object) -> bool:
    process = _process_of(obj)
    return process is not None and process.active_phase is not None


def phase_open(capability: str) -> rules.Predicate:
    """The capability is open in the process's active phase (the phase rule: processes.phases)."""

    @rules.predicate(name=f"phase_open_{capability}")
    def check(user: Viewer, obj: object) -> bool:
        process = _process_of(obj)
        phase = process.active_phase if process is not None else None
        return phase is not None and phase.is_open_for(capability)

    return check


@rules.predicate
def is_task_owner(user: Viewer, task: object) -> bool:
    return (
        isinstance(task, Task)
        and getattr(user, "is_authenticated", False)
        and task.owner_id == user.pk
    )


@rules.predicate
def task_phase_is_active(user: Viewer, task: object) -> bool:
    if not isinstance(task, Task):
        return False
    active = task.phase.process.active_phase
    return active is not None and active.pk == task.phase_id


@rules.predicate
def is_invited_org_editor(user: Viewer, invitation: object) -> bool:
    return isinstance(invitation, ProcessInvitation) and is_org_editor(
        user, invitation.organisation
    )


@rules.predicate
def invitation_is_open(user: Viewer, invitation: object) -> bool:
    return (
        isinstance(invitation, ProcessInvitation)
        and invitation.is_open
        and invitation.process.closed_at is None
    )


manages = is_process_lead | is_coordinator
city_partner = is_process_lead | is_process_partner

# Who sees a process: one rule, in policies.py (the same rule filters every list).
rules.add_perm("processes.view_process", process_policy.predicate)
# obj = the challenge the process is opened from.
rules.add_perm("processes.add_process", may_view_challenge & may_change_challenge)
rules.add_perm("processes.change_process", manages)
rules.add_perm("processes.invite_city", manages & phase_open(registry.INVITE_CITY))
rules.add_perm("processes.accept_invitation", is_invited_org_editor & invitation_is_open)
rules.add_perm(
    "processes.add_task", (city_partner | is_coordinator) & phase_open(registry.ADD_TASK)
)
# obj = the task
rules.add_perm(
    "processes.change_task",
    (city_partner | is_coordinator | is_task_owner) & task_phase_is_active,
)
rules.add_perm(
    "processes.add_deliverable",
    (city_partner | is_process_expert | is_process_provider | is_coordinator)
    & phase_open(registry.ADD_DELIVERABLE),
)
rules.add_perm(
    "processes.submit_solution",
    (is_process_provider | is_process_lead) & phase_open(registry.CALL_FOR_SOLUTIONS),
)
rules.add_perm("processes.add_decision", manages & phase_open(registry.ADD_DECISION))
rules.add_perm("processes.review", (city_partner | is_process_expert) & phase_open(registry.REVIEW))
rules.add_perm(
    "processes.comment",
    (is_process_participant | is_coordinator) & phase_open(registry.COMMENT),
)
rules.add_perm("processes.tick_checklist", manages & has_active_phase)
rules.add_perm("processes.advance_phase", manages & has_active_phase)
rules.add_perm("processes.override_checklist", is_coordinator & has_active_phase)
rules.add_perm("processes.publish_result", manages & phase_open(registry.PUBLISH_RESULT))
