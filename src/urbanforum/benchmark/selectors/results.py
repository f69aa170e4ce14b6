"""Reads of a run's results: rankings, a city's profile, "why this score", distributions, map
points, CSV — one place for the dashboard and the API. Also `latest_characteristic_scores`, the
hook other apps (matching, community) use."""

from __future__ import annotations

import csv
import io
import statistics
from typing import Any, TypedDict

import pandas as pd
from django.urls import reverse

from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore
from urbanforum.benchmark.selectors.runs import interval_run, official_run
from urbanforum.cities.models import City
from urbanforum.core.text import translated
from urbanforum.indicators.models import FrameworkNode
from urbanforum.indicators.smart_city import CHARACTERISTICS


class ProfileRow(TypedDict):
    node: str
    name: str
    score: float | None
    median: float | None


class NodeRank(TypedDict):
    node: str
    name: str
    rank: int | None
    score: float | None


class Contribution(TypedDict):
    child: str
    name: str
    score: float | None
    weight_share: float | None
    contribution: float | None
    is_indicator: bool


class DistributionRow(TypedDict):
    slug: str
    city: str
    value: float
    year: int
    flags: str


class MapPoint(TypedDict):
    name: str
    lat: float | None
    lon: float | None
    population: int | None
    value: float | None
    url: str


def node_names(run: BenchmarkRun) -> dict[str, FrameworkNode]:
    return {n.code: n for n in run.framework.nodes.select_related("indicator", "parent")}


def root_code(run: BenchmarkRun) -> str:
    node = run.framework.nodes.filter(parent=None).first()
    return node.code if node else "index"


def children_of(run: BenchmarkRun, node: str) -> list[str]:
    return list(
        run.framework.nodes.filter(parent__code=node)
        .order_by("position")
        .values_list("code", flat=True)
    )


def ranking(*, run: BenchmarkRun) -> list[dict[str, Any]]:
    """Cities by rank on the root, with their rank interval (from `interval_run`) and
    characteristic scores."""
    root = root_code(run)
    kids = children_of(run, root)
    scores = BenchmarkScore.objects.filter(run=run, node__in=[root, *kids]).select_related("city")
    source = interval_run(run=run)
    intervals: dict[int, tuple[float | None, float | None, float | None]] = {}
    if source is not None:
        rows_ = BenchmarkScore.objects.filter(run=source, node=root).values_list(
            "city_id", "rank_p05", "rank_median", "rank_p95"
        )
        intervals = {city: (lo, mid, hi) for city, lo, mid, hi in rows_}
    rows: dict[int, dict[str, Any]] = {}
    for s in scores:
        row = rows.setdefault(s.city_id, {"city": s.city, "children": {}})
        if s.node == root:
            lo, mid, hi = intervals.get(s.city_id, (None, None, None))
            row.update(score=s.score, rank=s.rank, rank_p05=lo, rank_p95=hi, rank_median=mid)
        else:
            row["children"][s.node] = s.score
    n = len(rows)
    out = [r for r in rows.values() if r.get("score") is not None]
    out.sort(key=lambda r: (r["rank"] or 10**9, r["city"].name))
    for r in out:
        r["n"] = n
        r["child_scores"] = [r["children"].get(k) for k in kids]
        if r.get("rank_p05") is not None and n > 1:
            # bar positions as percent of the track, rank 1 on the left
            r["lo_pct"] = round(100 * (r["rank_p05"] - 1) / (n - 1), 1)
            r["hi_pct"] = round(100 * (r["rank_p95"] - 1) / (n - 1), 1)
            r["pt_pct"] = round(100 * (r["rank"] - 1) / (n - 1), 1)
    return out


def scored_count(*, run: BenchmarkRun, node: str) -> int:
    """How many cities have a score on `node` in the run."""
    return BenchmarkScore.objects.filter(run=run, node=node).exclude(score=None).count()


def city_scores(*, run: BenchmarkRun, city: City) -> dict[str, BenchmarkScore]:
    return {s.node: s for s in BenchmarkScore.objects.filter(run=run, city=city)}


def profile(*, run: BenchmarkRun, city: City) -> list[ProfileRow]:
    """The root's children: the city's score against the peer median."""
    root = root_code(run)
    kids = children_of(run, root)
    names = node_names(run)
    values: dict[str, list[float]] = {k: [] for k in kids}
    mine: dict[str, float | None] = {}
    for s in BenchmarkScore.objects.filter(run=run, node__in=kids).values(
        "node", "score", "city_id"
    ):
        if s["score"] is not None:
            values[s["node"]].append(s["score"])
        if s["city_id"] == city.pk:
            mine[s["node"]] = s["score"]
    return [
        {
            "node": k,
            "name": translated(names[k].name) if k in names else k,
            "score": mine.get(k),
            "median": statistics.median(values[k]) if values[k] else None,
        }
        for k in kids
    ]


