from __future__ import annotations

from django import template

from urbanforum.cities.models import City
from urbanforum.matching import selectors

register = template.Library()


@register.inclusion_tag("matching/_city_matches.html")
def city_matches(city: City) -> dict[str, object]:
    """Peer cities (similar context) and twin candidates (similar context, complementary
    strengths) of a city."""
    twins, twin_note = selectors.twin_candidates(city=city, limit=5)
    return {
        "city": city,
        "peers": selectors.peer_cities(city=city, limit=5),
        "twins": twins,
        "twin_note": twin_note,
    }
