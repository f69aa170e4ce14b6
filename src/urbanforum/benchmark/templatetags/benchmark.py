"""Template helpers of the benchmark app, and the city-profile section (an inclusion tag calling
the selectors, so the cities app never imports benchmark)."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import gettext as _

from urbanforum.benchmark import charts, labels, policies, selectors
from urbanforum.benchmark.models import BenchmarkRun, BenchmarkScore
from urbanforum.cities.models import City
from urbanforum.core.text import translated

register = template.Library()

_MONTE_CARLO = re.compile(r"Monte Carlo: (\d+) of (\d+) runs")


@register.filter
def progress_text(label: str) -> str:
    """A run's progress label (stored in English by the background task) in the reader's
    language."""
    m = _MONTE_CARLO.fullmatch(label or "")
    if m:
        return _("Monte Carlo: %(done)s of %(total)s runs") % {"done": m[1], "total": m[2]}
    return translated(label)


@register.filter
def get_score(scores: dict[str, BenchmarkScore], node: str) -> float | None:
    s = scores.get(node)
    return s.score if s else None


@register.filter
def get_rank(scores: dict[str, BenchmarkScore], node: str) -> int | str:
    s = scores.get(node)
    return s.rank if s and s.rank is not None else "—"


@register.filter
def audience(run: BenchmarkRun) -> str:
    """Who sees the run: "Official — …" or "Private to …" (benchmark.policies)."""
    return policies.audience(run)


@register.filter
def step_title(step: str) -> str:
    return labels.step_title(step)


@register.filter
def step_text(entry: dict[str, Any]) -> str:
    """A logged step (run.record["log"] entry) in plain words."""
    return labels.step_text(str(entry.get("step")), entry.get("params") or {})


@register.filter
def technical(params: dict[str, Any] | str | None) -> list[tuple[str, str]]:
    """Parameters as (name, value) pairs; a bare method name (`{"normalise": "zscore"}`) too."""
    if isinstance(params, str):
        return [("method", params)]
    return labels.technical(params or {})


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


@register.inclusion_tag("benchmark/_city_section_body.html", takes_context=True)
def benchmark_city_section(context: template.Context, city: City) -> dict[str, Any]:
    """The city's index score, rank among peers and characteristic chart, from the official run
    (`selectors.official_run`: the same run as the dashboard's default view and the mentor
    lists, named and linked) — the same for every viewer."""
    request = context.get("request")
    run = selectors.official_run()
    out: dict[str, Any] = {"city": city, "run": run, "request": request}
    if run is None:
        return out
    scores = selectors.city_scores(run=run, city=city)
    root = selectors.root_code(run)
    if root not in scores or scores[root].score is None:
        out["outside"] = not selectors.peer_queryset(run).filter(pk=city.pk).exists()
        return out
    prof = selectors.profile(run=run, city=city)
    peer_label = run.get_peer_group_display()
    small = selectors.is_small_group(run)
    out.update(
        score=scores[root].score,
        rank=scores[root].rank,
        n=selectors.scored_count(run=run, node=root),
        profile=prof,
        peer_label=peer_label,
        small_group=small,
        missing=[p["name"] for p in prof if p["score"] is None],
        spec=None if small else charts.profile_chart(prof, city.name, peer_label),
    )
    return out
