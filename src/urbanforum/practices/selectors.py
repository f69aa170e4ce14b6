"""Reads for good practices: list with search and facets, one practice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, When

from urbanforum.accounts.models import Membership
from urbanforum.cities.models import SizeClass
from urbanforum.core.countries import country_name
from urbanforum.core.taxonomy import DOMAINS, SDG_GOALS
from urbanforum.core.text import fold
from urbanforum.matching.tags import tag_filter
from urbanforum.practices.models import GoodPractice, PracticeStatus


@dataclass(frozen=True)
class PracticeFilters:
    search: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    size: str = ""
    language: str = ""
    city: str = ""  # slug


def visible_to(user: Any) -> Q:
    if getattr(user, "is_authenticated", False) and user.is_coordinator:
        return Q()
    q = Q(status=PracticeStatus.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        orgs = list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
        if orgs:
            q |= Q(author_organisation_id__in=orgs) | Q(city__administration_id__in=orgs)
    return q


def practice_list(
    *, user: Any, filters: PracticeFilters, ranked: list[int] | None = None
) -> QuerySet[GoodPractice]:
    """Practices this user may see. `ranked`: primary keys from the matching engine (best first)
    for a search; without it the search is a plain accent-insensitive substring match."""
    qs = GoodPractice.objects.filter(visible_to(user))
    if filters.search:
        folded = fold(filters.search)
        if ranked is not None:
            qs = qs.filter(Q(pk__in=ranked) | Q(search_text__contains=folded))
            order = Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(ranked)],
                default=len(ranked),
                output_field=IntegerField(),
            )
            qs = qs.order_by(order, "title")
        else:
            qs = qs.filter(search_text__contains=folded)
    if filters.domain:
        qs = qs.filter(domain_tags__contains=tag_filter(filters.domain))
    if filters.sdg:
        qs = qs.filter(sdg_tags__contains=tag_filter(filters.sdg))
    if filters.country:
        qs = qs.filter(city__country=filters.country.upper())
    if filters.size:
        qs = qs.filter(city__size_class=filters.size)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.city:
        qs = qs.filter(city__slug=filters.city)
    return qs.select_related("city", "author_organisation")


def practice_facets() -> dict[str, list[tuple[str, str]]]:
    countries = sorted(set(GoodPractice.objects.values_list("city__country", flat=True)))
    languages = sorted(set(GoodPractice.objects.values_list("language", flat=True)))
    return {
        "domain": list(DOMAINS),
        "sdg": [(str(k), f"{k}. {v}") for k, v in SDG_GOALS.items()],
        "country": [(c, country_name(c)) for c in countries],
        "size": [(v, str(label)) for v, label in SizeClass.choices],
        "language": [(code, code) for code in languages],
    }


def practice_get(*, slug: str) -> GoodPractice | None:
    return (
        GoodPractice.objects.select_related("city", "author_organisation")
        .prefetch_related("partner_cities")
        .filter(slug=slug)
        .first()
    )
