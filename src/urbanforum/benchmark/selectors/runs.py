"""Reads of benchmark runs: which runs, which one the dashboard shows, the peer group of a
run and the city × indicator table it is built from. Every read of runs goes through the
policy (benchmark.policies)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from urbanforum.accounts.models import User
from urbanforum.benchmark.models import BenchmarkRun, PeerGroup, RunStatus
from urbanforum.benchmark.policies import runs
from urbanforum.cities.models import City
from urbanforum.cities.selectors import city_get
from urbanforum.indicators import selectors as indicator_selectors
from urbanforum.indicators.models import Framework
from urbanforum.indicators.smart_city import FRAMEWORK_CODE


@dataclass(frozen=True)
class RunFilters:
    framework: str = ""
    year: int | None = None
    peer_group: str = ""
    peer_value: str = ""


def run_list(
    *, viewer: User | AnonymousUser, filters: RunFilters | None = None
) -> QuerySet[BenchmarkRun]:
    """The runs `viewer` may see (benchmark.policies), newest first."""
    qs = (
        runs.queryset(viewer)
        .select_related("framework", "created_by", "organisation")
        .defer("reports", "record")
    )
    if filters:
        if filters.framework:
            qs = qs.filter(framework__code=filters.framework)
        if filters.year:
            qs = qs.filter(year=filters.year)
        if filters.peer_group:
            qs = qs.filter(peer_group=filters.peer_group)
        if filters.peer_value:
            qs = qs.filter(peer_value=filters.peer_value)
    return qs.order_by("-created_at", "-pk")


def run_get(*, viewer: User | AnonymousUser, pk: int) -> BenchmarkRun | None:
    return (
        runs.queryset(viewer)
        .select_related("framework", "created_by", "organisation")
        .filter(pk=pk)
        .first()
    )


def latest_run(
    *, viewer: User | AnonymousUser, filters: RunFilters, official: bool = False
) -> BenchmarkRun | None:
    """The newest finished run matching the filters that `viewer` may see; with `official`, the
    newest official one (the public default, which no member's run can replace). Uncertainty
    runs win over nominal ones of the same choice only by being newer."""
    qs = BenchmarkRun.objects.select_related("framework", "organisation").filter(
        status=RunStatus.DONE, pk__in=run_list(viewer=viewer, filters=filters).values("pk")
    )
    if official:
        qs = qs.filter(is_official=True)
    return qs.order_by("-created_at", "-pk").first()


def public_run(*, filters: RunFilters) -> BenchmarkRun | None:
    """The public default for a choice: the latest official run, the same for everyone."""
    return latest_run(viewer=AnonymousUser(), filters=filters, official=True)


def official_run() -> BenchmarkRun | None:
    """The official run: the one run that the city profiles, the dashboard's default view and
    the mentor lists (matching, community) all show. It is the newest published Smart City
    Profile run with the framework's own settings — of the latest year, preferring the broadest
    peer group ("all cities with data") so that the scores compare across Europe."""
    done = BenchmarkRun.objects.select_related("framework", "organisation").filter(
        framework__code=FRAMEWORK_CODE, status=RunStatus.DONE, step_changes={}, is_official=True
    )
    return (
        done.filter(peer_group=PeerGroup.ALL).order_by("-year", "-created_at", "-pk").first()
        or done.order_by("-year", "-created_at", "-pk").first()
    )


def run_years(*, viewer: User | AnonymousUser, framework: Framework | None) -> list[int]:
    qs = runs.queryset(viewer).filter(status=RunStatus.DONE)
    if framework is not None:
        qs = qs.filter(framework=framework)
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def interval_run(*, run: BenchmarkRun) -> BenchmarkRun | None:
    """The run whose Monte Carlo rank intervals go with `run`: itself when it has them, else the
    newest finished Monte Carlo run of the same choice on the same data (same data hash) — for an
    official run only an official one (a member's run never changes what the public sees), for
    a private run one of the same audience or an official one."""
    if run.uncertainty_runs and run.status == RunStatus.DONE:
        return run
    if not run.data_hash or run.peer_group == PeerGroup.CUSTOM:
        return None
    audience = Q(is_official=True)
    if not run.is_official:
        if run.organisation_id is not None:
            audience |= Q(organisation_id=run.organisation_id)
        elif run.created_by_id is not None:
            audience |= Q(created_by_id=run.created_by_id, organisation=None)
        else:
            audience |= Q(created_by=None, organisation=None)
    return (
        BenchmarkRun.objects.filter(audience)
        .filter(
            framework=run.framework_id,
            year=run.year,
            window=run.window,
            peer_group=run.peer_group,
            peer_value=run.peer_value,
            step_changes=run.step_changes,
            data_hash=run.data_hash,
            status=RunStatus.DONE,
            uncertainty_runs__gt=0,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


@dataclass
class RunInput:
    data: pd.DataFrame  # one row per city (column "city" = slug), one column per data column
    inputs: dict[str, dict[str, list[Any]]]  # slug → data column → [value, year, flags]
    cities: dict[str, int]  # slug → city id


def peer_queryset(run: BenchmarkRun) -> QuerySet[City]:
    """The cities of the run's peer group (before any data is looked at)."""
    qs = City.objects.all()
    if run.peer_group == PeerGroup.BSR:
        qs = qs.filter(is_bsr=True)
    elif run.peer_group == PeerGroup.COUNTRY:
        qs = qs.filter(country=run.peer_value.upper())
    elif run.peer_group == PeerGroup.SIZE:
        qs = qs.filter(size_class=run.peer_value)
    elif run.peer_group == PeerGroup.CUSTOM:
        qs = qs.filter(pk__in=run.peer_cities.values("pk"))
    return qs


def run_input(run: BenchmarkRun, *, city_ids: list[int] | None = None) -> RunInput:
    """The city × data column table of the run's peer group: per city and indicator the latest
    value in (year − window, year], with the year used and the flags kept for the reports."""
    columns = indicator_selectors.framework_inputs(framework=run.framework)
    ids = (
        city_ids if city_ids is not None else list(peer_queryset(run).values_list("pk", flat=True))
    )
    values = indicator_selectors.latest_values(
        indicator_codes=sorted(set(columns.values())),
        city_ids=ids,
        year=run.year,
        window=run.window,
    )
    slugs = dict(
        City.objects.filter(pk__in=set(values["city_id"]) if not values.empty else []).values_list(
            "pk", "slug"
        )
    )
    inputs: dict[str, dict[str, list[Any]]] = {}
    table: dict[str, dict[str, float]] = {}
    by_indicator: dict[str, list[str]] = {}
    for col, code in columns.items():
        by_indicator.setdefault(code, []).append(col)
    for city_id, code, year, value, flags in values.itertuples(index=False, name=None):
        slug = slugs[city_id]
        for col in by_indicator[code]:
            inputs.setdefault(slug, {})[col] = [float(value), int(year), flags]
            table.setdefault(slug, {})[col] = float(value)
    df = pd.DataFrame.from_dict(table, orient="index", columns=list(columns)).astype("float64")
    df.index.name = "city"
    df = df.sort_index().reset_index()
    return RunInput(data=df, inputs=inputs, cities={s: pk for pk, s in slugs.items()})


def peer_cities(refs: list[str]) -> tuple[list[City], str | None]:
    """The cities named by Eurostat code, slug or id, and the first reference that names none."""
    cities: list[City] = []
    for ref in refs:
        city = city_get(ref=ref)
        if city is None:
            return cities, ref
        cities.append(city)
    return cities, None


@dataclass(frozen=True)
class DashboardChoice:
    """What the dashboard was asked to show (its query string): one run by id (`run`, which
    wins), or the newest run of a choice."""

    run: int | None = None
    framework: str = ""
    year: int | None = None
    peer_group: str = ""
    peer_value: str = ""


def dashboard_run(
    *, viewer: User | AnonymousUser, choice: DashboardChoice
) -> tuple[BenchmarkRun | None, RunFilters]:
    """The run the dashboard shows and the choice it stands for; LookupError when a run id names
    no run the viewer may see. Without a run id: the latest official run of the choice (the
    public default, which a member's run cannot replace); without a choice: the official run
    (`official_run`), else the newest Smart City Profile run for the Baltic Sea Region."""
    if choice.run is not None:
        run = run_get(viewer=viewer, pk=choice.run)
        if run is None:
            raise LookupError(choice.run)
        return run, RunFilters(run.framework.code, run.year, run.peer_group, run.peer_value)
    peer_value = choice.peer_value.strip()
    if choice.peer_group == PeerGroup.COUNTRY:
        peer_value = peer_value.upper()
    elif choice.peer_group != PeerGroup.SIZE:
        peer_value = ""
    filters = RunFilters(
        framework=choice.framework or FRAMEWORK_CODE,
        year=choice.year,
        peer_group=choice.peer_group,
        peer_value=peer_value,
    )
    if filters.framework == FRAMEWORK_CODE and not choice.year and not choice.peer_group:
        official = official_run()  # the same run as the city profiles and mentor lists
        if official is not None:
            return official, RunFilters(
                official.framework.code, official.year, official.peer_group, official.peer_value
            )
    run = _default_run(viewer=viewer, filters=filters)
    if run is None and not choice.peer_group and not choice.year:
        run = _default_run(
            viewer=viewer,
            filters=RunFilters(framework=filters.framework, peer_group=PeerGroup.BSR),
        )
    return run, filters


def _default_run(*, viewer: User | AnonymousUser, filters: RunFilters) -> BenchmarkRun | None:
    """The official run of a choice; only when there is none, the newest run the viewer may see
    (their own or their organisation's — anonymous visitors see official runs only)."""
    return public_run(filters=filters) or latest_run(viewer=viewer, filters=filters)


def cities_of(user: User | AnonymousUser) -> QuerySet[City]:
    """The cities whose administration `user` belongs to (the dashboard shows theirs first)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return City.objects.none()
    return City.objects.filter(administration__memberships__user=user)
