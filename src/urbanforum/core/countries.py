"""Country, region and language names from ISO 3166 and ISO 639 (pycountry), in the reader's
language: pycountry ships the iso-codes project's translations of both lists."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language, gettext_noop

from urbanforum.core.text import translated

# Eurostat uses EL for Greece and UK for the United Kingdom.
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}

# The UN M49 subregions a European city is in (cities.registry stores the English name).
REGION_NAMES = {
    name: name
    for name in (
        gettext_noop("Northern Europe"),
        gettext_noop("Western Europe"),
        gettext_noop("Southern Europe"),
        gettext_noop("Eastern Europe"),
        gettext_noop("Central and Eastern Europe"),
    )
}

# The site's language codes where iso-codes names its catalogue differently.
_ISO_CODES_LOCALE = {"nb": "nb_NO"}


@cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    base = language.split("-")[0]
    return gettext.translation(
        domain,
        pycountry.LOCALES_DIR,
        languages=[_ISO_CODES_LOCALE.get(base, base)],
        fallback=True,
    )


def _reader() -> str:
    return get_language() or "en"


@cache
def _country(code: str) -> tuple[str, str] | None:
    """(the ISO name, the name an English reader knows), or None for an unknown code."""
    country = pycountry.countries.get(alpha_2=EUROSTAT_TO_ISO.get(code, code))
    if country is None:
        return None
    return str(country.name), str(getattr(country, "common_name", None) or country.name)


def country_name(code: str) -> str:
    """The country's name in the reader's language ("FI" → "Suomi" in fi); an unknown code as is."""
    names = _country(code)
    if names is None:
        return code
    iso_name, english = names
    language = _reader()
    if language.startswith("en"):
        return english
    # The catalogues translate the ISO name (their msgid), not the common name.
    return _catalogue("iso3166-1", language).gettext(iso_name)


def region_name(region: str) -> str:
    """A European region ("Northern Europe") in the reader's language."""
    return translated(region) if region in REGION_NAMES else region


def language_name(code: str) -> str:
    """A language's name in the reader's language ("de" → "saksa" in fi); an unknown code as is."""
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    if language is None:
        return code
    reader = _reader()
    if reader.startswith("en"):
        return str(language.name)
    return _catalogue("iso639-3", reader).gettext(str(language.name))


def is_country_code(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None
