"""Where the reference data lives.

Reference data (Eurostat files, LAU/NUTS tables, SDG lists…) is never committed to this repository:
licences differ. It is read at run time from, in order, the `URBANFORUM_DATA` environment variable and
`../shared/data` beside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[3]

HOW_TO_GET_DATA = (
    "Set URBANFORUM_DATA to a folder holding the reference data (the layout of ../shared/data: "
    "eurostat-dictionaries/, eu-city-panel-2000-2020/, lau-nuts-bsr/, eurostat-urb-percep/ …), "
    "or place it at ../shared/data beside the repository; on a machine with internet, "
    "`urbanforum data fetch` downloads the Eurostat tables."
)


def data_dir() -> Path | None:
    """The first data folder that exists, or None."""
    configured = os.environ.get("URBANFORUM_DATA", "")
    candidates = [Path(configured)] if configured else []
    candidates.append(REPO_DIR.parent / "shared" / "data")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def data_path(*parts: str) -> Path | None:
    """Path of a file in the data folder, or None when the folder or the file is missing."""
    base = data_dir()
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.exists() else None