def strengths_weaknesses(
    *, run: BenchmarkRun, city: City, top: int = 3
) -> tuple[list[NodeRank], list[NodeRank]]:
    """The city's indicators with the best and the worst rank among the peers."""
    names = node_names(run)
    rows: list[NodeRank] = [
        {
            "node": s.node,
            "name": translated(names[s.node].name) if s.node in names else s.node,
            "rank": s.rank,
            "score": s.score,
        }
        for s in BenchmarkScore.objects.filter(run=run, city=city, is_aggregate=False).exclude(
            rank=None
        )
    ]
    rows.sort(key=lambda r: (r["rank"] or 0, r["node"]))
    best = rows[:top]
    worst = [r for r in reversed(rows) if r not in best][:top]
    return best, worst


def contributions(*, run: BenchmarkRun, city: City, node: str) -> list[Contribution]:
    """Why this score: each child's score, weight share and contribution (they sum to the score)."""
    names = node_names(run)
    raw = run.reports.get("contributions", {}).get(city.slug, {}).get(node, [])
    return [
        {
            "child": c,
            "name": translated(names[c].name) if c in names else c,
            "score": score,
            "weight_share": share,
            "contribution": contrib,
            "is_indicator": bool(c in names and names[c].indicator_id),
        }
        for c, score, share, contrib in raw
    ]


def distribution(*, run: BenchmarkRun, node: str) -> list[DistributionRow]:
    """An indicator's raw input values across the peer group (value, year used, flags)."""
    inputs = run.reports.get("inputs", {})
    scored = set(
        BenchmarkScore.objects.filter(run=run, node=node)
        .exclude(score=None)
        .values_list("city__slug", flat=True)
    )
    names = dict(City.objects.filter(slug__in=list(inputs)).values_list("slug", "name"))
    out: list[DistributionRow] = []
    for slug, cols in inputs.items():
        if node in cols and slug in scored:
            value, year, flags = cols[node]
            out.append(
                {
                    "slug": slug,
                    "city": names.get(slug, slug),
                    "value": value,
                    "year": year,
                    "flags": flags,
                }
            )
    out.sort(key=lambda r: r["value"])
    return out


def map_points(*, run: BenchmarkRun, node: str) -> list[MapPoint]:
    scores = BenchmarkScore.objects.filter(run=run, node=node).select_related("city")
    return [
        {
            "name": s.city.name,
            "lat": s.city.latitude,
            "lon": s.city.longitude,
            "population": s.city.population,
            "value": None if s.score is None else round(s.score, 1),
            "url": reverse("benchmark:dashboard") + f"?run={run.pk}&city={s.city.slug}",
        }
        for s in scores
        if s.city.latitude is not None
    ]


def run_csv(*, run: BenchmarkRun) -> str:
    """Everything the dashboard shows, one row per city and node: score, rank, rank interval,
    and for indicators the raw value with its year and flags."""
    names = node_names(run)
    inputs = run.reports.get("inputs", {})
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
            "run",
            "framework",
            "year",
            "peer_group",
            "city",
            "eurostat_code",
            "node",
            "node_name",
            "level",
            "score",
            "rank",
            "rank_p05",
            "rank_median",
            "rank_p95",
            "raw_value",
            "raw_year",
            "flags",
        ]
    )
    for s in (
        BenchmarkScore.objects.filter(run=run)
        .select_related("city")
        .order_by("city__name", "-is_aggregate", "node")
    ):
        raw = inputs.get(s.city.slug, {}).get(s.node) if not s.is_aggregate else None
        w.writerow(
            [
                run.pk,
                run.framework.code,
                run.year,
                run.get_peer_group_display(),
                s.city.name,
                s.city.eurostat_code or "",
                s.node,
                translated(names[s.node].name) if s.node in names else s.node,
                "aggregate" if s.is_aggregate else "indicator",
                "" if s.score is None else f"{s.score:.4f}",
                "" if s.rank is None else s.rank,
                _fmt(s.rank_p05),
                _fmt(s.rank_median),
                _fmt(s.rank_p95),
                "" if raw is None else raw[0],
                "" if raw is None else raw[1],
                "" if raw is None else raw[2],
            ]
        )
    return buf.getvalue()


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def latest_characteristic_scores() -> pd.DataFrame:
    """The characteristic scores of the official run (`runs.official_run`, never a member's
    private run): index = city id, columns = economy, people, governance, mobility, environment,
    living; values 0–100 (NaN where the city lacks that characteristic). Empty DataFrame when no
    run has been published. `attrs` name the run (run_id, run, run_url) for the pages that use
    the scores (mentor cities, mentor proposals)."""
    empty = pd.DataFrame(columns=CHARACTERISTICS, dtype="float64")
    empty.index.name = "city_id"
    run = official_run()
    if run is None:
        return empty
    rows = BenchmarkScore.objects.filter(run=run, node__in=CHARACTERISTICS).values_list(
        "city_id", "node", "score"
    )
    df = pd.DataFrame(list(rows), columns=["city_id", "node", "score"])
    if df.empty:
        return empty
    table = (
        df.pivot(index="city_id", columns="node", values="score")
        .reindex(columns=CHARACTERISTICS)
        .astype("float64")
    )
    table.columns.name = None
    table.attrs.update(run_source(run))
    return table


def run_source(run: BenchmarkRun) -> dict[str, Any]:
    """How a page names the run its numbers come from: id, label and the run's page."""
    return {
        "run_id": run.pk,
        "run": str(run),
        "run_url": reverse("benchmark:run_detail", args=[run.pk]),
    }
