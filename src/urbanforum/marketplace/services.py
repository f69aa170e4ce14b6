"""Writes for the marketplace: solutions of provider organisations and expert profiles."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, OrganisationKind, User
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update, validate
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.marketplace.schemas import ExpertFields, SolutionFields
from urbanforum.marketplace.searchable import EXPERT, SOLUTION
from urbanforum.marketplace.selectors import providers_for
from urbanforum.matching.services import content_saved

# Derived columns: computed on save, never validated as input.
SOLUTION_DERIVED = ["slug", "search_text", "domain_tags", "sdg_tags"]
EXPERT_DERIVED = ["slug", "search_text", "domain_tags", "user"]


@transaction.atomic
def solution_create(*, actor: User, provider: Organisation, fields: SolutionFields) -> Solution:
    require(actor, "marketplace.add_solution")
    if provider.kind != OrganisationKind.COMPANY:
        raise field_error("provider", _("Solutions are offered by companies."))
    if not providers_for(actor).filter(pk=provider.pk).exists():
        raise field_error("provider", _("You can add solutions only for your own company."))
    values = fields.values()
    solution = Solution(provider=provider, created_by=actor, **values)
    validate(solution, exclude=SOLUTION_DERIVED)
    solution.save()
    audit.record(actor=actor, action="solution.create", target=solution, changes=values)
    content_saved(kind=SOLUTION, pks=[solution.pk])
    return solution


@transaction.atomic
def solution_update(*, actor: User, solution: Solution, changes: SolutionFields) -> Solution:
    require(actor, "marketplace.change_solution", solution)
    updated = update(
        solution,
        actor=actor,
        values=changes.values(),
        action="solution.update",
        validate_exclude=SOLUTION_DERIVED,
        select_related=["provider"],
    )
    if updated.changed:
        content_saved(kind=SOLUTION, pks=[updated.instance.pk])
    return updated.instance


@transaction.atomic
def expert_create(*, actor: User, fields: ExpertFields, user: User | None = None) -> Expert:
    """An expert creates their own profile (coordinators may create standalone ones)."""
    require(actor, "marketplace.add_expert")
    owner = actor if user is None and not actor.is_coordinator else user
    if owner is not None and owner != actor and not actor.is_coordinator:
        raise field_error("user", _("You can create only your own expert profile."))
    if owner is not None and Expert.objects.filter(user=owner).exists():
        raise field_error("user", _("This user already has an expert profile."))
    values = fields.values()
    values.setdefault("name", owner.display_name if owner is not None else "")
    expert = Expert(user=owner, **values)
    validate(expert, exclude=EXPERT_DERIVED)
    expert.save()
    audit.record(actor=actor, action="expert.create", target=expert, changes=values)
    content_saved(kind=EXPERT, pks=[expert.pk])
    return expert


@transaction.atomic
def expert_update(*, actor: User, expert: Expert, changes: ExpertFields) -> Expert:
    require(actor, "marketplace.change_expert", expert)
    updated = update(
        expert,
        actor=actor,
        values=changes.values(),
        action="expert.update",
        validate_exclude=EXPERT_DERIVED,
    )
    if updated.changed:
        content_saved(kind=EXPERT, pks=[updated.instance.pk])
    return updated.instance
