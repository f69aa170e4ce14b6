"""Good practices can be translated (core.translations), registered in `PracticesConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanforum.core.translations import registry
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.policies import practice_policy


def register() -> None:
    registry.register(
        registry.TranslatableKind(
            slug="practice",
            label=_("good practice"),
            model=GoodPractice,
            policy=practice_policy,
            change_permission="practices.change_goodpractice",
            url=lambda p: reverse("practices:detail", args=[p.slug]),
            title_field="title",
            summary_field="summary",
            body_field="description",
        )
    )
