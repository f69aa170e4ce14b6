"""Download Eurostat's Urban Audit tables into the data folder layout (`urbanforum data fetch`).

Source: Eurostat's dissemination API (SDMX 2.1), bulk TSV, e.g.
https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/urb_percep?format=TSV&compressed=true
The TSV it returns has the same shape as the bulk files the importer reads (first header cell
`freq,indic_ur,unit,cities\\TIME_PERIOD`; the extra `freq` key is ignored by the parser).

The HTTP opener is injectable so the command is tested offline on fixture files.
"""

from __future__ import annotations

import gzip
import os
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from tqdm import tqdm

API = "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/{dataset}?format=TSV&compressed=true"


@dataclass(frozen=True)
class Table:
    dataset: str
    folder: str

    @property
    def url(self) -> str:
        return API.format(dataset=self.dataset)

    @property
    def filename(self) -> str:
        return f"{self.dataset}.tsv"


TABLES = [
    Table("urb_percep", "eurostat-urb-percep"),
    Table("urb_ctour", "eurostat-urb-ctour-cecfi"),
    Table("urb_cecfi", "eurostat-urb-ctour-cecfi"),
]

Opener = Callable[..., Any]
CHUNK = 64 * 1024


def fetch(
    *,
    into: Path,
    datasets: list[str] | None = None,
    opener: Opener | None = None,
    progress: IO[str] | None = None,
    timeout: float = 120.0,
) -> list[Path]:
    """Download the tables (all, or the named datasets) into `into/<folder>/<dataset>.tsv`.
    Each file is written to a temporary file first and moved in place when complete."""
    opener = opener or urllib.request.urlopen
    wanted = [t for t in TABLES if datasets is None or t.dataset in datasets]
    unknown = sorted(set(datasets or []) - {t.dataset for t in TABLES})
    if unknown:
        raise ValueError(
            _("Unknown dataset(s): %(unknown)s (known: %(known)s).")
            % {"unknown": ", ".join(unknown), "known": ", ".join(t.dataset for t in TABLES)}
        )
    written: list[Path] = []
    for table in wanted:
        target = into / table.folder / table.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        request = urllib.request.Request(table.url, headers={"User-Agent": "urbanforum data fetch"})
        with opener(request, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            fd, tmp_name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{table.dataset}-", suffix=".part"
            )
            try:
                with (
                    os.fdopen(fd, "wb") as raw,
                    tqdm(
                        total=total,
                        unit="B",
                        unit_scale=True,
                        desc=table.dataset,
                        file=progress,
                        disable=progress is None,
                    ) as bar,
                ):
                    while chunk := response.read(CHUNK):
                        raw.write(chunk)
                        bar.update(len(chunk))
                data = Path(tmp_name).read_bytes()
                if data[:2] == b"\x1f\x8b":
                    data = gzip.decompress(data)
                if b"\\TIME_PERIOD" not in data[:500] and b"\\time" not in data[:500]:
                    raise ValueError(
                        f"{table.dataset}: the response is not a Eurostat TSV (first bytes: {data[:80]!r})."
                    )
                Path(tmp_name).write_bytes(data)
                os.replace(tmp_name, target)
            finally:
                if os.path.exists(tmp_name):
                    os.unlink(tmp_name)
        written.append(target)
    return written
