"""Reads for the marketplace: solutions and experts with search and facets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from urbanforum.accounts.models import Membership
from urbanforum.core.countries import country_name
from urbanforum.core.taxonomy import DOMAINS
from urbanforum.core.text import fold
from urbanforum.marketplace.models import Expert, Maturity, PublicationStatus, Solution
from urbanforum.matching.tags import tag_filter


@dataclass(frozen=True)
class SolutionFilters:
    search: str = ""
    domain: str = ""
    maturity: str = ""
    country: str = ""
    language: str = ""


@dataclass(frozen=True)
class ExpertFilters:
    search: str = ""
    domain: str = ""
    country: str = ""
    language: str = ""


def _is_coordinator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coordinator)


def solution_list(*, user: Any, filters: SolutionFilters) -> QuerySet[Solution]:
    qs = Solution.objects.all()
    if not _is_coordinator(user):
        q = Q(status=PublicationStatus.PUBLISHED)
        if getattr(user, "is_authenticated", False):
            orgs = Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
            q |= Q(provider_id__in=list(orgs))
        qs = qs.filter(q)
    if filters.search:
        qs = qs.filter(search_text__contains=fold(filters.search))
    if filters.domain:
        qs = qs.filter(domain_tags__contains=tag_filter(filters.domain))
    if filters.maturity:
        qs = qs.filter(maturity=filters.maturity)
    if filters.country:
        qs = qs.filter(provider__country=filters.country.upper())
    if filters.language:
        # languages is a JSON list of two-letter codes; the quoted code is unambiguous in its text
        qs = qs.filter(languages__icontains=f'"{filters.language}"')
    return qs.select_related("provider")


def expert_list(*, user: Any, filters: ExpertFilters) -> QuerySet[Expert]:
    qs = Expert.objects.all()
    if not _is_coordinator(user):
        q = Q(is_published=True)
        if getattr(user, "is_authenticated", False):
            q |= Q(user=user)
        qs = qs.filter(q)
    if filters.search:
        qs = qs.filter(search_text__contains=fold(filters.search))
    if filters.domain:
        qs = qs.filter(domain_tags__contains=tag_filter(filters.domain))
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    if filters.language:
        qs = qs.filter(languages__icontains=f'"{filters.language}"')
    return qs


def solution_facets() -> dict[str, list[tuple[str, str]]]:
    countries = sorted(set(Solution.objects.values_list("provider__country", flat=True)) - {""})
    return {
        "domain": list(DOMAINS),
        "maturity": [(v, str(label)) for v, label in Maturity.choices],
        "country": [(c, country_name(c)) for c in countries],
    }


def expert_facets() -> dict[str, list[tuple[str, str]]]:
    countries = sorted(set(Expert.objects.values_list("country", flat=True)) - {""})
    return {
        "domain": list(DOMAINS),
        "country": [(c, country_name(c)) for c in countries],
    }


def solution_get(*, slug: str) -> Solution | None:
    return Solution.objects.select_related("provider").filter(slug=slug).first()


def expert_get(*, slug: str) -> Expert | None:
    return Expert.objects.select_related("user").filter(slug=slug).first()
