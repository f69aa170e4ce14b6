"""Benchmark runs: every finished run the public sees (benchmark.policies through the benchmark
selectors) — the framework, the scores and ranks per city and node, and the rank intervals of the
run's uncertainty analysis (its own, or that of the Monte Carlo run of the same choice on the same
data, as the dashboard shows them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urbanforum.benchmark import selectors as benchmark_selectors
from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore, RunStatus
from urbanforum.indicators import selectors as indicator_selectors
from urbanforum.opendata.sources import ANONYMOUS, Extent, year_end, year_start
from urbanforum.opendata.tables import INTEGER, NUMBER, STRING, Column, Table

SCORE_COLUMNS = [
    Column("run", INTEGER, _("The benchmark run's number.")),
    Column("framework", STRING, _("The code of the framework (composite index).")),
    Column("year", INTEGER, _("The run's reference year.")),
    Column("peer_group", STRING, _("The peer group the cities are ranked in.")),
    Column("city", STRING, _("The city's identifier (slug in the city registry dataset).")),
    Column("city_name", STRING, _("The city's name.")),
    Column("eurostat_code", STRING, _("Eurostat Urban Audit city code.")),
    Column("node", STRING, _("The code of the index, characteristic, factor or indicator.")),
    Column("node_name", STRING, _("Its name.")),
    Column("level", STRING, _("aggregate (index, characteristic, factor) or indicator.")),
    Column("parent", STRING, _("The code of the node it belongs to (empty for the index).")),
    Column("score", NUMBER, _("The score, 0–100 (the indicator's normalised value).")),
    Column("rank", INTEGER, _("The city's rank in the peer group on this node (1 = best).")),
    Column("rank_p05", NUMBER, _("Rank interval: 5th percentile over the Monte Carlo runs.")),
    Column("rank_median", NUMBER, _("Rank interval: median over the Monte Carlo runs.")),
    Column("rank_p95", NUMBER, _("Rank interval: 95th percentile over the Monte Carlo runs.")),
]


def public_runs() -> QuerySet[BenchmarkRun]:
    """The finished runs the benchmark selectors show an anonymous visitor, oldest first."""
    return (
        benchmark_selectors.run_list(viewer=ANONYMOUS)
        .filter(status=RunStatus.DONE)
        .order_by("created_at", "pk")
    )


@dataclass
class RunData:
    run: BenchmarkRun
    interval_run: BenchmarkRun | None
    table: Table
    document: dict[str, Any]
    extent: Extent


def run_data(run: BenchmarkRun) -> RunData:
    names = benchmark_selectors.node_names(run)
    intervals_from = benchmark_selectors.interval_run(run=run)
    intervals: dict[tuple[int, str], BenchmarkScore] = {}
    if intervals_from is not None:
        intervals = {
            (s.city_id, s.node): s for s in BenchmarkScore.objects.filter(run=intervals_from)
        }
    extent = Extent(
        issued=run.created_at,
        modified=run.finished_at or run.created_at,
        start=year_start(run.year - run.window + 1),
        end=year_end(run.year),
    )
    table = Table(SCORE_COLUMNS)
    peer = run.get_peer_group_display() + (f" {run.peer_value}" if run.peer_value else "")
    scores = (
        BenchmarkScore.objects.filter(run=run)
        .select_related("city")
        .order_by("city__slug", "-is_aggregate", "node")
    )
    for s in scores:
        extent.rows += 1
        extent.countries.add(s.city.country)
        node = names.get(s.node)
        interval = intervals.get((s.city_id, s.node))
        table.rows.append(
            {
                "run": run.pk,
                "framework": run.framework.code,
                "year": run.year,
                "peer_group": str(peer),
                "city": s.city.slug,
                "city_name": s.city.name,
                "eurostat_code": s.city.eurostat_code or "",
                "node": s.node,
                "node_name": node.name if node else s.node,
                "level": "aggregate" if s.is_aggregate else "indicator",
                "parent": node.parent.code if node and node.parent else "",
                "score": None if s.score is None else round(s.score, 4),
                "rank": s.rank,
                "rank_p05": interval.rank_p05 if interval else None,
                "rank_median": interval.rank_median if interval else None,
                "rank_p95": interval.rank_p95 if interval else None,
            }
        )
    document = {
        "run": {
            "id": run.pk,
            "year": run.year,
            "window_years": run.window,
            "peer_group": run.peer_group,
            "peer_value": run.peer_value,
            "step_changes": run.step_changes,
            "monte_carlo_runs": run.uncertainty_runs,
            "rank_intervals_from_run": intervals_from.pk if intervals_from else None,
            "data_hash": run.data_hash,
            "package_version": run.package_version,
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        },
        "framework": indicator_selectors.framework_definition(framework=run.framework),
        "scores": table.rows,
    }
    return RunData(run, intervals_from, table, document, extent)
