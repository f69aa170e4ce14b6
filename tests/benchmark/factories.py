"""A small, hand-checkable benchmark world: six BSR cities, four indicators in two
characteristics, a framework with an uncertainty block, and observations over two years."""

from __future__ import annotations

from urbanforum.cities.models import City
from urbanforum.indicators.models import Framework, Indicator, Observation
from urbanforum.indicators.services import framework_save

# city: (green, air, jobs, transit) for 2019; air is lower-is-better
VALUES = {
    "FI001C": (40.0, 5.0, 30.0, 60.0),
    "EE001C": (30.0, 7.0, 20.0, 40.0),
    "LV001C": (20.0, 9.0, 10.0, 20.0),
    "LT001C": (25.0, 8.0, 15.0, 30.0),
    "SE001C": (50.0, 4.0, 35.0, 70.0),
    "PL006C": (10.0, 12.0, 5.0, 10.0),
}
EXTRA_CITIES = [
    ("Riga", "riga-lv", "LV", "LV001C", 56.95, 24.1),
    ("Vilnius", "vilnius-lt", "LT", "LT001C", 54.69, 25.28),
    ("Stockholm", "stockholm-se", "SE", "SE001C", 59.33, 18.07),
    ("Gdańsk", "gdansk-pl", "PL", "PL006C", 54.35, 18.65),
]


def make_framework() -> Framework:
    for code, name, direction in [
        ("green", "Green", 1),
        ("air", "PM2.5", -1),
        ("jobs", "Jobs", 1),
        ("transit", "Transit", 1),
    ]:
        Indicator.objects.get_or_create(
            code=code, defaults={"name": name, "direction": direction, "unit": "%"}
        )
    return framework_save(
        definition={
            "code": "test-fw",
            "name": "Test framework",
            "steps": [
                {"normalise": {"method": "minmax", "range": [0, 100]}},
                {"aggregate": {"method": "arithmetic"}},
            ],
            "uncertainty": {
                "weights": {"perturb": 0.2},
                "normalise": [{"method": "minmax", "range": [1, 100]}, {"method": "rank"}],
            },
            "nodes": [
                {"code": "index", "name": "Index"},
                {"code": "environment", "name": "Environment", "parent": "index"},
                {"code": "economy", "name": "Economy", "parent": "index"},
                {"code": "green", "name": "Green", "parent": "environment", "indicator": "green"},
                {
                    "code": "air",
                    "name": "PM2.5",
                    "parent": "environment",
                    "indicator": "air",
                    "direction": -1,
                },
                {"code": "jobs", "name": "Jobs", "parent": "economy", "indicator": "jobs"},
                {"code": "transit", "name": "Transit", "parent": "economy", "indicator": "transit"},
            ],
        }
    )


def make_data() -> Framework:
    for name, slug, country, code, lat, lon in EXTRA_CITIES:
        City.objects.get_or_create(
            eurostat_code=code,
            defaults={
                "name": name,
                "slug": slug,
                "country": country,
                "is_bsr": True,
                "latitude": lat,
                "longitude": lon,
                "population": 500_000,
            },
        )
    fw = make_framework()
    cities = {c.eurostat_code: c for c in City.objects.filter(eurostat_code__in=list(VALUES))}
    indicators = {
        i.code: i for i in Indicator.objects.filter(code__in=["green", "air", "jobs", "transit"])
    }
    for code, values in VALUES.items():
        for ind, value in zip(["green", "air", "jobs", "transit"], values, strict=True):
            Observation.objects.create(
                city=cities[code], indicator=indicators[ind], year=2019, value=value
            )
            # an older value that the 2019 value must win over
            Observation.objects.create(
                city=cities[code], indicator=indicators[ind], year=2016, value=value / 2
            )
    return fw
