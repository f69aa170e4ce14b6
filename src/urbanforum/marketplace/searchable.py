"""Solutions and expert profiles are searchable: their kinds, registered with matching in
`MarketplaceConfig.ready()`."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.engines.matching import Context
from urbanforum.marketplace.models import Expert, PublicationStatus, Solution
from urbanforum.marketplace.policies import expert_policy, solution_policy
from urbanforum.matching import registry

SOLUTION = "solution"
EXPERT = "expert"


def indexed_solutions() -> QuerySet[Solution]:
    """What is searchable: published solutions."""
    return Solution.objects.filter(status=PublicationStatus.PUBLISHED).select_related("provider")


def indexed_experts() -> QuerySet[Expert]:
    """What is searchable: the profiles shown in the directory."""
    return Expert.objects.filter(is_published=True)


def solution_document(solution: Solution) -> registry.Document:
    return registry.Document(
        title=solution.title,
        text=solution.passage_text(),
        domains=solution.domains,
        sdgs=solution.sdgs,
        context=Context(country=solution.provider.country or None),
    )


def expert_document(expert: Expert) -> registry.Document:
    return registry.Document(
        title=expert.name,
        text=expert.passage_text(),
        domains=expert.domains,
        context=Context(country=expert.country or None),
    )


def solution_meta(solution: Solution) -> str:
    parts = [solution.provider.name, str(solution.get_maturity_display())]
    if solution.trl:
        parts.append(f"TRL {solution.trl}")
    return " · ".join(parts)


def expert_meta(expert: Expert) -> str:
    return " · ".join(p for p in (expert.organisation_name, expert.country) if p)


def register() -> None:
    registry.register(
        registry.SearchableKind(
            slug=SOLUTION,
            label=_("Solution"),
            plural=_("Solutions"),
            model=Solution,
            policy=solution_policy,
            indexed=indexed_solutions,
            document=solution_document,
            url=registry.Link("marketplace:solution_detail", "marketplace/solutions/{slug}/"),
            country_field="provider__country",
            select_related=("provider",),
            title=lambda s: s.title,
            meta=solution_meta,
            position=30,
        )
    )
    registry.register(
        registry.SearchableKind(
            slug=EXPERT,
            label=_("Expert"),
            plural=_("Experts"),
            model=Expert,
            policy=expert_policy,
            indexed=indexed_experts,
            document=expert_document,
            url=registry.Link("marketplace:expert_detail", "marketplace/experts/{slug}/"),
            country_field="country",
            title=lambda e: e.name,
            meta=expert_meta,
            position=40,
        )
    )
