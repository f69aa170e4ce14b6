"""Reads for challenges: the list (visibility through the challenge policy), facets, one challenge,
the cities a user could join with — and a challenge's matches: the suggestions of every searchable
kind (with the owner's decisions) and the mentor cities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.challenges.models import (
    Challenge,
    ChallengeCity,
    ChallengeStatus,
    Decision,
    MatchFeedback,
    MatchNotice,
)
from urbanforum.challenges.policies import challenge_policy
from urbanforum.challenges.searchable import KIND
from urbanforum.cities.models import City
from urbanforum.core.text import fold
from urbanforum.engines.matching import (
    ContextTable,
    ContextWeights,
    MatchingIndex,
    Query,
    climate_bound,
    mentor_scores,
    top_cities,
    with_config,
)
from urbanforum.indicators.smart_city import characteristic_name
from urbanforum.matching import index as match_index
from urbanforum.matching import registry
from urbanforum.matching.registry import city_context
from urbanforum.matching.selectors import (
    DOMAIN_TO_CHARACTERISTIC,
    CityMatch,
    Result,
    characteristic_scores,
    profile_matrix,
    run,
)
from urbanforum.matching.tags import tag_filter


@dataclass(frozen=True)
class ChallengeFilters:
    search: str = ""
    domain: str = ""
    sdg: int | None = None
    country: str = ""
    size: str = ""
    status: str = ""
    city: str = ""  # slug: challenges owned or shared by this city


def challenge_list(*, user: User | AnonymousUser, filters: ChallengeFilters) -> QuerySet[Challenge]:
    qs = challenge_policy.queryset(user)
    if filters.search:
        qs = qs.filter(search_text__contains=fold(filters.search))
    if filters.domain:
        qs = qs.filter(domain_tags__contains=tag_filter(filters.domain))
    if filters.sdg:
        qs = qs.filter(sdg_tags__contains=tag_filter(filters.sdg))
    if filters.country:
        qs = qs.filter(owner_city__country=filters.country.upper())
    if filters.size:
        qs = qs.filter(owner_city__size_class=filters.size)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.city:
        shared = ChallengeCity.objects.filter(city__slug=filters.city)
        qs = qs.filter(Q(owner_city__slug=filters.city) | Q(pk__in=shared.values("challenge_id")))
    return qs.select_related("owner_city", "owner_organisation").prefetch_related("cities__city")


def challenge_get(*, slug: str) -> Challenge | None:
    return (
        Challenge.objects.select_related("owner_city", "owner_organisation")
        .prefetch_related("cities__city")
        .filter(slug=slug)
        .first()
    )


def joinable_cities(*, actor: User, challenge: Challenge) -> list[City]:
    """The cities the actor could say "we have this too" for: those whose administration they
    edit (coordinators too: joining is a city's statement), not yet sharing the challenge."""
    taken = set(challenge.cities.values_list("city_id", flat=True)) | {challenge.owner_city_id}
    editing = Membership.objects.filter(user=actor, role__in=[Role.EDITOR, Role.ADMIN]).values(
        "organisation_id"
    )
    return [c for c in City.objects.filter(administration_id__in=editing) if c.pk not in taken]


# --------------------------------------------------------------------------- a challenge's matches
def sections() -> list[tuple[str, str]]:
    """The sections of a challenge's matches: cities with similar challenges first, then every
    other searchable kind (good practices, solutions, experts, …) in the registry's order."""
    others = [(k.slug, str(k.plural)) for k in registry.kinds() if k.slug != KIND]
    return [(KIND, _("Cities with similar challenges")), *others]


def challenge_query(challenge: Challenge) -> Query:
    return Query(
        text=f"{challenge.title}. {challenge.problem_statement}",
        language=challenge.language or None,
        domains=tuple(challenge.domains),
        sdgs=tuple(challenge.sdgs),
        context=city_context(challenge.owner_city),
    )


def own_cities(challenge: Challenge) -> set[int]:
    """The challenge's own cities: its owner and its co-owners."""
    return {challenge.owner_city_id} | set(
        challenge.cities.filter(role=ChallengeCity.Role.CO_OWNER).values_list("city_id", flat=True)
    )


def own_challenges(challenge: Challenge) -> set[int]:
    """The challenge itself and every challenge of its own cities (the owner and the co-owners):
    a city is never offered its own problems as "similar challenges" of other cities."""
    own_cities_ = own_cities(challenge)
    co_owned = ChallengeCity.objects.filter(
        city_id__in=own_cities_, role=ChallengeCity.Role.CO_OWNER
    ).values("challenge_id")
    return {challenge.pk} | set(
        Challenge.objects.filter(Q(owner_city_id__in=own_cities_) | Q(pk__in=co_owned)).values_list(
            "pk", flat=True
        )
    )


# A challenge's suggestions: meaning first. Shared domains and a similar city (country, size,
# climate) only break ties among items that are about the problem — with the search page's
# weights, "same country" lifted an unrelated e-services product above two elderly-care solutions.
# The relevance gate of typed searches is off: a challenge is a whole statement of a problem and
# its page shows the closest few of each kind, each with its reasons.
MEANING_FIRST = {
    "facet": 0.1,
    "context": 0.05,
    "min_lexical": 0.0,
    "min_semantic": 0.0,
    "min_semantic_short": 0.0,
}


def meaning_first(index: MatchingIndex) -> MatchingIndex:
    return with_config(index, **MEANING_FIRST)


def challenge_matches(
    *,
    user: User | AnonymousUser,
    challenge: Challenge,
    limit: int = 5,
    include_dismissed: bool = False,
    only: str | None = None,
) -> dict[str, list[Result]]:
    """Suggestions per kind (or of the kind `only`), with reasons; dismissed ones hidden unless
    asked for, accepted ones marked. A challenge is never matched with itself."""
    feedback = {
        match_index.key(f.item_kind, f.item_id): f.decision
        for f in MatchFeedback.objects.filter(challenge=challenge)
    }
    hidden = {k for k, d in feedback.items() if d == Decision.DISMISSED and not include_dismissed}
    hidden |= {match_index.key(KIND, pk) for pk in own_challenges(challenge)}
    query = challenge_query(challenge)
    index = meaning_first(match_index.get_index())
    out: dict[str, list[Result]] = {}
    for kind, _label in sections():
        if only is not None and kind != only:
            continue
        results = run(
            user=user, query=query, limit=limit, kinds=(kind,), exclude=hidden, index=index
        )
        for r in results:
            r.decision = feedback.get(r.key, "")
        out[kind] = results
    return out


def mentor_cities(*, challenge: Challenge, limit: int = 5) -> tuple[list[CityMatch], str]:
    """Cities strong in the benchmark characteristic where the challenge's city is weakest (among
    the characteristics its domains touch), and a sentence saying which characteristic (or why
    there are none)."""
    frame, note = characteristic_scores()
    if frame is None:
        return [], note
    ids, profiles, cols = profile_matrix(frame)
    city = challenge.owner_city
    relevant = [
        DOMAIN_TO_CHARACTERISTIC[d] for d in challenge.domains if d in DOMAIN_TO_CHARACTERISTIC
    ]
    scored = city.pk in ids
    me: int | None = ids.index(city.pk) if scored else None
    # A city the run does not score is compared with the run's typical (median) city, in the
    # first characteristic its challenge touches.
    with np.errstate(all="ignore"):
        target = profiles[me] if me is not None else np.nanmedian(profiles, axis=0)
    known = [j for j in range(len(cols)) if not np.isnan(target[j])]
    candidates = [cols.index(c) for c in dict.fromkeys(relevant) if c in cols]
    candidates = [j for j in candidates if j in known] or (known if scored else [])
    if not candidates:
        if not scored:
            return [], _("%(city)s is not in the latest benchmark run.") % {"city": city.name}
        return [], _("%(city)s has no benchmark scores.") % {"city": city.name}
    weakest = min(candidates, key=lambda j: float(target[j])) if scored else candidates[0]
    characteristic = cols[weakest]
    name = characteristic_name(characteristic)  # the run's column is the code ("living")
    cities = City.objects.in_bulk(ids)
    contexts = [city_context(cities.get(i)) for i in ids]
    # A climate-bound problem (snow, ice, winter, heat) is learnt from a city with the same
    # winters: then the climate decides, not the country or size.
    by_climate = climate_bound(f"{challenge.title} {challenge.problem_statement}")
    weights = (
        ContextWeights(country=0.0, region=0.0, size=0.0, climate=1.0, profile=0.0)
        if by_climate
        else ContextWeights()
    )
    ctx = ContextTable(contexts).similarity(city_context(city), weights).score
    scores = mentor_scores(
        profiles, target, weakest, context=ctx, context_share=1.0 if by_climate else 0.5
    )
    rows, vals = top_cities(scores, limit, exclude=me)
    own = own_cities(challenge)
    raw = frame[characteristic]
    yours = float(raw.loc[city.pk]) if scored else float(np.nanmedian(raw.to_numpy(dtype=float)))
    out = []
    for r, v in zip(rows, vals, strict=True):
        if not v > 0 or ids[r] not in cities or np.isnan(profiles[r, weakest]):
            continue
        if ids[r] in own or (by_climate and ctx[r] < 0.3):
            continue  # not the city's own; for a climate-bound problem, a similar climate
        them = float(raw.loc[ids[r]])
        reasons = [
            _("Scores %(them).0f in %(c)s (you: %(you).0f)")
            % {"them": them, "c": name, "you": yours}
            if scored
            else _("Scores %(them).0f in %(c)s (the typical city: %(you).0f)")
            % {"them": them, "c": name, "you": yours}
        ]
        if by_climate:
            reasons.append(_("A similar climate"))
        out.append(CityMatch(cities[ids[r]], float(v), reasons))
    if not out:
        return [], _("No city scores better than %(city)s in %(c)s.") % {
            "city": city.name,
            "c": name,
        }
    if not scored:
        explanation = _(
            "%(city)s is not in the latest benchmark run: these cities are strong in %(c)s, "
            "which this challenge touches."
        ) % {"c": name, "city": city.name}
    else:
        explanation = _(
            "Strong in %(c)s, where %(city)s scores lowest among the characteristics this "
            "challenge touches."
        ) % {"c": name, "city": city.name}
    if frame.attrs.get("run"):
        explanation += " " + _("Scores from the official benchmark run %(run)s.") % {
            "run": frame.attrs["run"]
        }
    return out, explanation


# ------------------------------------------------------------------------ new matches and owners
# The challenges that still look for matches: new content is news for them.
LOOKING_FOR_MATCHES = (ChallengeStatus.OPEN, ChallengeStatus.MATCHED)
# How long a notified match counts as "new" on the owners' workspace.
NEW_MATCH_DAYS = 30


def challenge_officers(challenge: Challenge) -> QuerySet[User]:
    """The people who act for the challenge's own cities: the editors and admins of the owner
    organisation and of the administrations of its co-owner cities (active accounts only)."""
    co_owners = ChallengeCity.objects.filter(
        challenge=challenge, role=ChallengeCity.Role.CO_OWNER, city__administration__isnull=False
    ).values("city__administration_id")
    organisations = Q(organisation_id__in=co_owners)
    if challenge.owner_organisation_id is not None:
        organisations |= Q(organisation_id=challenge.owner_organisation_id)
    memberships = Membership.objects.filter(organisations, role__in=[Role.EDITOR, Role.ADMIN])
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by(
        "is_coordinator", "pk"
    )


def notified_matches(challenge: Challenge) -> set[str]:
    """The keys ("practice:42") of the items already notified as new matches."""
    return {
        match_index.key(kind, pk)
        for kind, pk in MatchNotice.objects.filter(challenge=challenge).values_list(
            "item_kind", "item_id"
        )
    }


def new_match_counts(challenge_ids: list[int]) -> dict[int, int]:
    """Per challenge, how many matches were notified in the last NEW_MATCH_DAYS days."""
    since = timezone.now() - timedelta(days=NEW_MATCH_DAYS)
    rows = (
        MatchNotice.objects.filter(challenge_id__in=challenge_ids, notified_at__gte=since)
        .values("challenge_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["challenge_id"]: r["n"] for r in rows}
