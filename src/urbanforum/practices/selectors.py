"""Reads for good practices: list with search and facets, one practice (visibility through the
practice policy)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, Q, QuerySet, When

from urbanforum.accounts.models import User
from urbanforum.cities.models import SizeClass
from urbanforum.core.countries import country_name, language_name
from urbanforum.core.queries import facet_values
from urbanforum.core.taxonomy import DOMAINS, SDG_GOALS
from urbanforum.core.text import fold
from urbanforum.matching.selectors import ranked_ids
from urbanforum.matching.tags import tag_filter
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.policies import practice_policy
from urbanforum.practices.searchable import KIND


@dataclass(frozen=True)
class PracticeFilters:
    search: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    size: str = ""
    language: str = ""
    city: str = ""  # slug


def practice_list(
    *, user: User | AnonymousUser, filters: PracticeFilters
) -> QuerySet[GoodPractice]:
    """Practices this user may see. A search is ranked by the matching engine (cross-lingual, best
    first), together with a plain accent-insensitive substring match."""
    qs = practice_policy.queryset(user)
    if filters.search:
        ranked = ranked_ids(user=user, text=filters.search, kind=KIND)
        qs = qs.filter(Q(pk__in=ranked) | Q(search_text__contains=fold(filters.search)))
        if ranked:
            order = Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(ranked)],
                default=len(ranked),
                output_field=IntegerField(),
            )
            qs = qs.order_by(order, "title")
        else:  # nothing ranked (the relevance gate): a constant CASE is "ORDER BY 0" on PostgreSQL
            qs = qs.order_by("title")
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
    countries = facet_values(GoodPractice.objects.all(), "city__country")
    languages = facet_values(GoodPractice.objects.all(), "language")
    return {
        "domain": [(slug, str(label)) for slug, label in DOMAINS],
        "sdg": [(str(k), f"{k}. {v}") for k, v in SDG_GOALS.items()],
        "country": [(c, country_name(c)) for c in countries],
        "size": [(v, str(label)) for v, label in SizeClass.choices],
        "language": sorted(((c, language_name(c)) for c in languages), key=lambda x: x[1]),
    }


def practice_get(*, slug: str) -> GoodPractice | None:
    return (
        GoodPractice.objects.select_related("city", "author_organisation")
        .prefetch_related("partner_cities")
        .filter(slug=slug)
        .first()
    )


def practice_by_ref(*, user: User | AnonymousUser, ref: str) -> GoodPractice | None:
    """A practice by slug or external id, if `user` may see it (the API's lookup)."""
    return (
        practice_policy.queryset(user)
        .select_related("city", "author_organisation")
        .prefetch_related("partner_cities")
        .filter(Q(slug=ref) | Q(external_id=ref))
        .first()
    )
