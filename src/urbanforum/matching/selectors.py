"""Reads of the matching app: search across every registered kind of content (`run`, `search`,
`ranked_ids`), cities like a city (peers, twins) and saved searches. Pages, the API, the CLI and
the apps above (a challenge's suggestions live in `challenges.matches`) call these same functions.

Nothing here knows a kind of content: loading, who may see what, the country filter and how a
result is described all come from the kinds' registrations (`matching.registry`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.cities.models import City
from urbanforum.core.countries import country_name
from urbanforum.core.taxonomy import DOMAIN_LABELS, DOMAINS, SDG_GOALS
from urbanforum.core.translations.selectors import reader_titles
from urbanforum.engines.matching import (
    Context,
    ContextTable,
    Item,
    MatchingIndex,
    Query,
    Reason,
    top_cities,
    twin_scores,
)
from urbanforum.matching import index as idx
from urbanforum.matching import registry
from urbanforum.matching.models import SavedSearch
from urbanforum.matching.policies import saved_search_policy
from urbanforum.matching.reasons import localised, reason_text, strength
from urbanforum.matching.registry import CITY_KIND, city_context

# The languages a search text may be declared in (the search page's "language of your text").
LANGUAGES = [
    ("fi", "suomi"),
    ("et", "eesti"),
    ("sv", "svenska"),
    ("pl", "polski"),
    ("de", "Deutsch"),
    ("lv", "latviešu"),
    ("lt", "lietuvių"),
    ("da", "dansk"),
    ("en", "English"),
]


# What a person types into a search box: longer texts are cut (pages) or refused (API, CLI). A
# challenge's own text is longer and is matched through the engine's own cap.
MAX_QUERY_CHARS = 500


@dataclass
class Result:
    kind: str
    key: str
    obj: models.Model
    title: str
    score: float
    reasons: list[Reason]
    url: str
    public_id: str  # external id for imported content, else the slug
    decision: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def meta(self) -> str:
        """The one-line description under the title (the kind says what it is)."""
        return registry.get(self.kind).meta(self.obj) if registry.is_kind(self.kind) else ""

    @property
    def strength(self) -> str:
        """The score in words ("Strong match"), for pages."""
        return strength(self.score)

    @property
    def kind_label(self) -> str:
        """What this result is, in the reader's language ("Good practice")."""
        return str(registry.get(self.kind).label) if registry.is_kind(self.kind) else self.kind

    @property
    def shown_reasons(self) -> list[Reason]:
        """The reasons worth showing on a page: a matched phrase that contributes almost nothing
        ("Also about “time for roads”" at 0.01) is noise to a reader; the API keeps them all."""
        keep = [r for r in self.reasons if r.kind != "phrase" or r.weight >= 0.02]
        return keep[:5]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.public_id,
            "kind": self.kind,
            "title": self.title,
            "score": round(self.score, 4),
            "url": self.url,
            "reasons": [
                {"kind": r.kind, "text": r.text, "weight": round(r.weight, 4)} for r in self.reasons
            ],
            "decision": self.decision,
        }


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class SearchFilters:
    text: str = ""
    kind: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    language: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> SearchFilters:
        """The filters of the search page's query string (and its API twin): an unknown kind or
        language is ignored, like any filter that does not parse."""
        kind = str(params.get("kind") or "")
        lang = str(params.get("lang") or "")
        return cls(
            text=str(params.get("q") or "").strip()[:MAX_QUERY_CHARS],
            kind=kind if registry.is_kind(kind) else "",
            domain=str(params.get("domain") or ""),
            sdg=_int(params.get("sdg")),
            country=str(params.get("country") or "").upper(),
            language=lang if lang in dict(LANGUAGES) else None,
        )


def kind_choices() -> list[tuple[str, str]]:
    """The kind facet: every registered kind with its (translated) name."""
    return [(k.slug, str(k.label)) for k in registry.kinds()]


