"""Reads of the matching app: search across everything, a challenge's suggestions, cities like a
city. Pages, the API and the CLI call these same functions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from urbanforum.challenges.models import Challenge
from urbanforum.cities.models import City
from urbanforum.core.taxonomy import DOMAIN_LABELS
from urbanforum.engines.matching import (
    Context,
    ContextTable,
    Item,
    MatchingIndex,
    Query,
    Reason,
    mentor_scores,
    top_cities,
    twin_scores,
)
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.matching import index as idx
from urbanforum.matching.models import Decision, ItemKind, MatchFeedback, SavedSearch
from urbanforum.practices.models import GoodPractice


@dataclass
class Result:
    kind: str
    key: str
    obj: Any
    title: str
    score: float
    reasons: list[Reason]
    url: str
    public_id: str  # external id for imported content, else the slug
    decision: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def shown_reasons(self) -> list[Reason]:
        """The reasons worth showing on a page: a matched phrase that contributes almost nothing
        ("Matches “time for roads”" at 0.01) is noise to a reader; the API keeps them all."""
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


@dataclass(frozen=True)
class SearchFilters:
    text: str = ""
    kind: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    language: str | None = None


def _load(kind: str, pks: list[int]) -> dict[int, Any]:
    if kind == ItemKind.PRACTICE:
        return GoodPractice.objects.select_related("city").in_bulk(pks)
    if kind == ItemKind.CHALLENGE:
        return Challenge.objects.select_related("owner_city", "owner_organisation").in_bulk(pks)
    if kind == ItemKind.SOLUTION:
        return Solution.objects.select_related("provider").in_bulk(pks)
    if kind == ItemKind.EXPERT:
        return Expert.objects.in_bulk(pks)
    return {}


def _country(kind: str, obj: Any) -> str:
    if kind == ItemKind.PRACTICE:
        return str(obj.city.country)
    if kind == ItemKind.CHALLENGE:
        return str(obj.owner_city.country)
    if kind == ItemKind.SOLUTION:
        return str(obj.provider.country)
    return str(obj.country)


def describe_obj(kind: str, obj: Any) -> tuple[str, str, str]:
    """(title, url, public id) of a content object."""
    if kind == ItemKind.PRACTICE:
        return obj.title, reverse("practices:detail", args=[obj.slug]), obj.external_id or obj.slug
    if kind == ItemKind.CHALLENGE:
        return (
            obj.title,
            reverse("challenges:detail", args=[obj.slug]),
            obj.external_id or obj.slug,
        )
    if kind == ItemKind.SOLUTION:
        return (
            obj.title,
            reverse("marketplace:solution_detail", args=[obj.slug]),
            obj.external_id or obj.slug,
        )
    return (
        obj.name,
        reverse("marketplace:expert_detail", args=[obj.slug]),
        obj.external_id or obj.slug,
    )


def _visible(user: Any, kind: str, obj: Any) -> bool:
    perm = {
        ItemKind.PRACTICE: "practices.view_goodpractice",
        ItemKind.CHALLENGE: "challenges.view_challenge",
        ItemKind.SOLUTION: "marketplace.view_solution",
        ItemKind.EXPERT: "marketplace.view_expert",
    }[ItemKind(kind)]
    return bool(user.has_perm(perm, obj))


def _passes(filters: SearchFilters, kind: str, obj: Any) -> bool:
    if filters.country and _country(kind, obj).upper() != filters.country.upper():
        return False
    if filters.domain and filters.domain not in getattr(obj, "domains", []):
        return False
    return not (filters.sdg and filters.sdg not in (getattr(obj, "sdgs", None) or []))


def run(
    *,
    user: Any,
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
        objs = {k: _load(k, pks) for k, pks in by_kind.items()}
        results = []
        for m in matches:
            if m.item_id in exclude:
                continue
            kind, pk = idx.split_key(m.item_id)
            obj = objs[kind].get(pk)
            if obj is None or not _visible(user, kind, obj) or not _passes(filters, kind, obj):
                continue
            title, url, public_id = describe_obj(kind, obj)
            results.append(
                Result(kind, m.item_id, obj, title, m.score, list(m.reasons), url, public_id)
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
    *, user: Any, filters: SearchFilters, limit: int = 30, relative_cutoff: float = RELATIVE_CUTOFF
) -> list[Result]:
    """Search across everything (the search page, its API twin and saved searches): the best
    `limit` results that score at least `relative_cutoff` × the best one's score."""
    domains = (filters.domain,) if filters.domain else ()
    sdgs = (filters.sdg,) if filters.sdg else ()
    if not filters.text.strip() and not domains and not sdgs:
        return []
    query = Query(text=filters.text, language=filters.language, domains=domains, sdgs=sdgs)
    kinds = (filters.kind,) if filters.kind else idx.CONTENT_KINDS
    results = run(user=user, query=query, limit=limit, kinds=kinds, filters=filters)
    if results and relative_cutoff > 0:
        floor = results[0].score * relative_cutoff
        results = [r for r in results if r.score >= floor]
    return results


