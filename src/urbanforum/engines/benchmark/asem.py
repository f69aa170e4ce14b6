"""Loader for COINr's ASEM example (reference data read at run time, never committed).

Used by the tests and ``bench/``: converts ``ASEM_iData.rda``/``ASEM_iMeta.rda`` into a
framework mapping and a unit table, or writes them as the CLI's F.yaml + D.csv. Needs the
``rdata`` package (a dev dependency), imported lazily.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import yaml

ASEM_STEPS: list[dict[str, object]] = [
    {"denominate": {}},
    {"impute": {"method": "group_mean", "group": "GDP_group"}},
    {"screen": {"min_availability": 0.5}},
    {"treat": {"method": "winsorise_log", "skew": 2, "kurtosis": 3.5, "max_points": 5}},
    {"normalise": {"method": "minmax", "range": [1, 100]}},
    {"aggregate": {"method": "arithmetic", "missing": "skip"}},
]
ASEM_UNCERTAINTY: dict[str, object] = {
    "weights": {"perturb": 0.25},
    "normalise": [
        {"method": "minmax", "range": [1, 100]},
        {"method": "zscore", "mean": 10, "sd": 2},
    ],
    "aggregate": ["arithmetic", "geometric"],
}


def data_dir() -> Path:
    """``$URBANFORUM_DATA``, else ``../shared/data`` relative to the repository root."""
    env = os.environ.get("URBANFORUM_DATA")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parents[4]  # src/urbanforum/engines/benchmark -> repo
    return root.parent / "shared" / "data"


def asem_paths() -> tuple[Path, Path]:
    """Paths of ASEM_iData.rda and ASEM_iMeta.rda (may not exist)."""
    base = data_dir() / "coinr-asem"
    return base / "ASEM_iData.rda", base / "ASEM_iMeta.rda"


def load_asem() -> tuple[dict[str, object], pd.DataFrame]:
    """The ASEM framework (as a mapping, with :data:`ASEM_STEPS`) and its 51-unit table."""
    import rdata

    data_path, meta_path = asem_paths()
    data = rdata.read_rda(str(data_path))["ASEM_iData"]
    meta = rdata.read_rda(str(meta_path))["ASEM_iMeta"]
    nodes: list[dict[str, object]] = []
    for row in meta.itertuples(index=False):
        if row.Type not in ("Indicator", "Aggregate"):
            continue
        node: dict[str, object] = {
            "code": str(row.iCode),
            "parent": None if pd.isna(row.Parent) else str(row.Parent),
            "direction": int(row.Direction),
            "weight": float(row.Weight),
        }
        if isinstance(row.Denominator, str):
            node["denominator"] = row.Denominator
        nodes.append(node)
    framework: dict[str, object] = {
        "name": "ASEM Sustainable Connectivity (COINr example)",
        "unit_column": "uCode",
        "nodes": nodes,
        "steps": ASEM_STEPS,
        "uncertainty": ASEM_UNCERTAINTY,
    }
    frame = pd.DataFrame(data).reset_index(drop=True)
    for col in frame.columns:
        if pd.api.types.is_string_dtype(frame[col].dtype):
            frame[col] = frame[col].astype(object)
    return framework, frame


def write_asem(directory: Path) -> tuple[Path, Path]:
    """Write ``asem.yaml`` and ``asem.csv`` (missing as empty cells) into ``directory``."""
    framework, frame = load_asem()
    directory.mkdir(parents=True, exist_ok=True)
    fpath, dpath = directory / "asem.yaml", directory / "asem.csv"
    fpath.write_text(yaml.safe_dump(framework, sort_keys=False), encoding="utf-8")
    frame.to_csv(dpath, index=False)
    return fpath, dpath
