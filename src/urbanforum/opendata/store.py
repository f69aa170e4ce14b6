"""Where the dumps live, and how a new generation replaces the old one atomically.

Layout under `settings.URBANFORUM_OPENDATA_DIR` (default `<URBANFORUM_VAR>/opendata`):

    releases/<stamp>-<random>/   one generation: every file and its manifest.json
    current -> releases/…        a symbolic link to the generation being served

A generation is written into a hidden temporary folder, flushed to disk, renamed into
`releases/`, and then `current` is swapped with `os.replace` of a new link — one atomic rename, so
a reader sees either the old generation or the new one, never a half-written file. A reader
resolves `current` once per request and reads everything from that folder; the previous generation
is kept, so a reader still inside it finishes undisturbed.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from urbanforum.opendata.datasets import Dataset, files_of, manifest

MANIFEST = "manifest.json"
KEEP = 2  # the current generation and the one before it


def root() -> Path:
    configured = getattr(settings, "URBANFORUM_OPENDATA_DIR", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "opendata"


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_files(folder: Path, datasets: list[Dataset], *, generated: datetime) -> dict[str, Any]:
    """Write every file of `datasets` and the manifest into `folder` (which must exist)."""
    for f in files_of(datasets):
        _write(folder / f.name, f.data)
    described = manifest(datasets, generated=generated)
    _write(folder / MANIFEST, json.dumps(described, indent=1, sort_keys=True).encode("utf-8"))
    return described


def publish(datasets: list[Dataset]) -> Path:
    """Write a new generation and make it current, atomically. Returns its folder."""
    generated = timezone.now()
    releases = root() / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    token = f"{generated.strftime('%Y%m%dT%H%M%S%f')}-{uuid.uuid4().hex[:8]}"
    tmp = releases / f".tmp-{token}"
    tmp.mkdir()
    try:
        write_files(tmp, datasets, generated=generated)
        final = releases / token
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    link = root() / f".current-{token}"
    os.symlink(Path("releases") / token, link)
    os.replace(link, root() / "current")  # the atomic swap
    _prune(releases, keep_also=final)
    return final


def _prune(releases: Path, *, keep_also: Path) -> None:
    done = sorted((p for p in releases.iterdir() if not p.name.startswith(".")), reverse=True)
    for old in done[KEEP:]:
        if old != keep_also:
            shutil.rmtree(old, ignore_errors=True)


def current() -> Path | None:
    """The folder of the generation being served (resolved once: read everything from it)."""
    link = root() / "current"
    if not link.exists():
        return None
    return Path(os.path.realpath(link))


def read_manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return data


def names(described: dict[str, Any]) -> set[str]:
    """Every file name a manifest lists (distributions and column documentation)."""
    out: set[str] = set()
    for ds in described["datasets"]:
        out.update(d["name"] for d in ds["distributions"])
        out.update(s["name"] for s in ds["support"])
    return out