def ranked_ids(*, user: Any, text: str, kind: str, limit: int = 200) -> list[int]:
    """Primary keys of one kind ranked for `text` (powers the lists' search box)."""
    results = run(user=user, query=Query(text=text), limit=limit, kinds=(kind,))
    floor = results[0].score * RELATIVE_CUTOFF if results else 0.0
    return [idx.split_key(r.key)[1] for r in results if r.score >= max(floor, 0.05)]


# --------------------------------------------------------------------------- a challenge's matches
SECTIONS = (
    (ItemKind.CHALLENGE, "Cities with similar challenges"),
    (ItemKind.PRACTICE, "Good practices"),
    (ItemKind.SOLUTION, "Solutions"),
    (ItemKind.EXPERT, "Experts"),
)


def challenge_query(challenge: Challenge) -> Query:
    return Query(
        text=f"{challenge.title}. {challenge.problem_statement}",
        language=challenge.language or None,
        domains=tuple(challenge.domains),
        sdgs=tuple(challenge.sdgs),
        context=idx.city_context(challenge.owner_city),
    )


def challenge_matches(
    *, user: Any, challenge: Challenge, limit: int = 5, include_dismissed: bool = False
) -> dict[str, list[Result]]:
    """Suggestions per kind, with reasons; dismissed ones hidden unless asked for, accepted ones
    marked."""
    feedback = {
        idx.key(f.item_kind, f.item_id): f.decision
        for f in MatchFeedback.objects.filter(challenge=challenge)
    }
    hidden = {k for k, d in feedback.items() if d == Decision.DISMISSED and not include_dismissed}
    hidden.add(idx.key(ItemKind.CHALLENGE, challenge.pk))
    query = challenge_query(challenge)
    index = idx.get_index()
    out: dict[str, list[Result]] = {}
    for kind, _label in SECTIONS:
        results = run(
            user=user, query=query, limit=limit, kinds=(kind,), exclude=hidden, index=index
        )
        for r in results:
            r.decision = feedback.get(r.key, "")
        out[str(kind)] = results
    return out


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


def characteristic_scores() -> tuple[Any, str]:
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


@dataclass
class CityMatch:
    city: City
    score: float
    reasons: list[str]
    weights: list[float] = field(default_factory=list)  # per reason, when the engine gives them

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


def _zscores(frame: Any) -> Any:
    cols = [c for c in CHARACTERISTICS if c in frame.columns]
    sub = frame[cols].astype(float)
    std = sub.std(ddof=0).replace(0, 1.0)
    return (sub - sub.mean()) / std


