"""A multilingual thesaurus of the platform's domain, for translating short queries.

The small multilingual embedding model cannot tell a two-word query in one language ("rattaringlus",
Estonian for bike sharing) from nonsense, and BM25 only compares a query with items in its own
language. The thesaurus (``thesaurus.tsv``, shipped in the package) names a few hundred concepts of
urban policy — snow clearing, bike sharing, district heating, participatory budgeting, … — with
their usual terms in the ten languages of the platform. A query is read in its language; every
concept it mentions is expanded into the terms of that concept in every language, so that the
lexical signal can compare it with items written in any of them (see :mod:`.matcher`, "concept
groups").

Matching a query word to a term, in the query's language:

* both are stemmed with the language's stemmer (:func:`.text.stemmer_for`), so inflected forms
  meet ("lumen", "lunta" → "lumi"; "majade soojustamine" → "maja soojustamine");
* a multi-word term matches when all its stems occur in the query, in any order;
* a compound the thesaurus does not list ("lumenauraus", "pyöräparkit") is split: a query word
  that begins or ends with a term's stem of at least five letters (and is longer than it) mentions
  that concept. Compounds are common in fi, et, sv, de, da and nb.

File format (tab-separated, UTF-8, ``#`` starts a comment): ``concept`` then one column per
language in :data:`LANGUAGES` order; a cell holds the concept's terms separated by ``|``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .text import stemmer_for

LANGUAGES: tuple[str, ...] = ("en", "fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb")
_FILE = Path(__file__).with_name("thesaurus.tsv")
_WORD = re.compile(r"\w+", re.UNICODE)
#: A compound part must be at least this long (shorter stems match too many words).
MIN_COMPOUND_STEM = 5


def _lang(language: str | None) -> str:
    lang = (language or "en").strip().lower()
    return "nb" if lang in ("no", "nn") else lang


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.lower())


def _stems(text: str, language: str) -> tuple[str, ...]:
    stem = stemmer_for(language)
    return tuple(stem(_fold(w)) for w in _WORD.findall(text) if len(w) > 1)


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: its id and its terms per language."""

    id: str
    terms: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept the query mentions, and the query words that mention it."""

    concept: Concept
    words: tuple[str, ...]


class Thesaurus:
    """Concepts and, per language, the stemmed terms that name them."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.concepts = list(concepts)
        # language → list of (stems of one term, concept index)
        self._terms: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        # language → single-word stems long enough to be a compound's part → concept indices
        self._parts: dict[str, dict[str, set[int]]] = {}
        for i, c in enumerate(self.concepts):
            for lang, terms in c.terms.items():
                for term in terms:
                    stems = _stems(term, lang)
                    if not stems:
                        continue
                    self._terms.setdefault(lang, []).append((stems, i))
                    if len(stems) == 1 and len(stems[0]) >= MIN_COMPOUND_STEM:
                        self._parts.setdefault(lang, {}).setdefault(stems[0], set()).add(i)

    def __len__(self) -> int:
        return len(self.concepts)

    def prime(self) -> None:
        """Stem every term's words once, filling the stemmers' memo (:func:`.text.stemmer_for`):
        a process that loaded this thesaurus ready-made (:mod:`.persist`) would otherwise stem a
        concept's terms on the first query that mentions it. Done at a web server's boot."""
        for concept in self.concepts:
            for lang, terms in concept.terms.items():
                stem = stemmer_for(lang)
                for word in (w for term in terms for w in _WORD.findall(term) if len(w) > 1):
                    stem(word.lower())  # as .concepts does
                    stem(_fold(word))  # as the thesaurus itself does

    def mentions(self, text: str, language: str | None) -> list[Mention]:
        """The concepts ``text`` (in ``language``) mentions, in order of first mention."""
        lang = _lang(language)
        words = [_fold(w) for w in _WORD.findall(text) if len(w) > 1]
        if not words:
            return []
        stem = stemmer_for(lang)
        stems = [stem(w) for w in words]
        present = set(stems)
        found: dict[int, set[int]] = {}  # concept → query word positions
        for term_stems, i in self._terms.get(lang, []):
            if all(s in present for s in term_stems):
                found.setdefault(i, set()).update(k for k, s in enumerate(stems) if s in term_stems)
        covered = {k for ks in found.values() for k in ks}
        parts = self._parts.get(lang, {})
        for k, (word, s) in enumerate(zip(words, stems, strict=True)):
            if k in covered:
                continue
            for part, concepts in parts.items():
                if len(word) > len(part) and (
                    word.startswith(part) or s.endswith(part) or word.endswith(part)
                ):
                    for i in concepts:
                        found.setdefault(i, set()).add(k)
        order = sorted(found, key=lambda i: (min(found[i]), i))
        return [Mention(self.concepts[i], tuple(words[k] for k in sorted(found[i]))) for i in order]

    def language_mentions(
        self, text: str, language: str | None, guessed: bool = False
    ) -> tuple[str | None, list[Mention]]:
        """(language, mentions): the mentions in ``language``; when that language was only
        guessed and names nothing, the mentions in the language whose terms cover most of the
        text's words ("lumi" names snow in Finnish; one or two words give a guesser little)."""
        found = self.mentions(text, language)
        if found or not guessed:
            return language, found
        best: tuple[int, str | None, list[Mention]] = (0, language, [])
        for lang in LANGUAGES:
            if lang != _lang(language):
                m = self.mentions(text, lang)
                covered = len({w for x in m for w in x.words})
                if covered > best[0]:
                    best = (covered, lang, m)
        return best[1], best[2]


def parse(text: str) -> list[Concept]:
    """Concepts from the TSV format described in the module docstring."""
    concepts = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if len(cells) != len(LANGUAGES) + 1:
            raise ValueError(
                f"thesaurus line {n}: {len(cells)} columns, expected {len(LANGUAGES) + 1}"
            )
        terms = {
            lang: tuple(t.strip() for t in cell.split("|") if t.strip())
            for lang, cell in zip(LANGUAGES, cells[1:], strict=True)
        }
        concepts.append(Concept(cells[0].strip(), terms))
    return concepts


_default: Thesaurus | None = None


@cache
def default_digest() -> str:
    """SHA-256 of the shipped thesaurus file (a stored analysis of it is valid while it matches)."""
    return hashlib.sha256(_FILE.read_bytes()).hexdigest()


def default_thesaurus() -> Thesaurus:
    """The thesaurus shipped with the engine (analysed once per process — stemming its ~6,000
    terms takes 0.2-1 s — or installed from a stored index, see :func:`install_default`)."""
    global _default
    if _default is None:
        _default = Thesaurus(parse(_FILE.read_text(encoding="utf-8")))
    return _default


def install_default(thesaurus: Thesaurus, digest: str) -> bool:
    """Use an already analysed default thesaurus (e.g. stored with an index, :mod:`.persist`)
    if it was made from the shipped file as it is now (``digest``); returns whether it was."""
    global _default
    if digest != default_digest():
        return False
    _default = thesaurus
    return True
