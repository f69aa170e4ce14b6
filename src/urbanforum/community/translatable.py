"""Working groups and events can be translated (core.translations), registered in
`CommunityConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanforum.community.models import Event, WorkingGroup
from urbanforum.community.policies import event_policy, group_policy
from urbanforum.core.translations import registry


def register() -> None:
    registry.register(
        registry.TranslatableKind(
            slug="group",
            label=_("working group"),
            model=WorkingGroup,
            policy=group_policy,
            change_permission="community.change_group",
            url=lambda g: reverse("community:group_detail", args=[g.slug]),
            title_field="name",
            summary_field=None,
            body_field="description",
        )
    )
    registry.register(
        registry.TranslatableKind(
            slug="event",
            label=_("event"),
            model=Event,
            policy=event_policy,
            change_permission="community.change_event",
            url=lambda e: reverse("community:event_detail", args=[e.slug]),
            title_field="title",
            summary_field=None,
            body_field="description",
        )
    )
