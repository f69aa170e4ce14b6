"""Writes for benchmark runs: assemble the city × indicator table, call the pure engine, store.

Year rule: for each city and indicator the latest observation in (year − window, year] is used
(default window 5 years), so a 2019 run takes the 2019 survey wave, the 2018 panel value, etc.;
the year actually used is kept with every input value (run.reports["inputs"]).

Nominal runs are built inline, inside the request's transaction (a refused build saves nothing).
Runs with Monte Carlo (`uncertainty_runs` > 0) are saved as queued and built by a django-tasks task
scheduled on commit, reporting progress as they go.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from urbanforum import __version__
from urbanforum.accounts.models import Organisation, User
from urbanforum.benchmark import selectors
from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore, PeerGroup, RunStatus
from urbanforum.benchmark.schemas import RunRequest
from urbanforum.benchmark.selectors import RunInput, run_input
from urbanforum.cities.models import City, SizeClass
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.policies import forget
from urbanforum.core.services import field_error
from urbanforum.engines.benchmark import EngineError, IndexResult, build, change_steps, uncertainty
from urbanforum.engines.benchmark import Framework as EngineFramework
from urbanforum.engines.benchmark.coverage import CoverageReport, coverage
from urbanforum.engines.benchmark.framework import step_to_dict
from urbanforum.indicators import frameworks
from urbanforum.indicators import selectors as indicator_selectors
from urbanforum.indicators.models import Framework

MAX_UNCERTAINTY_RUNS = 5000
UNCERTAINTY_BATCHES = 10


# Progress labels are stored in English (a run is built in the background, for whoever looks) and
# shown in the reader's language by the `progress_text` filter (benchmark/templatetags).
MONTE_CARLO = gettext_noop("Monte Carlo: %(done)s of %(total)s runs")


def coverage_record(report: CoverageReport) -> dict[str, Any]:
    """The coverage rule's report as stored with a run (reports["coverage"])."""
    return {
        "min_share": report.min_share,
        "min_units": report.min_units,
        "needed": report.needed,
        "indicators": [
            {"code": r.code, "with_data": r.with_data, "units": r.units, "reason": r.reason}
            for r in report.indicators
        ],
        "left_out": [[code, reason] for code, reason in report.left_out],
    }


def engine_framework(run: BenchmarkRun, data: pd.DataFrame | None = None) -> EngineFramework:
    """The run's framework for the engine (through indicators' one conversion), without the
    nodes the coverage rule leaves out for the peer group's data (engines.benchmark.coverage:
    too few cities have them, or their values do not differ), with the run's step changes."""
    definition = frameworks.definition(run.framework)
    dropped: list[str] = []
    try:
        if data is not None:
            full = frameworks.to_engine(definition)
            report = coverage(full, data)
            run.reports["coverage"] = coverage_record(report)
            dropped = list(report.left_out_codes)
            if full.tree.root in dropped:
                raise field_error(
                    "peer_group",
                    _("No indicator has data for enough cities of this peer group in %(year)s.")
                    % {"year": run.year},
                )
        run.reports["dropped"] = dropped
        fw = frameworks.to_engine(definition, without=dropped)
        if run.step_changes:
            fw = fw.with_steps(change_steps(fw.steps, run.step_changes))
    except EngineError as exc:
        raise field_error("step_changes", str(exc)) from exc
    return fw


def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else float(x)


