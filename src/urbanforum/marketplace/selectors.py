"""Reads for the marketplace: solutions and experts with search and facets (visibility through
their policies), and the companies a user may offer solutions for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.core.countries import country_name
from urbanforum.core.queries import facet_values
from urbanforum.core.taxonomy import DOMAINS
from urbanforum.core.text import fold
from urbanforum.marketplace.models import Expert, Maturity, PublicationStatus, Solution
from urbanforum.marketplace.policies import expert_policy, solution_policy
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


def solution_list(*, user: User | AnonymousUser, filters: SolutionFilters) -> QuerySet[Solution]:
    qs = solution_policy.queryset(user)
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


def expert_list(*, user: User | AnonymousUser, filters: ExpertFilters) -> QuerySet[Expert]:
    qs = expert_policy.queryset(user)
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
    countries = facet_values(Solution.objects.all(), "provider__country")
    return {
        "domain": [(slug, str(label)) for slug, label in DOMAINS],
        "maturity": [(v, str(label)) for v, label in Maturity.choices],
        "country": [(c, country_name(c)) for c in countries],
    }


def expert_facets() -> dict[str, list[tuple[str, str]]]:
    countries = facet_values(Expert.objects.all(), "country")
    return {
        "domain": [(slug, str(label)) for slug, label in DOMAINS],
        "country": [(c, country_name(c)) for c in countries],
    }


def solution_get(*, slug: str) -> Solution | None:
    return Solution.objects.select_related("provider").filter(slug=slug).first()


def expert_get(*, slug: str) -> Expert | None:
    return Expert.objects.select_related("user").filter(slug=slug).first()


def providers_for(user: User) -> QuerySet[Organisation]:
    """The companies `user` may offer solutions for: those they edit (coordinators: every one)."""
    companies = Organisation.objects.filter(kind=OrganisationKind.COMPANY)
    if user.is_coordinator:
        return companies
    editing = Membership.objects.filter(user=user, role__in=[Role.EDITOR, Role.ADMIN]).values(
        "organisation_id"
    )
    return companies.filter(pk__in=editing)


def providers_offering(domains: Iterable[str]) -> QuerySet[Organisation]:
    """The organisations with a published solution in any of `domains` (each once, however many
    solutions match): whom a new call in those domains concerns."""
    in_any = Q()
    for domain in domains:
        in_any |= Q(domain_tags__contains=tag_filter(domain))
    if not in_any:
        return Organisation.objects.none()
    offering = Solution.objects.filter(in_any, status=PublicationStatus.PUBLISHED)
    return Organisation.objects.filter(pk__in=offering.values("provider_id"))