def search_facets() -> dict[str, list[tuple[str, str]]]:
    """The search page's facets; the countries are those of every kind's searchable content."""
    countries = sorted(set().union(*(k.countries() for k in registry.kinds())))
    return {
        "kind": kind_choices(),
        "domain": [(slug, str(label)) for slug, label in DOMAINS],
        "sdg": [(str(k), f"{k}. {v}") for k, v in SDG_GOALS.items()],
        "country": [(c, country_name(c)) for c in countries],
        "lang": LANGUAGES,
    }


def _load(
    kind: str, pks: list[int], *, user: User | AnonymousUser | None = None
) -> dict[int, models.Model]:
    """The objects of one kind by primary key, in one query (only those `user` may see, if
    given)."""
    if not registry.is_kind(kind):
        return {}
    return registry.get(kind).load(pks, user=user)


def _country(kind: str, obj: models.Model) -> str:
    return registry.get(kind).country(obj)


def describe_obj(kind: str, obj: models.Model) -> tuple[str, str, str]:
    """(title, url, public id) of a content object."""
    entry = registry.get(kind)
    return entry.title(obj), entry.url(obj), entry.public_id(obj)


def _passes(filters: SearchFilters, kind: str, obj: models.Model) -> bool:
    if filters.country and _country(kind, obj).upper() != filters.country.upper():
        return False
    if filters.domain and filters.domain not in getattr(obj, "domains", []):
        return False
    return not (filters.sdg and filters.sdg not in (getattr(obj, "sdgs", None) or []))


def run(
    *,
    user: User | AnonymousUser,
    query: Query,
    limit: int,
    kinds: Sequence[str],
    filters: SearchFilters | None = None,
    exclude: set[str] | None = None,
    index: MatchingIndex | None = None,
) -> list[Result]:
    """Search the index, then keep what this user may see and what passes the filters."""
    index = index or idx.get_index()
    qvec = idx.query_vector(index, query.text)
    filters = filters or SearchFilters()
    exclude = exclude or set()
    fetch = max(limit * 4, 40)
    results: list[Result] = []
    while True:
        matches = index.search(query, limit=fetch, kinds=tuple(kinds), query_vector=qvec)
        by_kind: dict[str, list[int]] = defaultdict(list)
        for m in matches:
            by_kind[m.kind].append(idx.split_key(m.item_id)[1])
        # Only what this user may see is loaded: the kinds' policies filter in the query.
        objs = {k: _load(k, pks, user=user) for k, pks in by_kind.items()}
        # titles in the reader's language where a translation gives one (core.translations)
        titles = {k: reader_titles(registry.get(k).model, list(o)) for k, o in objs.items() if o}
        results = []
        for m in matches:
            if m.item_id in exclude:
                continue
            kind, pk = idx.split_key(m.item_id)
            obj = objs[kind].get(pk)
            if obj is None or not _passes(filters, kind, obj):
                continue
            title, url, public_id = describe_obj(kind, obj)
            title = titles.get(kind, {}).get(pk) or title
            results.append(
                Result(
                    kind, m.item_id, obj, title, m.score, localised(list(m.reasons)), url, public_id
                )
            )
            if len(results) >= limit:
                return results
        if len(matches) < fetch or fetch >= len(index):
            return results
        fetch *= 4


# Every text is somewhat similar in meaning to every other (e5 cosines sit above ~0.75), so result
# lists keep what scores at least this share of the best match; the long tail is noise to a reader.
RELATIVE_CUTOFF = 0.7