def _store(
    run: BenchmarkRun,
    result: IndexResult,
    data: RunInput,
    root_intervals: dict[str, tuple[float, float, float]] | None,
) -> None:
    tree = result.framework.tree
    aggregates = set(tree.aggregates)
    rows: list[BenchmarkScore] = []
    for slug in result.scores.index:
        for node in result.scores.columns:
            score = _num(result.scores.at[slug, node])
            rank = _num(result.ranks.at[slug, node])
            interval = root_intervals.get(slug) if (root_intervals and node == tree.root) else None
            rows.append(
                BenchmarkScore(
                    run=run,
                    city_id=data.cities[slug],
                    node=node,
                    is_aggregate=node in aggregates,
                    score=score,
                    rank=None if rank is None else int(rank),
                    rank_median=interval[1] if interval else None,
                    rank_p05=interval[0] if interval else None,
                    rank_p95=interval[2] if interval else None,
                )
            )
    BenchmarkScore.objects.filter(run=run).delete()
    BenchmarkScore.objects.bulk_create(rows, batch_size=2000)
    contributions: dict[str, dict[str, list[list[Any]]]] = {}
    for slug in result.scores.index:
        for node in tree.aggregates:
            if _num(result.scores.at[slug, node]) is None:
                continue
            c = result.contributions(slug, node)
            contributions.setdefault(slug, {})[node] = [
                [r.child, _num(r.score), _num(r.weight_share), _num(r.contribution)]
                for r in c.itertuples()
            ]
    treatment = result.treatment_report
    run.record = {
        "framework": result.record.framework,
        "data_hash": result.record.data_hash,
        "version": result.record.version,
        "log": [
            {
                "index": s.index,
                "step": s.step,
                "params": step_to_dict(s.params),
                "summary": s.summary,
            }
            for s in result.log
        ],
    }
    run.reports = {
        "inputs": {s: v for s, v in data.inputs.items()},
        "screened_out": list(result.screened_out),
        "treatment": [] if treatment is None else _records(treatment.summary),
        "imputed": _records(result.imputed_cells),
        "contributions": contributions,
        "units": len(result.scores.index),
        "dropped": run.reports.get("dropped", []),
        "coverage": run.reports.get("coverage", {}),
    }
    run.data_hash = result.record.data_hash
    run.package_version = result.record.version or __version__


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict(orient="records"):
        out.append(
            {
                str(k): (
                    _num(v)
                    if isinstance(v, float | np.floating)
                    else (v.item() if hasattr(v, "item") else v)
                )
                for k, v in rec.items()
            }
        )
    return out


def _build(run: BenchmarkRun) -> tuple[IndexResult, RunInput]:
    data = run_input(run)
    if len(data.data) < 3:
        raise field_error(
            "peer_group",
            _(
                "Only %(data)s cities of this peer group have data for %(year)s; at least 3 are needed."
            )
            % {"data": len(data.data), "year": run.year},
        )
    fw = engine_framework(run, data.data)
    try:
        result = build(fw, data.data)
    except EngineError as exc:
        raise field_error("framework", str(exc)) from exc
    return result, data


def _validate(
    *,
    framework: Framework,
    year: int,
    window: int,
    peer_group: str,
    peer_value: str,
    peer_cities: list[City],
    uncertainty_runs: int,
) -> None:
    if not 1990 <= year <= 2100:
        raise field_error("year", _("Choose a year between 1990 and 2100."))
    if not 1 <= window <= 20:
        raise field_error("window", _("The window is 1 to 20 years."))
    if peer_group not in PeerGroup.values:
        raise field_error(
            "peer_group", _("Unknown peer group '%(peer_group)s'.") % {"peer_group": peer_group}
        )
    if (
        peer_group == PeerGroup.COUNTRY
        and not City.objects.filter(country=peer_value.upper()).exists()
    ):
        raise field_error("peer_value", _("Choose a country with cities in the registry."))
    if peer_group == PeerGroup.SIZE and peer_value not in SizeClass.values:
        raise field_error(
            "peer_value",
            _("Choose a size class (%(values)s).") % {"values": ", ".join(SizeClass.values)},
        )
    if peer_group == PeerGroup.CUSTOM and len(peer_cities) < 3:
        raise field_error("peer_cities", _("Choose at least 3 cities."))
    if not 0 <= uncertainty_runs <= MAX_UNCERTAINTY_RUNS:
        raise field_error(
            "uncertainty_runs",
            _("Between 0 and %(max)s runs.") % {"max": MAX_UNCERTAINTY_RUNS},
        )
    if 0 < uncertainty_runs < 20:
        raise field_error("uncertainty_runs", _("At least 20 Monte Carlo runs (or 0 for none)."))
    if uncertainty_runs and not framework.uncertainty:
        raise field_error(
            "uncertainty_runs", _("This framework declares no uncertainty assumptions.")
        )


