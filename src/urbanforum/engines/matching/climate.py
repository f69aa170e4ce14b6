"""Is a problem bound to the climate? Winter maintenance, snow and ice, frost, heat waves: a city
learns such things from a city with the same winters (or summers), not from the best city overall.

The test is a small list of word stems in the ten languages of the platform, matched at the start
of each (case- and accent-folded) word of the text. It errs on the side of "no": a problem it does
not recognise is matched on the benchmark alone, as before.
"""

from __future__ import annotations

import re
import unicodedata

# Stems, folded (lower case, no accents). Short stems that are common words elsewhere are left out
# (sv/da/nb "is" = ice is the English "is").
CLIMATE_STEMS: dict[str, tuple[str, ...]] = {
    "en": (
        "snow",
        "winter",
        "icy",
        "frost",
        "freez",
        "slush",
        "sleet",
        "blizzard",
        "heatwave",
        "heat wave",
        "gritting",
    ),
    "fi": (
        "lumi",
        "lume",
        "lumen",
        "talvi",
        "talve",
        "pakka",
        "liukka",
        "jaaty",
        "hiekoi",
        "helle",
    ),
    "et": ("lumi", "lume", "talv", "libed", "jaatu", "kuumalain"),
    "sv": ("sno", "vinter", "vintr", "frost", "halk", "isig", "vinterväg", "varmebolj"),
    "de": ("schnee", "winter", "glatt", "frost", "streu", "hitzewell"),
    "pl": ("snieg", "sniez", "odsniez", "zim", "mroz", "oblodz", "golole", "upal"),
    "lv": ("snieg", "ziem", "sals", "ledus", "apledo", "karstuma vilni"),
    "lt": ("snieg", "ziem", "salt", "ledas", "apled", "plikled", "karsc"),
    "da": ("sne", "vinter", "vintr", "frost", "glat", "hedeboelg"),
    "nb": ("sno", "vinter", "vintr", "frost", "glatt", "hetebolg"),
}
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ø", "o").replace("æ", "ae").replace("ł", "l")


_ALL = tuple(sorted({_fold(s) for stems in CLIMATE_STEMS.values() for s in stems}))


def climate_bound(text: str) -> bool:
    """True when the text is about a climate-bound problem (snow, winter, ice, frost, heat)."""
    folded = _fold(text)
    words = _WORD.findall(folded)
    if any(w.startswith(_ALL) for w in words):
        return True
    return any(" " in s and s in folded for s in _ALL)
