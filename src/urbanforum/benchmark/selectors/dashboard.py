"""Reads of the dashboard page: the ranking of a run and one city's panel (its profile,
strengths and weaknesses, "why this score" and an indicator's distribution) — composed from the
result selectors so that the view only parses the request and renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore
from urbanforum.benchmark.selectors import results
from urbanforum.benchmark.selectors.runs import cities_of, interval_run
from urbanforum.cities.models import City
from urbanforum.core.text import translated
from urbanforum.indicators.models import FrameworkNode


@dataclass
class Ranking:
    """A finished run's ranking with the names of its nodes."""

    rows: list[dict[str, Any]]
    root: str
    names: dict[str, FrameworkNode]
    kids: list[tuple[str, str]]  # the root's children: (code, name)
    has_intervals: bool
    interval_run: BenchmarkRun | None
    map_points: list[results.MapPoint]
    peer_label: str

    def name(self, code: str) -> str:
        return translated(self.names[code].name) if code in self.names else code

    def includes(self, city: City | None) -> bool:
        return city is not None and any(r["city"].pk == city.pk for r in self.rows)


def ranking(*, run: BenchmarkRun) -> Ranking:
    rows = results.ranking(run=run)
    root = results.root_code(run)
    names = results.node_names(run)
    kids = results.children_of(run, root)
    return Ranking(
        rows=rows,
        root=root,
        names=names,
        kids=[(k, translated(names[k].name) if k in names else k) for k in kids],
        has_intervals=any(r.get("rank_p05") is not None for r in rows),
        interval_run=interval_run(run=run),
        map_points=results.map_points(run=run, node=root),
        peer_label=run.get_peer_group_display() + (f" {run.peer_value}" if run.peer_value else ""),
    )


def default_city(*, viewer: User | AnonymousUser, ranking: Ranking) -> City | None:
    """The city the dashboard opens on: the viewer's own city when it is ranked, else the
    first of the ranking."""
    ranked = {r["city"].pk for r in ranking.rows}
    for city in cities_of(viewer):
        if city.pk in ranked:
            return city
    return ranking.rows[0]["city"] if ranking.rows else None


@dataclass
class CityPanel:
    """One city in a run: what the dashboard shows below the ranking."""

    profile: list[results.ProfileRow]
    strengths: list[results.NodeRank]
    weaknesses: list[results.NodeRank]
    why: str  # the aggregate whose score is explained
    why_name: str
    why_score: float | None
    why_children: list[tuple[str, str]]  # aggregates among its children: (code, name)
    contributions: list[results.Contribution]
    node: str  # the indicator whose distribution is shown
    node_obj: FrameworkNode | None
    indicator_nodes: list[FrameworkNode]
    distribution: list[results.DistributionRow]
    unit: str
    city_scores: dict[str, BenchmarkScore] = field(default_factory=dict)


def city_panel(
    *, run: BenchmarkRun, ranking: Ranking, city: City, why: str = "", node: str = ""
) -> CityPanel:
    """The panel of `city`; `why` (an aggregate, default the root) and `node` (an indicator,
    default the city's weakest) fall back to the defaults when they name no such node."""
    names = ranking.names
    root = ranking.root
    best, worst = results.strengths_weaknesses(run=run, city=city)
    why = why or root
    if why not in names or names[why].indicator_id:
        why = root
    contribs = results.contributions(run=run, city=city, node=why)
    parents = {n.parent_id for n in names.values()}
    indicator_nodes = [n for n in names.values() if n.indicator_id and n.pk not in parents]
    node = node or (worst[0]["node"] if worst else "")
    if node not in names or not names[node].indicator_id:
        node = indicator_nodes[0].code if indicator_nodes else ""
    node_indicator = names[node].indicator if node else None
    own = results.city_scores(run=run, city=city)
    return CityPanel(
        profile=results.profile(run=run, city=city),
        strengths=best,
        weaknesses=worst,
        why=why,
        why_name=ranking.name(why),
        why_score=own[why].score if why in own else None,
        why_children=[
            (c["child"], c["name"])
            for c in contribs
            if c["child"] in names and not names[c["child"]].indicator_id
        ],
        contributions=contribs,
        node=node,
        node_obj=names.get(node),
        indicator_nodes=indicator_nodes,
        distribution=results.distribution(run=run, node=node) if node else [],
        unit=node_indicator.unit if node_indicator is not None else "",
        city_scores=own,
    )
