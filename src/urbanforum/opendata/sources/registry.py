"""The city registry and the indicator observations whose source licence allows redistribution."""

from __future__ import annotations

from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from urbanforum.cities.models import City
from urbanforum.indicators.models import Observation
from urbanforum.opendata.sources import Extent, year_end, year_start
from urbanforum.opendata.tables import DATE, INTEGER, NUMBER, STRING, Column, Table

CITY_COLUMNS = [
    Column("slug", STRING, _("The city's identifier on this site (its page is /cities/<slug>/).")),
    Column("name", STRING, _("The city's name in English.")),
    Column("local_names", STRING, _("Other names of the city, separated by '; '.")),
    Column("country", STRING, _("ISO 3166-1 alpha-2 country code.")),
    Column("eurostat_code", STRING, _("Eurostat Urban Audit city code (e.g. FI001C), if any.")),
    Column("nuts3", STRING, _("NUTS 2021 level-3 region code.")),
    Column("region", STRING, _("European region (e.g. Northern Europe).")),
    Column("population", INTEGER, _("Number of inhabitants.")),
    Column("population_year", INTEGER, _("The year the population refers to.")),
    Column("population_source", STRING, _("Where the population figure comes from.")),
    Column("latitude", NUMBER, _("Latitude of the city centre (WGS 84, degrees).")),
    Column("longitude", NUMBER, _("Longitude of the city centre (WGS 84, degrees).")),
    Column("size_class", STRING, _("small, medium, large or metropolitan (by population).")),
    Column("baltic_sea_region", STRING, _("true when the city is in the Baltic Sea Region.")),
    Column("updated", DATE, _("The day the city's record last changed.")),
]


def cities() -> tuple[Table, Extent]:
    """Every city of the registry: the registry is public (cities has no policy restricting it)."""
    extent = Extent()
    table = Table(CITY_COLUMNS)
    for c in City.objects.order_by("slug").iterator(chunk_size=2000):
        extent.rows += 1
        extent.saw(updated=c.updated_at, country=c.country)
        if c.population_year:
            extent.saw(start=year_start(c.population_year), end=year_end(c.population_year))
        table.rows.append(
            {
                "slug": c.slug,
                "name": c.name,
                "local_names": "; ".join(c.local_names or []),
                "country": c.country,
                "eurostat_code": c.eurostat_code or "",
                "nuts3": c.nuts_code,
                "region": c.region,
                "population": c.population,
                "population_year": c.population_year,
                "population_source": c.population_source,
                "latitude": c.latitude,
                "longitude": c.longitude,
                "size_class": c.size_class,
                "baltic_sea_region": c.is_bsr,
                "updated": c.updated_at.date().isoformat(),
            }
        )
    return table, extent


# Sources whose licence allows redistribution, by the prefix of the observation's `source`, with
# the licence and the attribution the licence asks for. Anything else (e.g. the EU city panel,
# GPL-3.0, or a city's own upload of unknown licence) is never published.
REDISTRIBUTABLE = {
    "Eurostat": (
        "CC BY 4.0",
        "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
        "Source: Eurostat",
    ),
}

OBSERVATION_COLUMNS = [
    Column("city", STRING, _("The city's identifier (slug in the city registry dataset).")),
    Column("eurostat_code", STRING, _("Eurostat Urban Audit city code.")),
    Column("indicator", STRING, _("The indicator's code (Eurostat's code where it has one).")),
    Column("indicator_name", STRING, _("The indicator's name.")),
    Column("year", INTEGER, _("The reference year.")),
    Column("value", NUMBER, _("The observed value.")),
    Column("unit", STRING, _("The unit of the value.")),
    Column(
        "flags", STRING, _("Eurostat's flags (e estimated, p provisional, b break in series, …).")
    ),
    Column("source", STRING, _("The source the value was taken from.")),
    Column("licence", STRING, _("The licence of the source, carried over.")),
    Column("attribution", STRING, _("The attribution the licence asks for.")),
]


def licence_of(source: str) -> tuple[str, str, str] | None:
    for prefix, licence in REDISTRIBUTABLE.items():
        if source.startswith(prefix):
            return licence
    return None


def observations() -> tuple[Table, Extent]:
    """The observations from redistributable sources (Eurostat, CC BY 4.0), source and licence
    carried over on every row. Observations are published statistics: the indicators app gives
    them no policy (everyone reads them); the licence decides what may be passed on."""
    extent = Extent()
    table = Table(OBSERVATION_COLUMNS)
    qs = (
        Observation.objects.filter(source__startswith="Eurostat")
        .select_related("city", "indicator")
        .order_by("indicator__code", "city__slug", "year")
    )
    for o in qs.iterator(chunk_size=5000):
        licence = licence_of(o.source)
        if licence is None:  # pragma: no cover - the filter above already keeps these out
            continue
        extent.rows += 1
        extent.saw(updated=o.updated_at, country=o.city.country)
        table.rows.append(
            {
                "city": o.city.slug,
                "eurostat_code": o.city.eurostat_code or "",
                "indicator": o.indicator.code,
                "indicator_name": o.indicator.name,
                "year": o.year,
                "value": o.value,
                "unit": o.unit or o.indicator.unit,
                "flags": o.flags,
                "source": o.source,
                "licence": licence[0],
                "attribution": licence[2],
            }
        )
    years = qs.aggregate(first=Min("year"), last=Max("year"))
    extent.start, extent.end = year_start(years["first"]), year_end(years["last"])
    return table, extent
