"""Text analysis for the lexical signal: tokenising, stop words and light stemming per language.

Method: Unicode word tokens (letters and digits), lower-cased; tokens of one character and stop
words dropped; the rest reduced with the Snowball stemmer of the text's language
(``snowballstemmer``,
pure Python: en, fi, et, sv, de, pl, lt, da, nb/no). Latvian has no Snowball stemmer, so a light
suffix stripper (longest matching inflection ending, keeping a stem of at least 3 letters) is used.
Light stemming is enough for BM25: it conflates the inflected forms of one language
("katu", "kadulla", "katujen"), it is not meant to map between languages — the semantic signal does
that.

Each token keeps its character span so that matching query terms can be shown as the phrases the
user typed (see :func:`phrases`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+", re.UNICODE)
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)

_SNOWBALL: dict[str, str] = {
    "en": "english",
    "fi": "finnish",
    "et": "estonian",
    "sv": "swedish",
    "de": "german",
    "pl": "polish",
    "lt": "lithuanian",
    "da": "danish",
    "nb": "norwegian",
    "no": "norwegian",
    "nn": "norwegian",
}


# Short lists of the most frequent function words; enough to keep them out of phrase reasons and
# to avoid wasting BM25 mass on them (IDF would down-weight them anyway).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP: dict[str, frozenset[str]] = {
    "en": _words(
        "a an and are as at be by for from has have how in into is it its of on or our that the "
        "their this to was we were what which with will can do does more less than"
    ),
    "fi": _words(
        "ja on ei se että kuin mutta tai kun jos myös ovat oli sekä joka jotka miten mitä "
        "meidän meillä voi tämä nämä niin"
    ),
    "et": _words("ja on ei see et kui aga või ka oli mis kes kuidas meie meil selle need ning"),
    "sv": _words(
        "och i att det som en ett på är av för med till den de om har inte vi vår våra hur kan "
        "från eller"
    ),
    "de": _words(
        "der die das und in zu den von mit ist im für auf ein eine einer eines dem des nicht wie "
        "wir unsere unser bei aus oder sich es auch an"
    ),
    "pl": _words(
        "i w na z do się że nie jak to jest dla o od po oraz lub przez nasz nasze naszym czy ze"
    ),
    "lv": _words("un ir uz no ar par kā ka vai bet arī mūsu mēs"),
    "lt": _words("ir yra į iš su kaip kad ar bet taip pat mūsų mes"),
    "da": _words("og i at det som en et på er af for med til den de om har ikke vi hvordan"),
    "nb": _words("og i at det som en et på er av for med til den de om har ikke vi hvordan"),
}

# Latvian inflection endings, longest first (nouns, adjectives, common verb forms).
_LV_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        _words(
            "ajiem ajām iem ām ēm īm os ās ēs is us as es ai ei ij ja ju ji jā jē "
            "a e i u s š o ā ē ī ū"
        ),
        key=len,
        reverse=True,
    )
)


def _latvian_stem(word: str) -> str:
    """Strip the longest Latvian inflection ending, keeping at least three letters."""
    for suffix in _LV_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=32)
def stemmer_for(language: str | None) -> Callable[[str], str]:
    """Return the stemming function for an ISO 639-1 code (identity for unknown languages)."""
    lang = (language or "en").lower()
    if lang == "lv":
        return _latvian_stem
    name = _SNOWBALL.get(lang)
    if name is None:
        return lambda w: w
    stem = snowballstemmer.stemmer(name)
    cache: dict[str, str] = {}

    def _stem(word: str) -> str:
        # Snowball stemmers are slow-ish in pure Python; vocabularies are small, so memoise.
        out = cache.get(word)
        if out is None:
            out = stem.stemWord(word)
            if len(cache) < 200_000:
                cache[word] = out
        return out

    return _stem


def stop_words(language: str | None) -> frozenset[str]:
    """The stop words of a language (English when ``None``; empty for unknown languages)."""
    lang = (language or "en").lower()
    return _STOP.get("nb" if lang in ("no", "nn") else lang, frozenset())


@dataclass(frozen=True, slots=True)
class Token:
    """A content token: its stem, and the character span of the surface word in the source text."""

    term: str
    start: int
    end: int


def analyze(text: str, language: str | None) -> list[Token]:
    """Tokenise, drop stop words and one-letter tokens, and stem ``text`` in ``language``."""
    stem = stemmer_for(language)
    stops = stop_words(language)
    out: list[Token] = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if len(word) < 2 or word in stops or (word.isdigit() and len(word) < 3):
            continue
        out.append(Token(stem(word), m.start(), m.end()))
    return out


def terms(text: str, language: str | None) -> list[str]:
    """Just the stems of :func:`analyze`."""
    return [t.term for t in analyze(text, language)]


def phrases(text: str, tokens: Sequence[Token], matched: Iterable[str]) -> list[str]:
    """Group the query tokens whose stems are in ``matched`` into maximal runs of neighbouring
    content tokens and return each run as the text the user typed (stop words inside a run kept,
    e.g. "clearing of streets"; punctuation ends a run). Duplicates removed, order of first
    appearance kept."""
    hit = set(matched)
    runs: list[str] = []
    start: int | None = None
    end = 0
    for tok in tokens:
        if start is not None and _PUNCT.search(text, end, tok.start):
            runs.append(text[start:end])  # punctuation ends a phrase
            start = None
        if tok.term in hit:
            if start is None:
                start = tok.start
            end = tok.end
        elif start is not None:
            runs.append(text[start:end])
            start = None
    if start is not None:
        runs.append(text[start:end])
    seen: set[str] = set()
    unique: list[str] = []
    for r in runs:
        key = r.lower()
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


# Evidence for guess_language: letters specific to a few languages, and frequent word endings.
_LETTERS: dict[str, tuple[str, ...]] = {
    "õ": ("et",),
    "ä": ("fi", "et", "sv", "de"),
    "ö": ("fi", "et", "sv", "de"),
    "ü": ("et", "de"),
    "ß": ("de",),
    "å": ("sv", "da", "nb"),
    "æ": ("da", "nb"),
    "ø": ("da", "nb"),
    "ą": ("pl",),
    "ę": ("pl",),
    "ł": ("pl",),
    "ś": ("pl",),
    "ż": ("pl",),
    "ź": ("pl",),
    "ć": ("pl",),
    "ń": ("pl",),
    "ó": ("pl",),
    "ā": ("lv",),
    "ē": ("lv",),
    "ī": ("lv",),
    "ķ": ("lv",),
    "ļ": ("lv",),
    "ņ": ("lv",),
    "ģ": ("lv",),
    "ū": ("lv", "lt"),
    "ė": ("lt",),
    "ų": ("lt",),
    "į": ("lt",),
    "č": ("lv", "lt"),
    "š": ("lv", "lt", "et"),
    "ž": ("lv", "lt", "et"),
}
_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("tion", "ing", "ment", "ness", "ity"),
    "fi": (
        "ssa",
        "ssä",
        "lla",
        "llä",
        "sta",
        "stä",
        "lle",
        "ille",
        "jen",
        "iden",
        "tta",
        "ttä",
        "inen",
        "uton",
        "ungin",
    ),
    "et": ("tele", "des", "dest", "est", "mine", "lik", "sse", "tesse"),
    "sv": ("ning", "ering", "het", "erna", "arna", "orna", "ande"),
    "de": ("ung", "keit", "heit", "lich", "schaft", "ierung"),
    "pl": ("ów", "ach", "ami", "ego", "ych", "ość", "anie", "enie", "iem", "yjne", "owe", "iom"),
    "lv": ("ības", "šana", "iem", "ām", "ais"),
    "lt": ("ių", "ams", "uose", "ijos", "imas"),
    "da": ("else", "hed", "erne"),
    "nb": ("else", "het", "ene"),
}
# Letter pairs typical of a few languages (0.5, split over the languages).
_PAIRS: dict[str, tuple[str, ...]] = {
    "uo": ("fi",),
    "yy": ("fi",),
    "kk": ("fi", "et"),
    "ii": ("fi", "et"),
    "uu": ("fi", "et"),
    "rz": ("pl",),
    "cz": ("pl",),
    "sz": ("pl",),
}


def guess_language(text: str) -> str | None:
    """A cheap guess of the language of a short text among the platform's languages, or ``None``
    when there is no evidence (the caller then assumes English).

    Evidence, summed per language: each stop word (1), each language-specific letter (1 split over
    the languages using it, e.g. "õ" → Estonian, "ä" → fi/et/sv/de), each typical word ending
    (0.5), each typical letter pair (0.5, split likewise); ties go to English, and less than 0.75
    in total is no evidence. Meant for queries whose language the caller does not know; not a
    general language identifier. The cues were chosen while looking at the labelled needs in
    ``bench/matching_eval`` (49 of 51 guessed right there, an optimistic figure).
    """
    words = [w.lower() for w in _WORD.findall(text)]
    score: dict[str, float] = {}
    for word in words:
        for lang, stops in _STOP.items():
            if word in stops:
                score[lang] = score.get(lang, 0.0) + 1.0
        for lang, endings in _ENDINGS.items():
            if len(word) > 4 and word.endswith(endings):
                score[lang] = score.get(lang, 0.0) + 0.5
        for pair, pair_langs in _PAIRS.items():
            if pair in word:
                for lang in pair_langs:
                    score[lang] = score.get(lang, 0.0) + 0.5 / len(pair_langs)
        for ch in set(word):
            langs = _LETTERS.get(ch)
            if langs:
                for lang in langs:
                    score[lang] = score.get(lang, 0.0) + 1.0 / len(langs)
    if not score:
        return None
    order = sorted(score, key=lambda k: (k != "en", k))  # English first, then alphabetical
    best = max(order, key=lambda k: score[k])
    return best if score[best] >= 0.75 else None
