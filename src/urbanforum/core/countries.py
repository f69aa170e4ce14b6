"""Country names from ISO 3166 (pycountry), cached."""

from __future__ import annotations

from functools import cache

import pycountry

# Eurostat uses EL for Greece and UK for the United Kingdom.
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}


@cache
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=EUROSTAT_TO_ISO.get(code, code))
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def is_country_code(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None
