"""Fixtures for the engine tests (no Django needed: run with ``-p no:django``)."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from urbanforum.engines.benchmark.asem import asem_paths, data_dir, load_asem


def _need_data(*paths: os.PathLike[str]) -> None:
    missing = [str(p) for p in paths if not os.path.exists(p)]
    if missing:
        msg = f"reference data not found: {', '.join(missing)}"
        if os.environ.get("URBANFORUM_REQUIRE_DATA") == "1":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def asem() -> tuple[dict[str, object], pd.DataFrame]:
    """ASEM framework mapping and unit table, from the .rda files at run time."""
    _need_data(*asem_paths())
    pytest.importorskip("rdata")
    return load_asem()


@pytest.fixture(scope="session")
def coinr_workbook() -> str:
    """Path of COINr's demo results workbook."""
    path = data_dir() / "coinr-demo-asem" / "ASEM_demo_results.xlsx"
    _need_data(path)
    return str(path)
