"""Value types of the matching engine: what is matched, what is asked, what comes back.

Plain frozen dataclasses so that the Django shell can build them from model rows and the UI can
serialise matches (``dataclasses.asdict``) without knowing the engine's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

#: Ordered city size classes; neighbouring classes count as partly similar.
SIZE_CLASSES: tuple[str, ...] = ("small", "medium", "large", "metropolitan")

ReasonKind = Literal["domain", "sdg", "phrase", "semantic", "context"]
Signal = Literal["lexical", "semantic", "facet", "context"]


@dataclass(frozen=True, slots=True)
class Context:
    """Where an item (or the asker) sits: every field is optional.

    ``size_class`` is one of :data:`SIZE_CLASSES` (other strings only compare for equality),
    ``climate`` a free label such as a Köppen zone (``"Dfb"``), ``latitude`` is used for climate
    similarity when the zones are missing or differ, and ``profile`` is an optional numeric
    indicator profile (e.g. benchmark indicators as z-scores, NaN for missing values; all profiles
    in one index must have the same length).
    """

    country: str | None = None
    region: str | None = None
    size_class: str | None = None
    climate: str | None = None
    latitude: float | None = None
    profile: tuple[float, ...] | None = None

    def is_empty(self) -> bool:
        """True if no field is set, i.e. the context signal has nothing to compare."""
        return all(
            v is None
            for v in (
                self.country,
                self.region,
                self.size_class,
                self.climate,
                self.latitude,
                self.profile,
            )
        )


@dataclass(frozen=True, slots=True)
class Item:
    """Anything that can be matched: a practice, solution, expert, challenge or city.

    ``language`` is an ISO 639-1 code and selects the stemmer for the lexical index.
    """

    id: str
    kind: str
    title: str
    text: str = ""
    language: str = "en"
    domains: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    context: Context = field(default_factory=Context)

    def passage(self) -> str:
        """The text that is embedded and indexed: title and body (the title repeated once more
        in the lexical index, see :mod:`.bm25`)."""
        return f"{self.title}. {self.text}".strip() if self.text else self.title


@dataclass(frozen=True, slots=True)
class Query:
    """A need: free text plus optional facets, context and a filter on item kinds.

    ``language`` is the ISO 639-1 language of ``text`` (stemmer choice, and BM25 only counts for
    items in that language). Pass it when known (the UI language or the need's language); ``None``
    lets the engine guess it with :func:`.text.guess_language`, falling back to English.
    """

    text: str = ""
    language: str | None = None
    domains: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    context: Context = field(default_factory=Context)
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason why an item matched, for the UI.

    ``kind`` is the family (``domain``, ``sdg``, ``phrase``, ``semantic``, ``context``), ``text`` a
    short English sentence in plain words, ``weight`` the reason's share of the match's final score
    (the weights of a match's reasons sum to its score, up to rounding). ``detail`` is what the
    sentence says, as data — ``code`` (e.g. ``same_country``, ``similar_size``) and its values —
    so that a user interface can say it again in the reader's language.
    """

    kind: ReasonKind
    text: str
    weight: float
    detail: tuple[tuple[str, str], ...] = ()

    def details(self) -> dict[str, str]:
        """``detail`` as a dict."""
        return dict(self.detail)


@dataclass(frozen=True, slots=True)
class Components:
    """Per-signal scores, each normalised to 0..1 (``None``: signal not used for this query)."""

    lexical: float | None
    semantic: float | None
    facet: float | None
    context: float | None


@dataclass(frozen=True, slots=True)
class Match:
    """One search result: the item, its fused score in 0..1, per-signal scores and reasons."""

    item_id: str
    kind: str
    score: float
    components: Components
    reasons: tuple[Reason, ...]