def _city_index(candidates: list[City], profiles: dict[int, tuple[float, ...]]) -> MatchingIndex:
    items = [
        Item(
            id=str(c.pk),
            kind=ItemKind.CITY,
            title=c.name,
            context=_with_profile(idx.city_context(c), profiles.get(c.pk)),
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
    query = Query(context=_with_profile(idx.city_context(city), profiles.get(city.pk)))
    matches = index.search(query, limit=limit, kinds=(ItemKind.CITY,))
    by_pk = {c.pk: c for c in candidates}
    return [
        CityMatch(
            by_pk[int(m.item_id)],
            m.score,
            [r.text for r in m.reasons],
            [r.weight for r in m.reasons],
        )
        for m in matches
    ]


def _profile_matrix(frame: Any) -> tuple[list[int], np.ndarray, list[str]]:
    z = _zscores(frame)
    return [int(i) for i in z.index], z.to_numpy(dtype=float), list(z.columns)


def twin_candidates(*, city: City, limit: int = 10) -> tuple[list[CityMatch], str]:
    """Similar context, complementary strengths (each side strong where the other is weak)."""
    frame, note = characteristic_scores()
    if frame is None:
        return [], note
    ids, profiles, cols = _profile_matrix(frame)
    if city.pk not in ids:
        return [], _("%(city)s is not in the latest benchmark run.") % {"city": city.name}
    cities = City.objects.in_bulk(ids)
    contexts = [idx.city_context(cities.get(i)) for i in ids]
    ctx = ContextTable(contexts).similarity(idx.city_context(city)).score
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


def mentor_cities(*, challenge: Challenge, limit: int = 5) -> tuple[list[CityMatch], str]:
    """Cities strong in the benchmark characteristic where the challenge's city is weakest (among
    the characteristics its domains touch), and a sentence saying which characteristic (or why
    there are none)."""
    frame, note = characteristic_scores()
    if frame is None:
        return [], note
    ids, profiles, cols = _profile_matrix(frame)
    city = challenge.owner_city
    if city.pk not in ids:
        return [], _("%(city)s is not in the latest benchmark run.") % {"city": city.name}
    me = ids.index(city.pk)
    relevant = [
        DOMAIN_TO_CHARACTERISTIC[d] for d in challenge.domains if d in DOMAIN_TO_CHARACTERISTIC
    ]
    known = [j for j in range(len(cols)) if not np.isnan(profiles[me, j])]
    candidates = [cols.index(c) for c in dict.fromkeys(relevant) if c in cols]
    candidates = [j for j in candidates if j in known] or known
    if not candidates:
        return [], _("%(city)s has no benchmark scores.") % {"city": city.name}
    weakest = min(candidates, key=lambda j: float(profiles[me, j]))
    characteristic = cols[weakest]
    cities = City.objects.in_bulk(ids)
    contexts = [idx.city_context(cities.get(i)) for i in ids]
    ctx = ContextTable(contexts).similarity(idx.city_context(city)).score
    scores = mentor_scores(profiles, profiles[me], weakest, context=ctx)
    rows, vals = top_cities(scores, limit, exclude=me)
    raw = frame[characteristic]
    out = []
    for r, v in zip(rows, vals, strict=True):
        if not v > 0 or ids[r] not in cities or np.isnan(profiles[r, weakest]):
            continue
        reasons = [
            _("Scores %(them).0f in %(c)s (you: %(you).0f)")
            % {"them": float(raw.loc[ids[r]]), "c": characteristic, "you": float(raw.loc[city.pk])}
        ]
        out.append(CityMatch(cities[ids[r]], float(v), reasons))
    if not out:
        return [], _("No city scores better than %(city)s in %(c)s.") % {
            "city": city.name,
            "c": characteristic,
        }
    explanation = _(
        "Strong in %(c)s, where %(city)s scores lowest among the characteristics this "
        "challenge touches."
    ) % {"c": characteristic, "city": city.name}
    return out, explanation


def saved_searches(*, user: Any) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user))


def domain_label(slug: str) -> str:
    return DOMAIN_LABELS.get(slug, slug)
