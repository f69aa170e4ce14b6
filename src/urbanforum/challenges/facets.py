"""The choices the challenge list's filters offer: the countries by one aggregate query (GROUP BY
the owner city's country), not every challenge's country loaded into Python."""

from __future__ import annotations

from urbanforum.challenges.models import Challenge, ChallengeStatus
from urbanforum.core.countries import country_name
from urbanforum.core.queries import facet_values
from urbanforum.core.taxonomy import DOMAINS, SDG_GOALS


def challenge_facets() -> dict[str, list[tuple[str, str]]]:
    countries = facet_values(Challenge.objects.all(), "owner_city__country")
    return {
        "domain": [(slug, str(label)) for slug, label in DOMAINS],
        "sdg": [(str(k), f"{k}. {v}") for k, v in SDG_GOALS.items()],
        "country": [(c, country_name(c)) for c in countries],
        "status": [(v, str(label)) for v, label in ChallengeStatus.choices],
    }
