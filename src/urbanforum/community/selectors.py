"""Reads for working groups, discussions, events and mentoring."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from urbanforum.accounts.models import Membership
from urbanforum.benchmark.selectors import latest_characteristic_scores
from urbanforum.community.models import (
    Event,
    GroupVisibility,
    MentoringOffer,
    MentoringRequest,
    Mentorship,
    Post,
    Registration,
    RegistrationStatus,
    Thread,
    WorkingGroup,
)
from urbanforum.processes.models import Process

log = logging.getLogger(__name__)


def _auth(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def visible_groups(*, user: Any) -> QuerySet[WorkingGroup]:
    qs = WorkingGroup.objects.all()
    if _auth(user) and user.is_coordinator:
        return qs
    q = Q(visibility=GroupVisibility.PUBLIC)
    if _auth(user):
        q |= Q(memberships__user=user)
    return qs.filter(q).distinct()


def group_list(
    *, user: Any, search: str = "", domain: str = "", mine: bool = False
) -> QuerySet[WorkingGroup]:
    qs = visible_groups(user=user)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if domain:
        qs = qs.filter(domains__icontains=f'"{domain}"')
    if mine and _auth(user):
        qs = qs.filter(memberships__user=user)
    return (
        qs.select_related("lead")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def thread_list(
    *,
    user: Any,
    group: WorkingGroup | None = None,
    process: Process | None = None,
    search: str = "",
) -> QuerySet[Thread]:
    qs = Thread.objects.all()
    if group is not None:
        qs = qs.filter(group=group)
    if process is not None:
        qs = qs.filter(process=process)
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(posts__body__icontains=search)).distinct()
    return (
        qs.select_related("author")
        .annotate(reply_count=Count("posts", distinct=True))
        .order_by("-last_activity_at", "-id")
    )


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    return (
        thread.posts.select_related("author", "hidden_by")
        .annotate(
            revision_count=Count("revisions", distinct=True),
            open_reports=Count("reports", filter=Q(reports__resolved_at=None), distinct=True),
        )
        .order_by("created_at", "id")
    )


def open_reports() -> QuerySet[Post]:
    return (
        Post.objects.filter(reports__resolved_at=None)
        .select_related("thread", "author")
        .annotate(report_count=Count("reports", distinct=True))
        .distinct()
    )


def visible_events(*, user: Any) -> QuerySet[Event]:
    qs = Event.objects.all()
    if _auth(user) and user.is_coordinator:
        return qs
    groups = visible_groups(user=user).values("pk")
    from urbanforum.processes.selectors import visible_processes

    processes = visible_processes(user=user).values("pk")
    return qs.filter(
        (Q(group=None) | Q(group__in=groups)) & (Q(process=None) | Q(process__in=processes))
    )


def event_list(
    *,
    user: Any,
    when: str = "upcoming",
    kind: str = "",
    search: str = "",
    group: WorkingGroup | None = None,
) -> QuerySet[Event]:
    qs = visible_events(user=user)
    now = timezone.now()
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "id")
    elif when == "past":
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    else:
        qs = qs.order_by("-starts_at", "-id")
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(description__icontains=search)
            | Q(place__icontains=search)
        )
    if group is not None:
        qs = qs.filter(group=group)
    return qs.select_related("group", "organiser").annotate(
        confirmed_count=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        ),
        waiting_count=Count(
            "registrations",
            filter=Q(registrations__status=RegistrationStatus.WAITING),
            distinct=True,
        ),
    )


def event_counts(*, event: Event) -> dict[str, int]:
    rows = dict(event.registrations.values_list("status").annotate(n=Count("id")))
    return {s: rows.get(s, 0) for s in RegistrationStatus.values}


def event_attendees(*, event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "requested_at", "id")
    )


def user_registration(*, event: Event, user: Any) -> Registration | None:
    if not _auth(user):
        return None
    return event.registrations.filter(user=user).first()


def waiting_position(*, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(requested_at__lt=registration.requested_at)
        | Q(requested_at=registration.requested_at, id__lt=registration.id)
    )
    return ahead.count() + 1


# --- mentoring -----------------------------------------------------------------------------------
def offer_list(*, topic: str = "", search: str = "") -> QuerySet[MentoringOffer]:
    qs = MentoringOffer.objects.filter(active=True).select_related("mentor", "organisation")
    if topic:
        qs = qs.filter(topics__icontains=f'"{topic}"')
    if search:
        qs = qs.filter(Q(description__icontains=search) | Q(mentor__full_name__icontains=search))
    return qs.order_by("-created_at")


def user_mentorships(*, user: Any) -> QuerySet[Mentorship]:
    if not _auth(user):
        return Mentorship.objects.none()
    orgs = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Mentorship.objects.filter(Q(mentor=user) | Q(mentee_organisation__in=orgs))
        .select_related("mentor", "mentee_organisation", "challenge")
        .order_by("-created_at")
    )


def user_requests(*, user: Any) -> QuerySet[MentoringRequest]:
    if not _auth(user):
        return MentoringRequest.objects.none()
    orgs = Membership.objects.filter(user=user).values("organisation_id")
    return MentoringRequest.objects.filter(organisation__in=orgs, closed_at=None).select_related(
        "challenge", "organisation"
    )


@dataclass
class Proposal:
    offer: MentoringOffer
    score: float
    reasons: list[str] = field(default_factory=list)


def _characteristic_scores() -> Mapping[Any, Mapping[str, float]]:
    """The benchmark's latest scores per city, {city id: {characteristic: score 0–100}}; empty when
    no benchmark has been run yet."""
    frame = latest_characteristic_scores()
    if frame.empty:
        return {}
    return {city_id: row.dropna().to_dict() for city_id, row in frame.iterrows()}


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
        reasons = [f"topics in common: {', '.join(sorted(overlap))}"] if overlap else []
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
                        f"strong where you are weak ({', '.join(weak)}): +{best:.0f} points"
                    )
        if score > 0:
            proposals.append(Proposal(offer=offer, score=round(score, 3), reasons=reasons))
    proposals.sort(key=lambda p: (-p.score, p.offer.pk))
    return proposals[:limit]


def dashboard(*, user: Any) -> dict[str, Any]:
    """The personal dashboard: my cities, processes, tasks, events, what changed."""
    from urbanforum.notifications.selectors import user_notifications
    from urbanforum.processes import selectors as processes

    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("organisation__represented_cities")
    )
    return {
        "memberships": memberships,
        "processes": processes.process_list(user=user, mine=True)[:10],
        "invitations": processes.invitations_for_user(user=user),
        "tasks": processes.user_tasks(user=user)[:20],
        "registrations": Registration.objects.filter(user=user, event__ends_at__gte=timezone.now())
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:10],
        "organised": Event.objects.filter(organiser=user, ends_at__gte=timezone.now()).order_by(
            "starts_at"
        )[:10],
        "groups": WorkingGroup.objects.filter(memberships__user=user).order_by("name"),
        "mentorships": user_mentorships(user=user)[:10],
        "changes": user_notifications(user=user)[:15],
    }


__all__ = ["Prefetch"]
