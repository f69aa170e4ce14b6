"""Demo-like data for the site tests: the demo organisations and accounts, a few real cities, and
every app's demo content (the loaders `urbanforum demo` runs), loaded once per test session."""

from __future__ import annotations

import io

from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

from urbanforum.cities.models import City
from urbanforum.site.demo_accounts import load_demo_organisations_and_accounts
from urbanforum.site.management.commands.demo import demo_loaders

CITIES = [
    ("FI001C", "Helsinki", "FI"),
    ("FI005C", "Espoo", "FI"),
    ("FI003C", "Turku", "FI"),
    ("EE001C", "Tallinn", "EE"),
    ("LV001C", "Riga", "LV"),
    ("LT001C", "Vilnius", "LT"),
    ("SE001C", "Stockholm", "SE"),
    ("PL001C", "Warszawa", "PL"),
    ("DK001C", "Copenhagen", "DK"),
]


def load_demo() -> str:
    for code, name, country in CITIES:
        City.objects.get_or_create(
            eurostat_code=code,
            defaults={
                "name": name,
                "slug": f"{name.lower()}-{country.lower()}",
                "country": country,
                "population": 300_000,
                "is_bsr": True,
                "latitude": 59.0,
                "longitude": 24.0,
            },
        )
    load_demo_organisations_and_accounts()
    out = io.StringIO()
    for load in demo_loaders():
        if load.__module__ == "urbanforum.matching.demo":
            continue  # the search index (minutes of embedding); search works without it
        load(stdout=OutputWrapper(out), style=no_style())
    return out.getvalue()
