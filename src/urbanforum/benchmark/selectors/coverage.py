"""Reads of what a run had to work with: per indicator, how many cities of the peer group have
data and the years of that data, whether the coverage rule kept it (and if not, why), and whether
the peer group is too small to rank fairly."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypedDict

from urbanforum.benchmark import labels
from urbanforum.benchmark.labels import MIN_PEER_GROUP, reason_text
from urbanforum.benchmark.models import BenchmarkRun
from urbanforum.benchmark.selectors.results import node_names
from urbanforum.cities.models import City
from urbanforum.core.text import translated


class IndicatorCoverageRow(TypedDict):
    code: str
    name: str
    with_data: int  # cities of the run's group with a value
    cities: int  # cities of the run's group (those with any data)
    year_min: int | None
    year_max: int | None
    years: dict[int, int]  # year of the data → number of cities
    used: bool
    reason: str  # "" when used; else why the coverage rule left it out
    reason_text: str


class LeftOut(TypedDict):
    code: str
    name: str
    reason: str
    reason_text: str


def group_size(run: BenchmarkRun) -> int:
    """How many cities the run scored."""
    return int(run.reports.get("units") or 0)


def is_small_group(run: BenchmarkRun) -> bool:
    """Whether the run scored so few cities that its scores say little (labels.MIN_PEER_GROUP)."""
    return run.status == "done" and group_size(run) < MIN_PEER_GROUP


def indicator_coverage(*, run: BenchmarkRun) -> list[IndicatorCoverageRow]:
    """Per indicator of the run's framework: the cities with data and the years of the data.
    Runs from before the coverage rule have no coverage report: counted from their inputs."""
    names = node_names(run)
    inputs: dict[str, dict[str, list[object]]] = run.reports.get("inputs", {})
    report = run.reports.get("coverage") or {}
    dropped = set(run.reports.get("dropped") or [])
    years: dict[str, Counter[int]] = {}
    for cols in inputs.values():
        for code, cell in cols.items():
            if len(cell) > 1 and isinstance(cell[1], int):
                years.setdefault(code, Counter())[cell[1]] += 1
    rows_in = report.get("indicators") or [
        {
            "code": n.code,
            "with_data": sum(years.get(n.code, Counter()).values()),
            "units": len(inputs),
            "reason": "too_few_units" if n.code in dropped else "",
        }
        for n in names.values()
        if n.indicator_id
    ]
    out: list[IndicatorCoverageRow] = []
    for r in rows_in:
        code = str(r["code"])
        counted = years.get(code, Counter())
        reason = str(r.get("reason") or "")
        out.append(
            {
                "code": code,
                "name": translated(names[code].name) if code in names else code,
                "with_data": int(r["with_data"]),
                "cities": int(r["units"]),
                "year_min": min(counted) if counted else None,
                "year_max": max(counted) if counted else None,
                "years": dict(sorted(counted.items())),
                "used": not reason,
                "reason": reason,
                "reason_text": reason_text(reason) if reason else "",
            }
        )
    return out


def left_out(*, run: BenchmarkRun) -> list[LeftOut]:
    """The indicators and characteristics the coverage rule left out of the run, and why."""
    names = node_names(run)
    report = run.reports.get("coverage") or {}
    pairs = report.get("left_out") or [
        [code, "too_few_units"] for code in run.reports.get("dropped") or []
    ]
    return [
        {
            "code": str(code),
            "name": translated(names[code].name) if code in names else str(code),
            "reason": str(reason),
            "reason_text": reason_text(str(reason)),
        }
        for code, reason in pairs
    ]


@dataclass
class RunReport:
    """What a run did, in plain words, for its page and its API twin."""

    changes: list[str]  # the run's changes to the framework's steps
    steps: list[dict[str, Any]]  # per step: step, title, text, params (technical)
    small_group: bool
    cities: int
    screened_out: list[str]  # city names
    left_out: list[LeftOut]
    coverage: list[IndicatorCoverageRow]
    coverage_rule: dict[str, Any] = field(default_factory=dict)  # share (text), needed
    treatment: list[dict[str, Any]] = field(default_factory=list)


def run_report(*, run: BenchmarkRun) -> RunReport:
    log = list(run.record.get("log") or [])
    names = node_names(run)
    slugs = list(run.reports.get("screened_out") or [])
    by_slug = dict(City.objects.filter(slug__in=slugs).values_list("slug", "name"))
    rule = run.reports.get("coverage") or {}
    return RunReport(
        changes=labels.changes_text(run.step_changes or {}, log),
        steps=[
            {
                "step": s.get("step"),
                "title": labels.step_title(str(s.get("step"))),
                "text": labels.step_text(str(s.get("step")), s.get("params") or {}),
                "params": s.get("params") or {},
            }
            for s in log
        ],
        small_group=is_small_group(run),
        cities=group_size(run),
        screened_out=sorted(by_slug.get(s, s) for s in slugs),
        left_out=left_out(run=run),
        coverage=indicator_coverage(run=run),
        coverage_rule={
            "share": f"{100 * float(rule['min_share']):.0f} %",
            "needed": rule.get("needed"),
        }
        if rule
        else {},
        treatment=[
            {
                **t,
                "name": translated(names[t["indicator"]].name)
                if t.get("indicator") in names
                else t.get("indicator"),
                "label": labels.treatment_text(str(t.get("treatment"))),
            }
            for t in run.reports.get("treatment") or []
        ],
    )
