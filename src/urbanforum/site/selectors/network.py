"""A coordinator's workspace: the network in the five steps — how many cities the official
benchmark scores, open challenges and those without matches or process, running processes,
procurements and pilots, open review rounds, published practices, upcoming events and the
moderation queue — each with the next step in plain words."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from urbanforum.accounts.models import User
from urbanforum.benchmark import selectors as benchmark
from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.challenges.models import ChallengeStatus, MatchNotice
from urbanforum.challenges.policies import challenge_policy
from urbanforum.community import selectors as community
from urbanforum.impact.models import PilotStatus
from urbanforum.impact.selectors import pilot_list
from urbanforum.practices.policies import practice_policy
from urbanforum.processes.models import Process
from urbanforum.processes.policies import process_policy
from urbanforum.procurement.models import Status as ProcurementStatus
from urbanforum.procurement.selectors import procurement_list
from urbanforum.reviews.models import RoundStatus
from urbanforum.reviews.selectors import round_list
from urbanforum.site.selectors.steps import (
    NETWORK,
    NETWORK_TITLES,
    Entry,
    NextStep,
    Step,
    Workspace,
    number,
    run_name,
)

RECENT_DAYS = 30


def _title(key: str) -> str:
    return str(NETWORK_TITLES[key])


def network(*, user: User, other_cities: list[tuple[str, str]] | None = None) -> Workspace:
    """The network's workspace; `other_cities` are the coordinator's own cities to switch to."""
    return Workspace(
        kind="network",
        title=_("The network"),
        city_slug=NETWORK,
        other_cities=other_cities or [],
        steps=[
            start(user),
            challenges(user),
            action(user),
            evaluation(user),
            share(user),
            community_step(user),
        ],
    )


def start(user: User) -> Step:
    official = BenchmarkRun.objects.filter(is_official=True).order_by("-created_at", "-id").first()
    runs = reverse("benchmark:run_list")
    if official is None:
        return Step(
            "start",
            _title("start"),
            empty=_("No official benchmark run yet."),
            next_steps=[
                NextStep(
                    _(
                        "There is no official benchmark yet: publish a run so that every city "
                        "sees where it stands."
                    ),
                    runs,
                    _("Benchmark runs"),
                )
            ],
            more_url=runs,
        )
    root = benchmark.root_code(official)
    scored = benchmark.scored_count(run=official, node=root)
    return Step(
        "start",
        _title("start"),
        [
            Entry(
                run_name(official),
                reverse("benchmark:run_detail", args=[official.pk]),
                ngettext("the official run: %(n)s city", "the official run: %(n)s cities", scored)
                % {"n": number(scored)},
            )
        ],
        more_url=runs,
    )


def challenges(user: User) -> Step:
    visible = challenge_policy.queryset(user)
    looking = visible.filter(status__in=[ChallengeStatus.OPEN, ChallengeStatus.MATCHED])
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    without_process = looking.exclude(Exists(Process.objects.filter(challenge=OuterRef("pk"))))
    fresh = MatchNotice.objects.filter(notified_at__gte=since, challenge__in=looking).count()
    entries = [
        Entry(
            _("Challenges looking for matches"),
            reverse("challenges:list") + "?status=open",
            number(looking.count()),
        ),
        Entry(_("New matches notified in the last 30 days"), "", number(fresh)),
    ]
    n = without_process.count()
    next_steps = (
        [
            NextStep(
                ngettext(
                    "%(n)s open challenge has no process yet: help its city find partners.",
                    "%(n)s open challenges have no process yet: help their cities find partners.",
                    n,
                )
                % {"n": number(n)},
                reverse("challenges:list") + "?status=open",
                _("Challenges"),
            )
        ]
        if n
        else []
    )
    return Step("challenges", _title("challenges"), entries, next_steps)


def action(user: User) -> Step:
    running = process_policy.queryset(user).filter(closed_at=None).count()
    buying = (
        procurement_list(user=user)
        .exclude(status__in=[ProcurementStatus.AWARDED, ProcurementStatus.CANCELLED])
        .count()
    )
    return Step(
        "action",
        _title("action"),
        [
            Entry(_("Running processes"), reverse("processes:list"), number(running)),
            Entry(_("Joint procurements under way"), reverse("procurement:list"), number(buying)),
        ],
    )


def evaluation(user: User) -> Step:
    pilots = pilot_list(user=user).filter(status=PilotStatus.RUNNING).count()
    rounds = round_list(user=user).filter(status=RoundStatus.OPEN).count()
    return Step(
        "evaluation",
        _title("evaluation"),
        [
            Entry(_("Running pilots"), reverse("impact:list"), number(pilots)),
            Entry(_("Open review rounds"), reverse("reviews:list"), number(rounds)),
        ],
    )


def share(user: User) -> Step:
    published = practice_policy.queryset(user).filter(status="published").count()
    return Step(
        "share",
        _title("share"),
        [Entry(_("Published good practices"), reverse("practices:list"), number(published))],
    )


def community_step(user: User) -> Step:
    reports = community.open_reports().count()
    upcoming = community.event_list(user=user).count()
    next_steps = (
        [
            NextStep(
                ngettext(
                    "%(n)s reported post waits for moderation.",
                    "%(n)s reported posts wait for moderation.",
                    reports,
                )
                % {"n": number(reports)},
                reverse("community:moderation"),
                _("Moderation"),
            )
        ]
        if reports
        else []
    )
    return Step(
        "community",
        _title("community"),
        [Entry(_("Upcoming events"), reverse("community:event_list"), number(upcoming))],
        next_steps,
    )
