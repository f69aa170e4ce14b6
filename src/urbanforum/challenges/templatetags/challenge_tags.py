from __future__ import annotations

from django import template
from django.template.context import Context

from urbanforum.challenges import selectors
from urbanforum.cities.models import City
from urbanforum.practices import selectors as practice_selectors

register = template.Library()


@register.inclusion_tag("challenges/_city_list.html", takes_context=True)
def city_challenges(context: Context, city: City) -> dict[str, object]:
    """The challenges and good practices of a city, as the viewer may see them."""
    user = context["request"].user
    challenges = list(
        selectors.challenge_list(user=user, filters=selectors.ChallengeFilters(city=city.slug))[:10]
    )
    practices = list(
        practice_selectors.practice_list(
            user=user, filters=practice_selectors.PracticeFilters(city=city.slug)
        )[:10]
    )
    return {"city": city, "challenges": challenges, "practices": practices}
