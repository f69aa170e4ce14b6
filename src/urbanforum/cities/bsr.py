"""Which cities are in the Baltic Sea Region: the Interreg Baltic Sea Region programme area
2021–2027 (https://interreg-baltic.eu/get-funding/programme-2021-2027/, "Programme cooperation
area"; approved by the European Commission on 2 June 2022).

The programme area is not whole countries: of Germany only the Länder Berlin, Brandenburg,
Bremen, Hamburg, Mecklenburg-Vorpommern, Schleswig-Holstein and, of Niedersachsen, the NUTS 2
region Lüneburg; of Norway every region except Nordland and Troms og Finnmark (NUTS 2 Nord-Norge,
NO07). A city is placed by the NUTS code of its municipality (NUTS 2021, from the LAU table in
`lau-nuts-bsr`); a German or Norwegian city without one is left out rather than guessed in.
"""

from __future__ import annotations

# Countries in the programme area as a whole.
WHOLE_COUNTRIES = frozenset({"DK", "EE", "FI", "LV", "LT", "PL", "SE"})
# Countries in it in part: the NUTS code prefixes that are in (NUTS 2021).
PARTS: dict[str, tuple[str, ...]] = {
    # Berlin DE3, Brandenburg DE4, Bremen DE5, Hamburg DE6, Mecklenburg-Vorpommern DE8,
    # Lüneburg (Niedersachsen) DE93, Schleswig-Holstein DEF.
    "DE": ("DE3", "DE4", "DE5", "DE6", "DE8", "DE93", "DEF"),
    # Innlandet NO02, Trøndelag NO06, Oslo og Viken NO08, Agder og Sør-Østlandet NO09,
    # Vestlandet NO0A (Rogaland, Vestland, Møre og Romsdal); not Nord-Norge NO07.
    "NO": ("NO02", "NO06", "NO08", "NO09", "NO0A"),
}
# The countries with any part in the programme area (the registry loads all their towns).
COUNTRIES = tuple(sorted(WHOLE_COUNTRIES | set(PARTS)))


def in_programme_area(country: str, nuts_code: str) -> bool:
    """Whether a city of `country` (ISO 3166-1) in NUTS region `nuts_code` is in the Interreg
    Baltic Sea Region programme area."""
    country = (country or "").upper()
    if country in WHOLE_COUNTRIES:
        return True
    prefixes = PARTS.get(country)
    return bool(prefixes and nuts_code and nuts_code.upper().startswith(prefixes))
