"""Synthetic unit tables for the engine benchmarks (generated, never stored)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def synthetic(
    n_units: int = 10_000, n_indicators: int = 200, seed: int = 0
) -> tuple[dict[str, object], pd.DataFrame]:
    """A 4-level framework (indicators -> 20 pillars -> 4 sub-indices -> index) and data.

    Realistic awkwardness so that every step has work: 5 % missing cells, a third of the
    indicators heavy-tailed (log-normal, so the outlier step winsorises or logs them),
    a quarter per-capita (denominator ``population``), a tenth of direction -1, and a
    ``region`` group column for group-mean imputation.
    """
    rng = np.random.default_rng(seed)
    n_pillars, n_sub = 20, 4
    codes = [f"i{j:03d}" for j in range(n_indicators)]
    nodes: list[dict[str, object]] = []
    for j, code in enumerate(codes):
        node: dict[str, object] = {"code": code, "parent": f"p{j % n_pillars:02d}"}
        if j % 10 == 3:
            node["direction"] = -1
        if j % 4 == 1:
            node["denominator"] = "population"
        nodes.append(node)
    nodes += [{"code": f"p{p:02d}", "parent": f"s{p % n_sub}"} for p in range(n_pillars)]
    nodes += [{"code": f"s{s}", "parent": "index"} for s in range(n_sub)]
    nodes.append({"code": "index"})
    x = rng.normal(50, 10, size=(n_units, n_indicators))
    heavy = np.arange(n_indicators) % 3 == 0
    x[:, heavy] = rng.lognormal(2, 1.2, size=(n_units, int(heavy.sum())))
    x[rng.random(x.shape) < 0.05] = np.nan
    data = pd.DataFrame(x, columns=codes)
    data.insert(0, "unit", [f"u{i:05d}" for i in range(n_units)])
    data["region"] = rng.integers(0, 10, n_units).astype(str)
    data["population"] = rng.lognormal(11, 1, n_units)
    framework: dict[str, object] = {
        "name": "synthetic",
        "unit_column": "unit",
        "nodes": nodes,
        "steps": [
            {"denominate": {}},
            {"impute": {"method": "group_mean", "group": "region"}},
            {"screen": {"min_availability": 0.5}},
            {"treat": {"method": "winsorise_log", "max_points": 5}},
            {"normalise": {"method": "minmax", "range": [1, 100]}},
            {"aggregate": {"method": "arithmetic", "missing": "skip"}},
        ],
    }
    return framework, data
