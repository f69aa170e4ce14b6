"""The "Smart City Profile" framework: real Urban Audit / panel indicators organised in the six
characteristics of the European Smart Cities model (Giffinger et al., 2007). Documented, indicator by
indicator, in docs/smart-city-profile.md."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from urbanforum.core.text import translated

FRAMEWORK_CODE = "smart-city-profile"
CHARACTERISTICS = ["economy", "people", "governance", "mobility", "environment", "living"]
CHARACTERISTIC_NAMES = {
    "economy": gettext_noop("Smart economy"),
    "people": gettext_noop("Smart people"),
    "governance": gettext_noop("Smart governance"),
    "mobility": gettext_noop("Smart mobility"),
    "environment": gettext_noop("Smart environment"),
    "living": gettext_noop("Smart living"),
}

# The indicators' themes: the six characteristics and the city's context (size, density, age).
THEME_NAMES = {**CHARACTERISTIC_NAMES, "context": gettext_noop("City context")}


def characteristic_name(code: str) -> str:
    """A characteristic's (or theme's) name in the reader's language; an unknown code as is."""
    return translated(THEME_NAMES.get(code, code))


PERCEP = "Eurostat urb_percep (Quality of Life in European Cities survey)"
PANEL = "EU city panel 2000–2020 (Masselot et al. 2023, Lancet Planetary Health)"
REGIONAL = " Regional proxy: the value of the city's {level} region, the same for every city in it."
SURVEY = " Share of respondents (%) giving the most positive answer (top box)."

# code, characteristic, direction, unit, name, description, source
INDICATORS: list[dict[str, Any]] = [
    # economy
    {
        "code": "gdp",
        "theme": "economy",
        "direction": 1,
        "unit": gettext_noop("EUR per inhabitant"),
        "name": gettext_noop("GDP per inhabitant"),
        "description": "Gross domestic product per inhabitant (Eurostat nama_10r_3gdp)."
        + REGIONAL.format(level="NUTS 3"),
        "source": PANEL,
    },
    {
        "code": "unempl",
        "theme": "economy",
        "direction": -1,
        "unit": "%",
        "name": gettext_noop("Unemployment rate"),
        "description": "Unemployment rate, % of the labour force (Eurostat lfst_r_lfu3rt)."
        + REGIONAL.format(level="NUTS 2"),
        "source": PANEL,
    },
    {
        "code": "PS2012V",
        "theme": "economy",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Easy to find a good job (strongly agree)"),
        "description": "'In this city it is easy to find a good job': strongly agree." + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "CR2011I",
        "theme": "economy",
        "direction": 1,
        "unit": gettext_noop("nights per resident"),
        "name": gettext_noop("Tourist nights per resident"),
        "description": "Total nights spent in tourist accommodation per resident (Eurostat urb_ctour). Tourism as an economic driver.",
        "source": "Eurostat urb_ctour",
    },
    # people
    {
        "code": "educ",
        "theme": "people",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Tertiary education (25–64)"),
        "description": "Share of the population aged 25–64 with tertiary education, ISCED 5–8 (Eurostat edat_lfse_04)."
        + REGIONAL.format(level="NUTS 2"),
        "source": PANEL,
    },
    {
        "code": "PS2022V",
        "theme": "people",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Foreigners well integrated (strongly agree)"),
        "description": "'Foreigners who live in this city are well integrated': strongly agree."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS1022V",
        "theme": "people",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Satisfied with schools (very)"),
        "description": "Satisfaction with schools in the city: very satisfied." + SURVEY,
        "source": PERCEP,
    },
    # governance
    {
        "code": "PS2042V",
        "theme": "governance",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Administration helps efficiently (strongly agree)"),
        "description": "'When you contact administrative services of this city, they help you efficiently': strongly agree."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3320V",
        "theme": "governance",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Public administration can be trusted (strongly agree)"),
        "description": "'The public administration of the city can be trusted': strongly agree (2012 and 2015 waves)."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3606V",
        "theme": "governance",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Administration easily accessed online (strongly agree)"),
        "description": "'Information and services of my local public administration can be easily accessed online': strongly agree (2019 wave only)."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3611V",
        "theme": "governance",
        "direction": -1,
        "unit": "%",
        "name": gettext_noop("Corruption in local administration (strongly agree)"),
        "description": "'There is corruption in my local public administration': strongly agree (2019 wave only). Lower is better."
        + SURVEY,
        "source": PERCEP,
    },
    # mobility
    {
        "code": "PS1012V",
        "theme": "mobility",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Satisfied with public transport (very)"),
        "description": "Satisfaction with public transport (bus, tram, metro): very satisfied."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3557V",
        "theme": "mobility",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Public transport easy to get (strongly agree)"),
        "description": "Public transport is easy to get: strongly agree (2019 wave only)." + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3567V",
        "theme": "mobility",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Public transport reliable (strongly agree)"),
        "description": "Public transport comes when it says it will: strongly agree (2019 wave only)."
        + SURVEY,
        "source": PERCEP,
    },
    # environment
    {
        "code": "pm25",
        "theme": "environment",
        "direction": -1,
        "unit": "µg/m³",
        "name": gettext_noop("PM2.5 concentration"),
        "description": "Annual mean PM2.5 concentration over the city (satellite-derived, Atmospheric Composition Analysis Group). City level.",
        "source": PANEL,
    },
    {
        "code": "no2",
        "theme": "environment",
        "direction": -1,
        "unit": "µg/m³",
        "name": gettext_noop("NO2 concentration"),
        "description": "Annual mean NO2 concentration over the city (Atmospheric Composition Analysis Group). City level.",
        "source": PANEL,
    },
    {
        "code": "ndvi",
        "theme": "environment",
        "direction": 1,
        "unit": gettext_noop("index"),
        "name": gettext_noop("Greenness (NDVI)"),
        "description": "Annual median normalised difference vegetation index over the city (MODIS via Google Earth Engine). City level.",
        "source": PANEL,
    },
    {
        "code": "PS1052V",
        "theme": "environment",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Satisfied with green spaces (very)"),
        "description": "Satisfaction with green spaces such as parks and gardens: very satisfied."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3280V",
        "theme": "environment",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Satisfied with cleanliness (very)"),
        "description": "Satisfaction with the cleanliness in the city: very satisfied (2012–2019 waves)."
        + SURVEY,
        "source": PERCEP,
    },
    # living
    {
        "code": "PS3360V",
        "theme": "living",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Satisfied to live in the city (strongly agree)"),
        "description": "'I'm satisfied to live in this city': strongly agree." + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS3290V",
        "theme": "living",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Feel safe in the city (strongly agree)"),
        "description": "'You feel safe in this city': strongly agree." + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS2032V",
        "theme": "living",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Good housing at a reasonable price (strongly agree)"),
        "description": "'In this city, it is easy to find good housing at a reasonable price': strongly agree."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "PS1506V",
        "theme": "living",
        "direction": 1,
        "unit": "%",
        "name": gettext_noop("Satisfied with health care (very)"),
        "description": "Satisfaction with health care services, doctors and hospitals: very satisfied (2019 wave only)."
        + SURVEY,
        "source": PERCEP,
    },
    {
        "code": "lifexp_00",
        "theme": "living",
        "direction": 1,
        "unit": gettext_noop("years"),
        "name": gettext_noop("Life expectancy at birth"),
        "description": "Life expectancy at birth (Eurostat demo_r_mlifexp)."
        + REGIONAL.format(level="NUTS 2"),
        "source": PANEL,
    },
]