def search(
    *,
    user: User | AnonymousUser,
    filters: SearchFilters,
    limit: int = 30,
    relative_cutoff: float = RELATIVE_CUTOFF,
) -> list[Result]:
    """Search across everything (the search page, its API twin and saved searches): the best
    `limit` results that score at least `relative_cutoff` × the best one's score."""
    domains = (filters.domain,) if filters.domain else ()
    sdgs = (filters.sdg,) if filters.sdg else ()
    if not filters.text.strip() and not domains and not sdgs:
        return []
    query = Query(text=filters.text, language=filters.language, domains=domains, sdgs=sdgs)
    kinds = (filters.kind,) if filters.kind else idx.content_kinds()
    results = run(user=user, query=query, limit=limit, kinds=kinds, filters=filters)
    if results and relative_cutoff > 0:
        floor = results[0].score * relative_cutoff
        results = [r for r in results if r.score >= floor]
    return results


def ranked_ids(*, user: User | AnonymousUser, text: str, kind: str, limit: int = 200) -> list[int]:
    """Primary keys of one kind ranked for `text` (powers the lists' search box)."""
    results = run(user=user, query=Query(text=text), limit=limit, kinds=(kind,))
    floor = results[0].score * RELATIVE_CUTOFF if results else 0.0
    return [idx.split_key(r.key)[1] for r in results if r.score >= max(floor, 0.05)]


# --------------------------------------------------------------------------- cities
CHARACTERISTICS = ("economy", "people", "governance", "mobility", "environment", "living")
DOMAIN_TO_CHARACTERISTIC = {
    "mobility": "mobility",
    "energy": "environment",
    "environment": "environment",
    "climate": "environment",
    "circular-economy": "environment",
    "built-environment": "living",
    "living-health": "living",
    "culture": "living",
    "governance": "governance",
    "participation": "governance",
    "data": "governance",
    "digital-services": "governance",
    "economy": "economy",
    "people-education": "people",
}


def characteristic_scores() -> tuple[pd.DataFrame | None, str]:
    """The benchmark's latest characteristic scores (DataFrame indexed by city id) and an
    explanation when they are unavailable (then the frame is None)."""
    try:
        from urbanforum.benchmark.selectors import (  # type: ignore[import-not-found,unused-ignore]
            latest_characteristic_scores,
        )
    except ImportError:
        return None, _(
            "The benchmark is not installed, so there are no scores to compare cities by."
        )
    try:
        frame = latest_characteristic_scores()
    except Exception as exc:  # the benchmark is another context: never break a page on it
        return None, _("The benchmark scores could not be read (%(error)s).") % {"error": exc}
    if frame is None or frame.empty:
        return None, _("No benchmark has been computed yet, so there are no scores to compare.")
    return frame, ""


def scores_source() -> dict[str, Any]:
    """Which benchmark run the characteristic scores come from (run_id, run, run_url), for the
    pages that show them to name and link it; empty when there are no scores."""
    frame, _note = characteristic_scores()
    return (
        {}
        if frame is None
        else {k: frame.attrs[k] for k in ("run_id", "run", "run_url") if k in frame.attrs}
    )


@dataclass
class CityMatch:
    city: City
    score: float
    reasons: list[str]
    weights: list[float] = field(default_factory=list)  # per reason, when the engine gives them

    @property
    def strength(self) -> str:
        """The score in words, for pages."""
        return strength(self.score)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.city.slug,
            "kind": "city",
            "title": f"{self.city.name} ({self.city.country})",
            "score": round(self.score, 4),
            "url": reverse("cities:detail", args=[self.city.slug]),
            "reasons": [
                {
                    "kind": "context",
                    "text": r,
                    "weight": round(self.weights[i], 4) if i < len(self.weights) else None,
                }
                for i, r in enumerate(self.reasons)
            ],
        }


def _zscores(frame: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in CHARACTERISTICS if c in frame.columns]
    sub = frame[cols].astype(float)
    std = sub.std(ddof=0).replace(0, 1.0)
    return (sub - sub.mean()) / std


def _city_index(candidates: list[City], profiles: dict[int, tuple[float, ...]]) -> MatchingIndex:
    items = [
        Item(
            id=str(c.pk),
            kind=CITY_KIND,
            title=c.name,
            context=_with_profile(city_context(c), profiles.get(c.pk)),
        )
        for c in candidates
    ]
    return MatchingIndex.from_items(items)