@transaction.atomic
def run_request(*, actor: User, request: RunRequest) -> BenchmarkRun:
    """Run the benchmark as asked through the form or the API: find the framework, the peer
    cities and the run re-run (naming the field when one does not exist), then `run_create`."""
    require(actor, "benchmark.add_run")
    framework = indicator_selectors.framework_get(code=request.framework)
    if framework is None:
        raise field_error(
            "framework", _("Unknown framework '%(framework)s'.") % {"framework": request.framework}
        )
    cities, unknown = selectors.peer_cities(request.peer_cities)
    if unknown is not None:
        raise field_error("peer_cities", _("Unknown city '%(ref)s'.") % {"ref": unknown})
    rerun_of = selectors.run_get(viewer=actor, pk=request.rerun_of) if request.rerun_of else None
    if request.rerun_of and rerun_of is None:  # none, or one the actor may not see
        raise field_error("rerun_of", _("Unknown run %(pk)s.") % {"pk": request.rerun_of})
    return run_create(
        actor=actor,
        framework=framework,
        year=request.year,
        window=request.window,
        peer_group=request.peer_group,
        peer_value=request.peer_value,
        peer_cities=cities,
        step_changes=request.step_changes,
        uncertainty_runs=request.uncertainty_runs,
        seed=request.seed,
        rerun_of=rerun_of,
    )


@transaction.atomic
def run_create(
    *,
    actor: User | None,
    framework: Framework,
    year: int,
    peer_group: str,
    peer_value: str = "",
    peer_cities: list[City] | None = None,
    window: int = 5,
    step_changes: dict[str, Any] | None = None,
    uncertainty_runs: int = 0,
    seed: int = 1,
    rerun_of: BenchmarkRun | None = None,
) -> BenchmarkRun:
    """Create a run. Nominal: built now (EngineError → ValidationError, nothing saved).
    With Monte Carlo: queued and built in the background once the transaction commits.
    `actor=None` is the system (demo)."""
    if actor is not None:
        require(actor, "benchmark.add_run")
        if uncertainty_runs:
            require(actor, "benchmark.add_uncertainty_run")
    peer_cities = peer_cities or []
    peer_value = (
        peer_value.strip().upper() if peer_group == PeerGroup.COUNTRY else peer_value.strip()
    )
    if peer_group not in (PeerGroup.COUNTRY, PeerGroup.SIZE):
        peer_value = ""
    _validate(
        framework=framework,
        year=year,
        window=window,
        peer_group=peer_group,
        peer_value=peer_value,
        peer_cities=peer_cities,
        uncertainty_runs=uncertainty_runs,
    )
    run = BenchmarkRun.objects.create(
        organisation=_organisation_of(actor),
        framework=framework,
        year=year,
        window=window,
        peer_group=peer_group,
        peer_value=peer_value,
        step_changes=step_changes or {},
        uncertainty_runs=uncertainty_runs,
        seed=seed,
        rerun_of=rerun_of,
        created_by=actor,
        status=RunStatus.QUEUED,
        progress_label=gettext_noop("Queued"),
    )
    if peer_cities:
        run.peer_cities.set(peer_cities)
    engine_framework(run)  # refuse bad step changes now, naming the step
    if uncertainty_runs:
        from urbanforum.benchmark.tasks import execute_run

        transaction.on_commit(lambda: execute_run.enqueue(run.pk))
    else:
        result, data = _build(run)
        _store(run, result, data, None)
        run.status, run.progress, run.progress_label, run.finished_at = (
            RunStatus.DONE,
            100,
            gettext_noop("Done"),
            timezone.now(),
        )
        run.save()
    audit.record(
        actor=actor,
        action="benchmark.run_create",
        target=run,
        changes={"year": year, "peer_group": peer_group, "uncertainty_runs": uncertainty_runs},
    )
    emit(
        DomainEvent(
            "benchmark.run_created", actor_id=getattr(actor, "pk", None), payload={"run": run.pk}
        )
    )
    return run


