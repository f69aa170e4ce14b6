"""Domains as people write them: "Circular economy", "circular-economy", "CIRCULAR ECONOMY",
"Kiertotalous", "Digitalisation" — all to one domain slug of the shared taxonomy.

Used by imports, which take files written by people (and other tools) rather than by the site's
own forms. A value is compared after folding (case, accents, spaces, hyphens and underscores);
it may be a slug, the English label, the label in any of the site's languages (through the
catalogues), or one of the common synonyms below.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from django.conf import settings
from django.utils import translation

from urbanforum.core.taxonomy import DOMAINS

# Common ways of naming a domain that are not its label (English; the site's languages come from
# the catalogues). Keep them unambiguous: a word that could mean two domains stays a keyword.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "mobility": (
        "transport",
        "transportation",
        "smart mobility",
        "traffic",
        "cycling",
        "public transport",
    ),
    "energy": ("energy efficiency", "renewable energy", "district heating", "smart energy"),
    "built-environment": (
        "buildings",
        "housing",
        "urban planning",
        "spatial planning",
        "construction",
    ),
    "environment": (
        "nature",
        "green infrastructure",
        "biodiversity",
        "water",
        "air quality",
        "greenery",
    ),
    "climate": (
        "climate change",
        "climate adaptation",
        "climate mitigation",
        "climate neutrality",
        "resilience",
    ),
    "circular-economy": ("circularity", "waste", "recycling", "reuse", "circular"),
    "governance": ("public administration", "city management", "policy", "e-governance"),
    "participation": (
        "citizen participation",
        "civic participation",
        "engagement",
        "co-creation",
        "citizen engagement",
        "participatory budgeting",
    ),
    "data": ("open data", "data platform", "data sharing"),
    "digital-services": (
        "digitalisation",
        "digitalization",
        "digital transformation",
        "e-government",
        "e-services",
        "digital",
        "digitisation",
        "digitization",
    ),
    "economy": ("business", "innovation", "entrepreneurship", "tourism", "jobs"),
    "people-education": ("education", "skills", "schools", "people", "learning"),
    "living-health": (
        "health",
        "wellbeing",
        "well-being",
        "social care",
        "elderly care",
        "ageing",
        "living",
        "quality of life",
        "safety",
    ),
    "culture": ("arts", "heritage", "libraries", "cultural heritage"),
}


def fold(value: str) -> str:
    """Lower case, no accents, hyphens/underscores/runs of spaces as one space."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_\-–—/]+", " ", plain).strip()


@cache
def _lookup(languages: tuple[str, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for slug, label in DOMAINS:
        table[fold(slug)] = slug
        table[fold(str(label))] = slug
        for synonym in SYNONYMS.get(slug, ()):
            table.setdefault(fold(synonym), slug)
    for lang in languages:
        with translation.override(lang):
            for slug, label in DOMAINS:
                table.setdefault(fold(translation.gettext(str(label))), slug)
    return table


def domain_for(value: str) -> str | None:
    """The domain slug a person meant by ``value``, or None if it names no domain."""
    languages = tuple(code for code, _name in settings.LANGUAGES)
    return _lookup(languages).get(fold(value))
