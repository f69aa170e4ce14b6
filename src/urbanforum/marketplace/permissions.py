"""Who may see and write solutions and expert profiles.

Seeing: the policies (`marketplace.policies`): published solutions and expert profiles are public;
drafts/hidden ones are seen by their provider's members (solutions), their own expert (profiles)
and coordinators. Editors/admins of a company
create solutions and edit their company's; an expert creates and edits their own profile;
coordinators do everything.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import Membership, OrganisationKind, Role, User
from urbanforum.accounts.permissions import is_coordinator, is_expert, is_org_editor
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.marketplace.policies import expert_policy, solution_policy


@rules.predicate
def is_provider_editor(user: User | AnonymousUser, solution: Solution | None) -> bool:
    return solution is not None and is_org_editor(user, solution.provider)


@rules.predicate
def edits_a_company(user: User | AnonymousUser) -> bool:
    return bool(
        isinstance(user, User)
        and Membership.objects.filter(
            user=user,
            organisation__kind=OrganisationKind.COMPANY,
            role__in=[Role.EDITOR, Role.ADMIN],
        ).exists()
    )


@rules.predicate
def is_own_profile(user: User | AnonymousUser, expert: Expert | None) -> bool:
    return (
        expert is not None
        and expert.user_id is not None
        and getattr(user, "pk", None) == expert.user_id
    )


@rules.predicate
def has_no_profile(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and not Expert.objects.filter(user=user).exists()


rules.add_perm("marketplace.view_solution", solution_policy.predicate)
rules.add_perm("marketplace.add_solution", edits_a_company | is_coordinator)
rules.add_perm("marketplace.change_solution", is_provider_editor | is_coordinator)
rules.add_perm("marketplace.view_expert", expert_policy.predicate)
rules.add_perm("marketplace.add_expert", (is_expert & has_no_profile) | is_coordinator)
rules.add_perm("marketplace.change_expert", is_own_profile | is_coordinator)