def _organisation_of(actor: User | None) -> Organisation | None:
    """The organisation a member's run is private to: their earliest membership (a run of the
    system has none)."""
    if actor is None:
        return None
    membership = (
        actor.memberships.select_related("organisation").order_by("created_at", "pk").first()
    )
    return membership.organisation if membership is not None else None


@transaction.atomic
def run_publish(*, actor: User | None, run: BenchmarkRun, official: bool = True) -> BenchmarkRun:
    """Publish `run` as official (or withdraw it): only coordinators (`actor=None` is the system,
    for `urbanforum demo`). Only a finished run can be published. The latest official run of a
    choice becomes the public default at once; a withdrawn one stops being public."""
    if actor is not None:
        require(actor, "benchmark.publish_run", run)
    run = BenchmarkRun.objects.select_for_update().get(pk=run.pk)
    if official and run.status != RunStatus.DONE:
        raise field_error("official", _("Only a finished run can be published."))
    if run.is_official == official:
        return run
    run.is_official = official
    run.published_at = timezone.now() if official else None
    run.published_by = actor if official else None
    run.save(update_fields=["is_official", "published_at", "published_by"])
    forget(run)
    audit.record(
        actor=actor,
        action="benchmark.run_publish" if official else "benchmark.run_withdraw",
        target=run,
        changes={"is_official": [not official, official]},
    )
    emit(
        DomainEvent(
            "benchmark.run_published" if official else "benchmark.run_withdrawn",
            actor_id=getattr(actor, "pk", None),
            payload={"run": run.pk},
        )
    )
    return run


def _progress(run: BenchmarkRun, percent: int, label: str) -> None:
    BenchmarkRun.objects.filter(pk=run.pk).update(progress=percent, progress_label=label)


def run_execute(*, run_id: int) -> BenchmarkRun:
    """Build a queued run with its Monte Carlo (the background task). Progress is written
    between the stages and after each of the 10 batches of runs, each in its own statement so a
    polling page sees it. A failure is stored on the run (status failed, the message)."""
    from django.core.exceptions import ValidationError

    run = BenchmarkRun.objects.select_related("framework").get(pk=run_id)
    if run.is_finished:
        return run
    BenchmarkRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, progress=5, progress_label=gettext_noop("Reading the data")
    )
    try:
        result, data = _build(run)
        _progress(run, 15, gettext_noop("Nominal index built"))
        fw = result.framework
        n = run.uncertainty_runs
        per_batch = max(2, math.ceil(n / UNCERTAINTY_BATCHES))
        root_ranks: list[pd.DataFrame] = []
        done = 0
        batch = 0
        while done < n:
            size = min(per_batch, n - done)
            size = max(size, 2)
            unc = uncertainty(fw, data.data, runs=size, seed=run.seed * 1000 + batch)
            root_ranks.append(unc.root_ranks)
            done += size
            batch += 1
            _progress(run, 15 + int(80 * done / n), MONTE_CARLO % {"done": done, "total": n})
        ranks = pd.concat(root_ranks, ignore_index=True)
        q = np.percentile(ranks.to_numpy(dtype=float), [5, 50, 95], axis=0)
        intervals = {
            str(u): (float(q[0, i]), float(q[1, i]), float(q[2, i]))
            for i, u in enumerate(ranks.columns)
        }
        with transaction.atomic():
            _store(run, result, data, intervals)
            run.reports["uncertainty"] = {
                "runs": done,
                "batches": batch,
                "seed": run.seed,
                "assumptions": run.framework.uncertainty,
            }
            run.status, run.progress, run.progress_label, run.finished_at = (
                RunStatus.DONE,
                100,
                gettext_noop("Done"),
                timezone.now(),
            )
            run.save()
    except (EngineError, ValidationError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        BenchmarkRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=message,
            progress_label=gettext_noop("Failed"),
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run
