"""Challenges can be translated (core.translations), registered in `ChallengesConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanforum.challenges.models import Challenge
from urbanforum.challenges.policies import challenge_policy
from urbanforum.core.translations import registry


def register() -> None:
    registry.register(
        registry.TranslatableKind(
            slug="challenge",
            label=_("challenge"),
            model=Challenge,
            policy=challenge_policy,
            change_permission="challenges.change_challenge",
            url=lambda c: reverse("challenges:detail", args=[c.slug]),
            title_field="title",
            summary_field=None,
            body_field="problem_statement",
        )
    )
