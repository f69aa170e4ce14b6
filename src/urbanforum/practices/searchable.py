"""Good practices are searchable: their kind, registered with matching in `PracticesConfig.ready()`."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.matching import registry
from urbanforum.practices.models import GoodPractice, PracticeStatus
from urbanforum.practices.policies import practice_policy

KIND = "practice"


def indexed() -> QuerySet[GoodPractice]:
    """What is searchable: published practices."""
    return GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED).select_related("city")


def document(practice: GoodPractice) -> registry.Document:
    return registry.Document(
        title=practice.title,
        text=practice.passage_text(),
        language=practice.language or "en",
        domains=practice.domains,
        sdgs=practice.sdgs,
        context=registry.city_context(practice.city),
    )


def meta(practice: GoodPractice) -> str:
    city = practice.city
    language = f" · {practice.language}" if practice.language != "en" else ""
    return f"{city.name}, {city.country_name}{language}"


def register() -> None:
    registry.register(
        registry.SearchableKind(
            slug=KIND,
            label=_("Good practice"),
            plural=_("Good practices"),
            model=GoodPractice,
            policy=practice_policy,
            indexed=indexed,
            document=document,
            url=registry.Link("practices:detail", "practices/{slug}/"),
            country_field="city__country",
            select_related=("city",),
            title=lambda p: p.title,
            meta=meta,
            position=10,
        )
    )
