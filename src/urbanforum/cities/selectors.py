"""Reads for cities: the directory's search and filters, one place for pages and the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.urls import reverse

from urbanforum.accounts.models import User
from urbanforum.cities.models import City, SizeClass
from urbanforum.cities.policies import city_editing
from urbanforum.core.countries import country_name, region_name
from urbanforum.core.queries import facet_values
from urbanforum.core.text import fold


@dataclass(frozen=True)
class CityFilters:
    search: str = ""
    country: str = ""
    size: str = ""
    region: str = ""
    bsr: bool | None = None
    sort: str = "name"


SORTS = {
    "name": ["name", "country"],
    "-population": ["-population", "name"],
    "country": ["country", "name"],
}


def city_list(*, filters: CityFilters) -> QuerySet[City]:
    qs = City.objects.all()
    if filters.search:
        term = fold(filters.search)
        qs = qs.filter(
            Q(search_text__contains=term) | Q(eurostat_code__iexact=filters.search.strip())
        )
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    if filters.size and filters.size in SizeClass.values:
        qs = qs.filter(size_class=filters.size)
    if filters.region:
        qs = qs.filter(region=filters.region)
    if filters.bsr is not None:
        qs = qs.filter(is_bsr=filters.bsr)
    order = SORTS.get(filters.sort, SORTS["name"])
    if filters.search and filters.sort == "name":
        # The biggest city first when searching: "Riga" finds Rīga before the small namesakes.
        order = ["-population", "name"]
    return qs.select_related("administration").order_by(*order)


def city_get(*, ref: str) -> City | None:
    """A city by slug, Eurostat code (FI001C), numeric id, or a slug it had before (the caller
    compares `city.slug` with `ref` to redirect to the present address)."""
    ref = ref.strip()
    qs = City.objects.select_related("administration")
    if ref.isdigit():
        return qs.filter(pk=int(ref)).first()
    city = qs.filter(Q(slug=ref) | Q(eurostat_code__iexact=ref)).first()
    if city is None:
        city = qs.filter(slug_aliases__slug=ref).first()
    return city


def city_facets() -> dict[str, list[tuple[str, str]]]:
    """The values the filters offer."""
    countries = facet_values(City.objects.all(), "country")
    regions = facet_values(City.objects.all(), "region")
    return {
        "country": sorted(((c, country_name(c)) for c in countries), key=lambda x: x[1]),
        "size": [(s.value, str(s.label)) for s in SizeClass],
        "region": sorted(((r, region_name(r)) for r in regions), key=lambda x: x[1]),
    }


def city_map_points(*, qs: QuerySet[City], limit: int = 5000) -> list[dict[str, object]]:
    rows = qs.exclude(latitude=None).values("name", "slug", "latitude", "longitude", "population")[
        :limit
    ]
    return [
        {
            "name": r["name"],
            "lat": r["latitude"],
            "lon": r["longitude"],
            "population": r["population"],
            "url": reverse("cities:detail", args=[r["slug"]]),
        }
        for r in rows
    ]


def city_map_points_for(cities: Iterable[City]) -> list[dict[str, object]]:
    """Map points of the given cities (those with a position)."""
    return [
        {
            "name": c.name,
            "lat": c.latitude,
            "lon": c.longitude,
            "population": c.population,
            "url": reverse("cities:detail", args=[c.slug]),
        }
        for c in cities
        if c.latitude is not None
    ]


def city_profile_sections() -> list[str]:
    """Templates other apps contribute to the city profile (AppConfig.city_profile_templates).

    Each is included with `city` and `request` in its context; it loads its own template tags
    (inclusion tags calling the app's selectors), so cities never imports the other apps."""
    return [
        t
        for config in apps.get_app_configs()
        for t in getattr(config, "city_profile_templates", [])
    ]


def cities_editable_by(user: User | AnonymousUser) -> QuerySet[City]:
    """The cities whose profile `user` may edit (cities.policies)."""
    return city_editing.queryset(user).order_by("name")


def cities_edited_by(user: User | AnonymousUser) -> QuerySet[City]:
    """The cities `user` may post for (challenges, practices, procurements, pilots): those whose
    administration they edit or administer; coordinators may post for any Baltic Sea Region city
    or any city with an administration on the platform."""
    if not isinstance(user, User) or not user.is_authenticated:
        return City.objects.none()
    if user.is_coordinator:
        return City.objects.filter(Q(is_bsr=True) | Q(administration__isnull=False)).order_by(
            "name"
        )
    return cities_editable_by(user)
