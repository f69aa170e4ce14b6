"""Solutions and expert profiles can be translated (core.translations), registered in
`MarketplaceConfig.ready()`. An expert's name is a name: only the profile text is translated."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanforum.core.translations import registry
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.marketplace.policies import expert_policy, solution_policy


def register() -> None:
    registry.register(
        registry.TranslatableKind(
            slug="solution",
            label=_("solution"),
            model=Solution,
            policy=solution_policy,
            change_permission="marketplace.change_solution",
            url=lambda s: reverse("marketplace:solution_detail", args=[s.slug]),
            title_field="title",
            summary_field=None,
            body_field="description",
        )
    )
    registry.register(
        registry.TranslatableKind(
            slug="expert",
            label=_("expert profile"),
            model=Expert,
            policy=expert_policy,
            change_permission="marketplace.change_expert",
            url=lambda e: reverse("marketplace:expert_detail", args=[e.slug]),
            title_field=None,
            summary_field=None,
            body_field="bio",
        )
    )
