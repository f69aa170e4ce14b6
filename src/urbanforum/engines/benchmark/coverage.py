"""Coverage rule: which indicators a group of units has enough data for.

An indicator that only a few units of a group report cannot compare them: min-max scaling gives
the lowest of those few 0 and the highest 100, and aggregation skips it for everyone else — so a
unit is punished (or rewarded) for having data at all. The rule: an indicator is **left out of
the build** when fewer than ``min_share`` of the group's units (and never fewer than
``min_units``) have a value, or when its values do not differ (nothing to scale); an aggregate
whose children are all left out is left out too. Left-out nodes are reported with the reason,
so that a run can say what it did. We leave out rather than weight down: a down-weighted
indicator still turns "has data" into a score for the few who have it.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .framework import Framework
from .steps import EngineError

# Defaults of the rule (documented in docs/benchmark-engine.md).
MIN_SHARE = 0.5
MIN_UNITS = 3

Reason = Literal["", "too_few_units", "no_spread", "no_children"]


@dataclass(frozen=True)
class IndicatorCoverage:
    """One indicator in one group: how many units have it and whether the build uses it."""

    code: str
    with_data: int
    units: int
    reason: Reason = ""

    @property
    def share(self) -> float:
        return self.with_data / self.units if self.units else 0.0

    @property
    def kept(self) -> bool:
        return not self.reason


@dataclass(frozen=True)
class CoverageReport:
    """The rule applied to one table: per indicator, and the nodes left out with the reason."""

    indicators: tuple[IndicatorCoverage, ...]
    left_out: tuple[tuple[str, Reason], ...]  # (node code, reason), indicators first
    min_share: float
    min_units: int
    needed: int  # units with data an indicator needs in this group

    @property
    def left_out_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.left_out)


def coverage(
    framework: Framework,
    data: pd.DataFrame,
    *,
    min_share: float = MIN_SHARE,
    min_units: int = MIN_UNITS,
) -> CoverageReport:
    """Apply the coverage rule to ``data`` (one row per unit of the group).

    An indicator column that is absent counts as no data. Raises :class:`EngineError` for a
    ``min_share`` outside 0..1 or a negative ``min_units``.
    """
    if not 0.0 <= min_share <= 1.0:
        raise EngineError(f"coverage: min_share must be within 0..1, got {min_share!r}")
    if min_units < 0:
        raise EngineError(f"coverage: min_units must not be negative, got {min_units!r}")
    tree = framework.tree
    n = len(data)
    needed = max(min_units, math.ceil(min_share * n - 1e-9))
    rows: list[IndicatorCoverage] = []
    left: list[tuple[str, Reason]] = []
    for code in tree.indicators:
        if code in data.columns:
            col = pd.to_numeric(data[code], errors="coerce").to_numpy(dtype=np.float64)
            present = col[~np.isnan(col)]
        else:
            present = np.empty(0)
        reason: Reason = ""
        if len(present) < needed or len(present) == 0:
            reason = "too_few_units"
        elif len(np.unique(present)) < 2:
            reason = "no_spread"
        rows.append(IndicatorCoverage(code, len(present), n, reason))
        if reason:
            left.append((code, reason))
    gone = {code for code, _ in left}
    for agg in tree.aggregates:  # children come before their parents
        if all(child in gone for child in tree.children[agg]):
            gone.add(agg)
            left.append((agg, "no_children"))
    return CoverageReport(tuple(rows), tuple(left), min_share, min_units, needed)


def without(framework: Framework, codes: Collection[str]) -> Framework:
    """The framework with the nodes ``codes`` removed (weights of the others unchanged).

    Refuses to remove the root: a group that has no usable indicator cannot be scored.
    """
    drop = set(codes)
    if framework.tree.root in drop:
        raise EngineError("coverage: no indicator has enough data in this group")
    nodes = tuple(n for n in framework.nodes if n.code not in drop)
    return Framework(
        framework.name, framework.unit_column, nodes, framework.steps, framework.uncertainty
    )


def apply_coverage(
    framework: Framework,
    data: pd.DataFrame,
    *,
    min_share: float = MIN_SHARE,
    min_units: int = MIN_UNITS,
) -> tuple[Framework, CoverageReport]:
    """The framework without the nodes the coverage rule leaves out, and the report."""
    report = coverage(framework, data, min_share=min_share, min_units=min_units)
    return without(framework, report.left_out_codes), report
