"""Reads for challenges: the list (visibility applied in the query), facets, one challenge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from urbanforum.accounts.models import Membership
from urbanforum.challenges.models import Challenge, ChallengeStatus, Visibility
from urbanforum.core.countries import country_name
from urbanforum.core.taxonomy import DOMAINS, SDG_GOALS
from urbanforum.core.text import fold
from urbanforum.matching.tags import tag_filter


@dataclass(frozen=True)
class ChallengeFilters:
    search: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    size: str = ""
    status: str = ""
    city: str = ""  # slug: challenges owned or shared by this city


def visible_to(user: Any) -> Q:
    """The same rule as `challenges.view_challenge`, as a query."""
    if getattr(user, "is_authenticated", False) and user.is_coordinator:
        return Q()
    not_draft = ~Q(status=ChallengeStatus.DRAFT)
    if not getattr(user, "is_authenticated", False):
        return Q(visibility=Visibility.PUBLIC) & not_draft
    orgs = list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    q = Q(visibility=Visibility.PUBLIC) & not_draft
    if orgs:
        q |= Q(visibility=Visibility.MEMBERS) & not_draft
        q |= Q(owner_organisation_id__in=orgs) | Q(cities__city__administration_id__in=orgs)
    return q


def challenge_list(*, user: Any, filters: ChallengeFilters) -> QuerySet[Challenge]:
    qs = Challenge.objects.filter(visible_to(user)).distinct()
    if filters.search:
        qs = qs.filter(search_text__contains=fold(filters.search))
    if filters.domain:
        qs = qs.filter(domain_tags__contains=tag_filter(filters.domain))
    if filters.sdg:
        qs = qs.filter(sdg_tags__contains=tag_filter(filters.sdg))
    if filters.country:
        qs = qs.filter(owner_city__country=filters.country.upper())
    if filters.size:
        qs = qs.filter(owner_city__size_class=filters.size)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.city:
        qs = qs.filter(Q(owner_city__slug=filters.city) | Q(cities__city__slug=filters.city))
    return qs.select_related("owner_city", "owner_organisation").prefetch_related("cities__city")


def challenge_facets() -> dict[str, list[tuple[str, str]]]:
    countries = sorted(set(Challenge.objects.values_list("owner_city__country", flat=True)))
    return {
        "domain": list(DOMAINS),
        "sdg": [(str(k), f"{k}. {v}") for k, v in SDG_GOALS.items()],
        "country": [(c, country_name(c)) for c in countries],
        "status": [(v, str(label)) for v, label in ChallengeStatus.choices],
    }


def challenge_get(*, slug: str) -> Challenge | None:
    return (
        Challenge.objects.select_related("owner_city", "owner_organisation")
        .prefetch_related("cities__city")
        .filter(slug=slug)
        .first()
    )
