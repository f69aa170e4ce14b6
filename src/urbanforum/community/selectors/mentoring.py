"""Reads for mentoring: offers, my mentorships and requests, proposed mentors for a request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.benchmark.selectors import latest_characteristic_scores
from urbanforum.community.models import (
    MentoringOffer,
    MentoringRequest,
    MentoringSession,
    Mentorship,
    MentorshipFeedback,
    MentorshipStatus,
)
from urbanforum.community.policies import MentorshipPolicy
from urbanforum.core.taxonomy import DOMAIN_LABELS
from urbanforum.core.text import translated
from urbanforum.indicators.smart_city import CHARACTERISTIC_NAMES
from urbanforum.processes.registry import Viewer, signed_in


@dataclass(frozen=True)
class OfferFilters:
    topic: str = ""
    search: str = ""


def offer_list(*, filters: OfferFilters = OfferFilters()) -> QuerySet[MentoringOffer]:
    qs = MentoringOffer.objects.filter(active=True).select_related("mentor", "organisation")
    if filters.topic:
        qs = qs.filter(topics__icontains=f'"{filters.topic}"')
    if filters.search:
        qs = qs.filter(
            Q(description__icontains=filters.search)
            | Q(mentor__full_name__icontains=filters.search)
        )
    return qs.order_by("-created_at")


def user_mentorships(*, user: Viewer) -> QuerySet[Mentorship]:
    """The mentorships `user` takes part in (as mentor or mentee organisation), newest first."""
    return (
        Mentorship.objects.filter(MentorshipPolicy.involving(user))
        .select_related("mentor", "mentee_organisation", "challenge")
        .order_by("-created_at")
    )


def user_requests(*, user: Viewer) -> QuerySet[MentoringRequest]:
    person = signed_in(user)
    if person is None:
        return MentoringRequest.objects.none()
    orgs = Membership.objects.filter(user=person).values("organisation_id")
    return MentoringRequest.objects.filter(organisation__in=orgs, closed_at=None).select_related(
        "challenge", "organisation"
    )


def offering_administration(*, user: User) -> Organisation | None:
    """The city administration a person offers mentoring for: the first they edit (experts offer
    as themselves)."""
    membership = (
        Membership.objects.filter(
            user=user,
            role__in=[Role.EDITOR, Role.ADMIN],
            organisation__kind=OrganisationKind.CITY_ADMINISTRATION,
        )
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


def organisation_by_slug(slug: str | None) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first() if slug else None


def request_detail(*, request_id: int) -> MentoringRequest | None:
    return (
        MentoringRequest.objects.select_related("challenge", "organisation")
        .filter(pk=request_id)
        .first()
    )


def request_mentorships(*, request: MentoringRequest) -> QuerySet[Mentorship]:
    return request.mentorships.select_related("mentor")


def asked_mentors(*, request: MentoringRequest) -> set[int]:
    """The mentors already asked (and not declined) for a request."""
    return set(
        request.mentorships.exclude(status=MentorshipStatus.DECLINED).values_list(
            "mentor_id", flat=True
        )
    )


def mentorship_detail(*, mentorship_id: int) -> Mentorship | None:
    return (
        Mentorship.objects.select_related("mentor", "mentee_organisation", "challenge")
        .filter(pk=mentorship_id)
        .first()
    )


def mentorship_sessions(*, mentorship: Mentorship) -> QuerySet[MentoringSession]:
    return mentorship.sessions.select_related("recorded_by")


def mentorship_feedback(*, mentorship: Mentorship) -> QuerySet[MentorshipFeedback]:
    return mentorship.feedback.select_related("author")


def mentee_editors(*, mentorship: Mentorship) -> list[int]:
    """The people who speak for the mentee organisation (its editors and admins)."""
    return list(
        Membership.objects.filter(
            organisation_id=mentorship.mentee_organisation_id, role__in=[Role.EDITOR, Role.ADMIN]
        ).values_list("user_id", flat=True)
    )


@dataclass
class Proposal:
    offer: MentoringOffer
    score: float
    reasons: list[str] = field(default_factory=list)


def _characteristic_scores() -> Mapping[object, Mapping[str, float]]:
    """The benchmark's latest scores per city, {city id: {characteristic: score 0–100}}; empty when
    no benchmark has been run yet."""
    frame = latest_characteristic_scores()
    if frame.empty:
        return {}
    return {city_id: row.dropna().to_dict() for city_id, row in frame.iterrows()}


def mentor_scores_run() -> dict[str, object]:
    """The benchmark run whose scores rank city mentors (run_id, run, run_url); empty when none
    is published — the request page and its API twin name and link it."""
    frame = latest_characteristic_scores()
    return {k: frame.attrs[k] for k in ("run_id", "run", "run_url") if k in frame.attrs}


def propose_mentors(*, request: MentoringRequest, limit: int = 5) -> list[Proposal]:
    """Mentors for a request, best first.

    - Experts (and anyone offering as a person): overlap of their topics with the challenge's
      domains (share of the challenge's domains covered).
    - Cities (offers made on behalf of an administration): strong where the asking city is weak —
      from the benchmark's characteristic scores, the asker's three weakest characteristics, and
      the mean advantage of the offering city on them (scaled to 0–1 by 100 points); plus the topic
      overlap. Without benchmark scores, cities are ranked by topic overlap alone.
    """
    domains = set(request.challenge.domains or [])
    scores = _characteristic_scores()
    asker_city = request.challenge.owner_city_id
    asker = {
        k: float(v)
        for k, v in (scores.get(asker_city) or scores.get(str(asker_city)) or {}).items()
    }
    weak = sorted(asker, key=lambda k: asker[k])[:3]
    proposals: list[Proposal] = []
    offers = (
        MentoringOffer.objects.filter(active=True)
        .exclude(organisation=request.organisation)
        .select_related("mentor", "organisation")
        .prefetch_related("organisation__represented_cities")
    )
    for offer in offers:
        overlap = domains & set(offer.topics)
        score = len(overlap) / len(domains) if domains else 0.0
        reasons = (
            [
                _("topics in common: %(topics)s")
                % {"topics": ", ".join(str(DOMAIN_LABELS.get(t, t)) for t in sorted(overlap))}
            ]
            if overlap
            else []
        )
        if offer.organisation is not None and weak:
            cities = list(offer.organisation.represented_cities.all())
            advantages = []
            for city in cities:
                theirs = scores.get(city.pk) or scores.get(str(city.pk)) or {}
                diffs = [float(theirs[k]) - asker[k] for k in weak if k in theirs]
                if diffs:
                    advantages.append(sum(diffs) / len(diffs))
            if advantages:
                best = max(advantages)
                if best > 0:
                    score += min(best / 100.0, 1.0)
                    reasons.append(
                        _("strong where you are weak (%(weak)s): +%(points)s points")
                        % {
                            "weak": ", ".join(
                                translated(CHARACTERISTIC_NAMES.get(k, k)) for k in weak
                            ),
                            "points": number_format(round(best), decimal_pos=0),
                        }
                    )
        if score > 0:
            proposals.append(Proposal(offer=offer, score=round(score, 3), reasons=reasons))
    proposals.sort(key=lambda p: (-p.score, p.offer.pk))
    return proposals[:limit]