def _with_profile(ctx: Context, profile: tuple[float, ...] | None) -> Context:
    return Context(
        country=ctx.country,
        region=ctx.region,
        size_class=ctx.size_class,
        latitude=ctx.latitude,
        profile=profile,
    )


def peer_cities(*, city: City, limit: int = 10, pool: str = "all") -> list[CityMatch]:
    """Cities in a similar context (country, region, size, climate) and, when the benchmark has run,
    with a similar characteristic profile. `pool`: "bsr" (Baltic Sea Region cities, plus the city's
    own country) or "all"."""
    frame, _note = characteristic_scores()
    z = _zscores(frame) if frame is not None else None
    profiles: dict[int, tuple[float, ...]] = {}
    if z is not None:
        profiles = {int(i): tuple(float(v) for v in row) for i, row in z.iterrows()}
    qs = City.objects.exclude(pk=city.pk)
    if pool == "bsr":
        qs = qs.filter(Q(is_bsr=True) | Q(country=city.country))
    candidates = list(qs.order_by("pk"))
    if not candidates:
        return []
    index = _city_index(candidates, profiles)
    query = Query(context=_with_profile(city_context(city), profiles.get(city.pk)))
    matches = index.search(query, limit=limit, kinds=(CITY_KIND,))
    by_pk = {c.pk: c for c in candidates}
    return [
        CityMatch(
            by_pk[int(m.item_id)],
            m.score,
            [reason_text(r) for r in m.reasons],
            [r.weight for r in m.reasons],
        )
        for m in matches
    ]


def profile_matrix(frame: pd.DataFrame) -> tuple[list[int], np.ndarray, list[str]]:
    z = _zscores(frame)
    return [int(i) for i in z.index], z.to_numpy(dtype=float), list(z.columns)


def twin_candidates(*, city: City, limit: int = 10) -> tuple[list[CityMatch], str]:
    """Similar context, complementary strengths (each side strong where the other is weak)."""
    frame, note = characteristic_scores()
    if frame is None:
        return [], note
    ids, profiles, cols = profile_matrix(frame)
    if city.pk not in ids:
        return [], _("%(city)s is not in the latest benchmark run.") % {"city": city.name}
    cities = City.objects.in_bulk(ids)
    contexts = [city_context(cities.get(i)) for i in ids]
    ctx = ContextTable(contexts).similarity(city_context(city)).score
    me = ids.index(city.pk)
    scores = twin_scores(profiles, profiles[me], context=ctx)
    rows, vals = top_cities(scores, limit, exclude=me)
    out = []
    for r, v in zip(rows, vals, strict=True):
        if not v > 0 or ids[r] not in cities:
            continue
        give = [c for j, c in enumerate(cols) if profiles[r, j] >= 0.5 and profiles[me, j] <= -0.5]
        take = [c for j, c in enumerate(cols) if profiles[me, j] >= 0.5 and profiles[r, j] <= -0.5]
        reasons = [
            _("Strong where you are weak: %(c)s") % {"c": ", ".join(give)},
            _("You are strong where it is weak: %(c)s") % {"c": ", ".join(take)},
        ]
        out.append(CityMatch(cities[ids[r]], float(v), reasons))
    if not out:
        note = _("No city in the benchmark has strengths that complement %(city)s's.") % {
            "city": city.name
        }
    return out, note


def saved_searches(*, user: User | AnonymousUser) -> list[SavedSearch]:
    return list(saved_search_policy.queryset(user))


def saved_search_get(*, user: User | AnonymousUser, pk: int) -> SavedSearch | None:
    """One of the user's saved searches (None for anyone else's: they stay private)."""
    return saved_search_policy.queryset(user).filter(pk=pk).first()


def domain_label(slug: str) -> str:
    return str(DOMAIN_LABELS.get(slug, slug))
