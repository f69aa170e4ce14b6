"""Template helpers of the cities app."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from urbanforum.cities import selectors
from urbanforum.cities.models import City

register = template.Library()


@register.filter
def map_points(cities: Iterable[City]) -> list[dict[str, object]]:
    """The map points of these cities (those of a list page, for its map)."""
    return selectors.city_map_points_for(cities)