# Context indicators loaded with the demo (not in the index): population, density, age.
CONTEXT: list[dict[str, Any]] = [
    {
        "code": "pop",
        "theme": "context",
        "direction": 1,
        "unit": gettext_noop("inhabitants"),
        "name": gettext_noop("Population"),
        "description": "Total population on 1 January (Urban Audit DE1001V). City level.",
        "source": PANEL,
    },
    {
        "code": "popdens",
        "theme": "context",
        "direction": 1,
        "unit": gettext_noop("inhabitants/km²"),
        "name": gettext_noop("Population density"),
        "description": "Population density (Urban Audit / LAU). City level.",
        "source": PANEL,
    },
    {
        "code": "prop_65p",
        "theme": "context",
        "direction": 1,
        "unit": gettext_noop("share"),
        "name": gettext_noop("Share of population aged 65+"),
        "description": "Share of the population aged 65 and over (Urban Audit, gaps filled from NUTS 3).",
        "source": PANEL,
    },
]

PANEL_COLUMNS = [i["code"] for i in INDICATORS + CONTEXT if i["source"] == PANEL]
PERCEP_CODES = [i["code"] for i in INDICATORS if i["source"] == PERCEP]
CTOUR_CODES = [i["code"] for i in INDICATORS if i["source"] == "Eurostat urb_ctour"]


def definition() -> dict[str, Any]:
    nodes: list[dict[str, Any]] = [{"code": "index", "name": gettext_noop("Smart City Profile")}]
    for c in CHARACTERISTICS:
        nodes.append({"code": c, "name": CHARACTERISTIC_NAMES[c], "parent": "index"})
    for i in INDICATORS:
        nodes.append(
            {
                "code": i["code"],
                "name": i["name"],
                "parent": i["theme"],
                "direction": i["direction"],
                "indicator": i["code"],
            }
        )
    return {
        "code": FRAMEWORK_CODE,
        "name": gettext_noop("Smart City Profile"),
        "description": (
            "Six characteristics of the European Smart Cities model (economy, people, governance, mobility, "
            "environment, living) measured with Eurostat's Urban Audit, its Quality of Life survey and an open "
            "city panel. Min-max scores 0–100 within the peer group; equal weights; see docs/smart-city-profile.md."
        ),
        "steps": [
            {"screen": {"min_availability": 0.5}},
            {"treat": {"method": "winsorise_log", "skew": 2, "kurtosis": 3.5, "max_points": 5}},
            {"normalise": {"method": "minmax", "range": [0, 100]}},
            {"aggregate": {"method": "arithmetic", "missing": "skip"}},
        ],
        "uncertainty": {
            "weights": {"perturb": 0.25},
            "normalise": [
                {"method": "minmax", "range": [1, 100]},
                {"method": "rank"},
                {"method": "percentile_rank"},
            ],
            "treat": [True, False],
        },
        "nodes": nodes,
    }
