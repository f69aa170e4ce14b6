"""Reads of the home page: the network at a glance."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import Count, QuerySet

from urbanforum.accounts.models import Organisation
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_map_points


class CountryCount(TypedDict):
    country: str
    n: int


class Overview(TypedDict):
    city_count: int
    bsr_count: int
    country_count: int
    organisation_count: int
    largest: QuerySet[City]
    map_points: list[dict[str, object]]
    by_country: QuerySet[City, CountryCount]


def overview() -> Overview:
    """The registry's size, the largest Baltic Sea Region cities (also on the map) and the BSR
    cities per country."""
    bsr = City.objects.filter(is_bsr=True)
    return {
        "city_count": City.objects.count(),
        "bsr_count": bsr.count(),
        "country_count": City.objects.values("country").distinct().count(),
        "organisation_count": Organisation.objects.count(),
        "largest": bsr.exclude(population=None).order_by("-population")[:12],
        "map_points": city_map_points(
            qs=bsr.exclude(population=None).order_by("-population"), limit=400
        ),
        "by_country": bsr.values("country").annotate(n=Count("id")).order_by("-n"),
    }
