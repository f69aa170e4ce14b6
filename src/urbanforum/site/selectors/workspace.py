"""A city officer's workspace: where their city stands in each of the five steps and what to do
next. Every read goes through the apps' selectors and visibility policies as the officer, so the
page never shows another city's private data; the officer's own city is one whose administration
they belong to (`cities_of`).

A coordinator's workspace is the network's (`network.py`); a person of no city administration
gets a page that says how to join one (kind "none")."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from urbanforum.accounts.models import User
from urbanforum.benchmark import selectors as benchmark
from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.challenges.models import Challenge, ChallengeCity, ChallengeStatus
from urbanforum.challenges.policies import challenge_policy
from urbanforum.challenges.selectors import new_match_counts
from urbanforum.cities.models import City
from urbanforum.community.models import Registration, RegistrationStatus
from urbanforum.community.selectors import EventFilters, event_list
from urbanforum.impact.models import PilotStatus
from urbanforum.impact.selectors import pilot_list
from urbanforum.practices.policies import practice_policy
from urbanforum.processes import selectors as processes
from urbanforum.processes.models import Process
from urbanforum.procurement.models import Status as ProcurementStatus
from urbanforum.procurement.selectors import procurement_list
from urbanforum.reviews.models import RoundStatus
from urbanforum.reviews.selectors import process_practice, round_list
from urbanforum.site.selectors.outside import outside_work
from urbanforum.site.selectors.steps import (
    NETWORK,
    STEP_TITLES,
    Entry,
    NextStep,
    Step,
    Workspace,
    day,
    number,
    run_name,
)

LIMIT = 5  # entries per step; the step links to the full list


def workspace(*, user: User, city_slug: str = "") -> Workspace:
    """The workspace of `user`: their city's (the one named by `city_slug` if it is one of
    theirs), the network's for a coordinator (of no city, or who asks for `NETWORK`), or kind
    "none". A coordinator who also works for a city switches between the two."""
    cities = list(benchmark.cities_of(user).order_by("name").distinct())
    if user.is_coordinator and (not cities or city_slug == NETWORK):
        from urbanforum.site.selectors.network import network

        return network(user=user, other_cities=[(c.slug, c.name) for c in cities])
    if not cities:
        return Workspace(kind="none", title=_("My city"), steps=outside_work(user))
    city = next((c for c in cities if c.slug == city_slug), cities[0])
    others = [(c.slug, c.name) for c in cities if c.pk != city.pk]
    return Workspace(
        kind="city",
        title=city.name,
        city_slug=city.slug,
        other_cities=[(NETWORK, _("The network")), *others] if user.is_coordinator else others,
        steps=[
            start(user, city),
            challenges(user, city),
            action(user, city),
            evaluation(user, city),
            share(user, city),
            community(user),
        ],
    )


def _title(key: str) -> str:
    return str(STEP_TITLES[key])


# --------------------------------------------------------------------------- 1 where we stand
def start(user: User, city: City) -> Step:
    run, _filters = benchmark.dashboard_run(viewer=user, choice=benchmark.DashboardChoice())
    dashboard = reverse("benchmark:dashboard") + f"?city={city.slug}"
    scores = benchmark.city_scores(run=run, city=city) if run is not None else {}
    root = benchmark.root_code(run) if run is not None else ""
    overall = scores.get(root)
    if run is None or overall is None or overall.score is None:
        return Step(
            "start",
            _title("start"),
            empty=_("%(city)s is not in a benchmark yet.") % {"city": city.name},
            next_steps=[
                NextStep(
                    _(
                        "Your city has no benchmark yet: ask your coordinator to include it in "
                        "the official run, or import your city's indicator data."
                    ),
                    reverse("indicators:import_new"),
                    _("Import indicator data"),
                )
            ],
            more_url=reverse("benchmark:dashboard"),
        )
    entries = [_overall(run, city, overall.score, overall.rank, root, dashboard)]
    known = [r for r in benchmark.profile(run=run, city=city) if r["score"] is not None]
    weakest = sorted(known, key=lambda r: r["score"] or 0.0)[:2]
    for row in weakest:
        median = row["median"]
        entries.append(
            Entry(
                str(row["name"]),
                dashboard,
                _("%(score)s (the peer cities' median: %(median)s)")
                % {
                    "score": number(round(row["score"] or 0.0)),
                    "median": number(round(median)) if median is not None else "–",
                },
            )
        )
    next_steps = []
    if weakest:
        name = str(weakest[0]["name"])
        next_steps.append(
            NextStep(
                _(
                    "Your weakest characteristic is %(name)s: look for good practices and "
                    "cities that do well in it."
                )
                % {"name": name},
                reverse("practices:list"),
                _("Good practices"),
            )
        )
    return Step("start", _title("start"), entries, next_steps, more_url=dashboard)


def _overall(
    run: BenchmarkRun, city: City, score: float, rank: int | None, root: str, url: str
) -> Entry:
    of = benchmark.scored_count(run=run, node=root)
    note = (
        _("rank %(rank)s of %(n)s cities in “%(run)s”")
        % {"rank": number(rank), "n": number(of), "run": run_name(run)}
        if rank
        else run_name(run)
    )
    return Entry(
        _("Overall score: %(score)s") % {"score": number(round(score))},
        url,
        note,
    )


# --------------------------------------------------------------------------- 2 challenges
def city_challenges(user: User, city: City) -> list[Challenge]:
    """The challenges the city owns or shares, visible to `user`, not closed: open ones first."""
    shared = ChallengeCity.objects.filter(city=city).values("challenge_id")
    return list(
        challenge_policy.queryset(user)
        .filter(Q(owner_city=city) | Q(pk__in=shared))
        .exclude(status=ChallengeStatus.CLOSED)
        .order_by("-updated_at", "-id")[:20]
    )


def challenges(user: User, city: City) -> Step:
    found = city_challenges(user, city)
    fresh = new_match_counts([c.pk for c in found])
    next_steps = []
    for c in sorted(found, key=lambda c: -fresh.get(c.pk, 0)):
        n = fresh.get(c.pk, 0)
        if n:
            next_steps.append(
                NextStep(
                    ngettext(
                        "%(n)s new match for “%(title)s”",
                        "%(n)s new matches for “%(title)s”",
                        n,
                    )
                    % {"n": number(n), "title": c.title},
                    reverse("challenges:detail", args=[c.slug]) + "#matches",
                    _("See the matches"),
                )
            )
    for c in found:
        if c.status == ChallengeStatus.DRAFT:
            next_steps.append(
                NextStep(
                    _("“%(title)s” is a draft: open it so that other cities and providers find it.")
                    % {"title": c.title},
                    reverse("challenges:detail", args=[c.slug]),
                    _("Open the challenge"),
                )
            )
    if not found:
        next_steps.append(
            NextStep(
                _("Your city has no challenge yet: describe a problem your city wants to solve."),
                reverse("challenges:create"),
                _("New challenge"),
            )
        )
    entries = [
        Entry(
            c.title,
            reverse("challenges:detail", args=[c.slug]),
            ", ".join(
                [str(c.get_status_display())]
                + (
                    [
                        ngettext("%(n)s new match", "%(n)s new matches", fresh[c.pk])
                        % {"n": number(fresh[c.pk])}
                    ]
                    if fresh.get(c.pk)
                    else []
                )
            ),
        )
        for c in found[:LIMIT]
    ]
    return Step(
        "challenges",
        _title("challenges"),
        entries,
        next_steps[:LIMIT],
        empty=_("No challenges yet."),
        more_url=reverse("challenges:list") + f"?city={city.slug}",
    )


# --------------------------------------------------------------------------- 3 joint action
def action(user: User, city: City) -> Step:
    running = [p for p in processes.city_processes(user=user, city=city) if p.closed_at is None]
    tasks = list(processes.user_tasks(user=user)[:50])
    invitations = list(processes.invitations_for_user(user=user)[:LIMIT])
    buying = list(
        procurement_list(user=user)
        .filter(participants__city=city)
        .exclude(status__in=[ProcurementStatus.AWARDED, ProcurementStatus.CANCELLED])[:LIMIT]
    )
    next_steps = []
    if tasks:
        next_steps.append(
            NextStep(
                ngettext("%(n)s task waits for you.", "%(n)s tasks wait for you.", len(tasks))
                % {"n": number(len(tasks))},
                reverse("community:dashboard") + "#d-tasks",
                _("Your tasks"),
            )
        )
    for invitation in invitations:
        next_steps.append(
            NextStep(
                _("Your city is invited to the process “%(title)s”: answer the invitation.")
                % {"title": invitation.process.title},
                reverse("community:dashboard") + "#d-processes",
                _("See the invitation"),
            )
        )
    if not running:
        for c in processes.openable_challenges(user=user)[:2]:
            if c.owner_city_id == city.pk and c.status != ChallengeStatus.DRAFT:
                next_steps.append(
                    NextStep(
                        _(
                            "Work on “%(title)s” with other cities: open a process from the "
                            "challenge."
                        )
                        % {"title": c.title},
                        reverse("processes:open", args=[c.slug]),
                        _("Open a process"),
                    )
                )
    entries = [
        Entry(
            p.title,
            reverse("processes:detail", args=[p.slug]),
            _("phase: %(phase)s") % {"phase": _phase_name(p)},
        )
        for p in running[:LIMIT]
    ]
    entries += [
        Entry(
            p.title,
            reverse("procurement:detail", args=[p.reference]),
            _("joint procurement: %(status)s") % {"status": p.get_status_display()},
        )
        for p in buying
    ]
    return Step(
        "action",
        _title("action"),
        entries,
        next_steps[:LIMIT],
        empty=_("No running processes or procurements."),
        more_url=reverse("processes:list"),
    )


def _phase_name(process: Process) -> str:
    phase = process.active_phase
    return phase.label if phase is not None else "–"


# --------------------------------------------------------------------------- 4 evaluation
def evaluation(user: User, city: City) -> Step:
    pilots = list(
        pilot_list(user=user, city=city.slug)
        .exclude(status=PilotStatus.FINISHED)
        .annotate(n_kpis=Count("kpis"))
        .order_by("-start_date", "-id")[:LIMIT]
    )
    rounds = list(
        round_list(user=user)
        .filter(status=RoundStatus.OPEN)
        .filter(
            Q(organisation_id=city.administration_id)
            | Q(process__participants__organisation_id=city.administration_id)
            | Q(pilot__city=city)
        )
        .distinct()[:LIMIT]
    )
    next_steps = [
        NextStep(
            _("The pilot “%(title)s” has no KPIs yet: add what you measure.") % {"title": p.title},
            reverse("impact:detail", args=[p.slug]),
            _("Add KPIs"),
        )
        for p in pilots
        if not p.n_kpis
    ]
    entries = [
        Entry(
            p.title,
            reverse("impact:detail", args=[p.slug]),
            ngettext("%(status)s, %(n)s KPI", "%(status)s, %(n)s KPIs", p.n_kpis)
            % {"status": p.get_status_display(), "n": number(p.n_kpis)},
        )
        for p in pilots
    ]
    entries += [
        Entry(
            r.title,
            reverse("reviews:detail", args=[r.pk]),
            _("review round, due %(date)s") % {"date": day(r.due_date)}
            if r.due_date
            else _("review round"),
        )
        for r in rounds
    ]
    return Step(
        "evaluation",
        _title("evaluation"),
        entries,
        next_steps[:LIMIT],
        empty=_("No pilots or review rounds running."),
        more_url=reverse("impact:list") + f"?city={city.slug}",
    )


# --------------------------------------------------------------------------- 5 share
def share(user: User, city: City) -> Step:
    published = practice_policy.queryset(user).filter(city=city, status="published")
    latest = list(published.order_by("-id")[:LIMIT])
    finished = [
        p
        for p in processes.city_processes(user=user, city=city)
        if p.result_published_at is not None and process_practice(process=p) is None
    ]
    next_steps = [
        NextStep(
            _("The process “%(title)s” has its result: share what worked as a good practice.")
            % {"title": p.title},
            reverse("processes:detail", args=[p.slug]),
            _("Share the result"),
        )
        for p in finished[:2]
    ]
    if not latest:
        next_steps.append(
            NextStep(
                _("Your city has published no good practice yet: share one that worked."),
                reverse("practices:create"),
                _("New good practice"),
            )
        )
    entries = [
        Entry(p.title, reverse("practices:detail", args=[p.slug]), str(p.year_start or ""))
        for p in latest
    ]
    count = published.count()
    return Step(
        "share",
        _title("share"),
        entries,
        next_steps,
        empty=_("No good practices yet."),
        more_url=reverse("practices:list") + f"?city={city.slug}" if count else "",
    )


# --------------------------------------------------------------------------- community
def community(user: User) -> Step:
    upcoming = list(event_list(user=user, filters=EventFilters(when="upcoming"))[:LIMIT])
    mine = set(
        Registration.objects.filter(user=user, event__in=[e.pk for e in upcoming])
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("event_id", flat=True)
    )
    entries = [
        Entry(
            e.title,
            reverse("community:event_detail", args=[e.slug]),
            _("%(date)s, you are registered") % {"date": day(e.starts_at)}
            if e.pk in mine
            else day(e.starts_at),
        )
        for e in upcoming
    ]
    next_steps = []
    open_events = [e for e in upcoming if e.pk not in mine]
    if open_events:
        e = open_events[0]
        next_steps.append(
            NextStep(
                _("“%(title)s” on %(date)s: meet the other cities.")
                % {"title": e.title, "date": day(e.starts_at)},
                reverse("community:event_detail", args=[e.slug]),
                _("Register"),
            )
        )
    return Step(
        "community",
        _title("community"),
        entries,
        next_steps,
        empty=_("No upcoming events."),
        more_url=reverse("community:event_list"),
    )
