"""Challenges are searchable: their kind, registered with matching in `ChallengesConfig.ready()`.
(What a challenge's page suggests for it — its matches — is in `challenges.selectors`.)"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.challenges.models import Challenge, ChallengeStatus
from urbanforum.challenges.policies import challenge_policy
from urbanforum.matching import registry

KIND = "challenge"


def indexed() -> QuerySet[Challenge]:
    """What is searchable: challenges past draft. Who sees a public / members / private one is the
    policy's business, applied per user on the results (the index is shared)."""
    return Challenge.objects.exclude(status=ChallengeStatus.DRAFT).select_related("owner_city")


def document(challenge: Challenge) -> registry.Document:
    return registry.Document(
        title=challenge.title,
        text=challenge.passage_text(),
        language=challenge.language or "en",
        domains=challenge.domains,
        sdgs=challenge.sdgs,
        context=registry.city_context(challenge.owner_city),
    )


def meta(challenge: Challenge) -> str:
    return f"{challenge.owner_city.name}, {challenge.owner_city.country_name}"


def register() -> None:
    registry.register(
        registry.SearchableKind(
            slug=KIND,
            label=_("Challenge"),
            plural=_("Challenges"),
            model=Challenge,
            policy=challenge_policy,
            indexed=indexed,
            document=document,
            url=registry.Link("challenges:detail", "challenges/{slug}/"),
            country_field="owner_city__country",
            select_related=("owner_city", "owner_organisation"),
            title=lambda c: c.title,
            meta=meta,
            position=20,
        )
    )
