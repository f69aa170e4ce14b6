"""Save and load timings of a matching index, for bench_matching.py --speed: what a web worker or
`urbanforum match` pays to get the index instead of building it (engines/matching/persist.py).

The index is saved to a temporary folder, then loaded in a *fresh* Python process (as a worker
or the CLI would): load time, resident memory after loading (the vectors are memory-mapped, so
they count only as their pages are read) and after one search, and the first and second search.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from urbanforum.engines.matching import MatchingIndex

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import numpy as np

def rss():
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20

sys.path.insert(0, sys.argv[2])
before = rss()
t = time.perf_counter()
from urbanforum.engines.matching import MatchingIndex, Query, l2_normalise
imported = time.perf_counter() - t
t = time.perf_counter()
index = MatchingIndex.load(Path(sys.argv[1]))
loaded = time.perf_counter() - t
after_load = rss()
rng = np.random.default_rng(1)
searches = []
for text in ("snow clearing of cycle paths", "district heating with waste heat"):
    v = l2_normalise(rng.normal(size=(1, 384)).astype(np.float32))[0]
    t = time.perf_counter()
    index.search(Query(text), limit=10, query_vector=v)
    searches.append(time.perf_counter() - t)
print(json.dumps({"import": imported, "load": loaded, "rss_before": before,
                  "rss_loaded": after_load, "rss_searched": rss(), "searches": searches,
                  "items": len(index)}))
"""


def report(index: MatchingIndex) -> str:
    """One line: save time and size, and a fresh process's load time, memory and searches."""
    folder = Path(tempfile.mkdtemp(prefix="matching-store-"))
    try:
        t = time.perf_counter()
        index.save(folder / "ix")
        saved = time.perf_counter() - t
        size = sum(p.stat().st_size for p in (folder / "ix").iterdir()) / 2**20
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(folder / "ix"), str(ROOT / "src")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return (
        f"stored index ({r['items']} items): saved in {saved:.1f} s ({size:.0f} MiB on disk); "
        f"a fresh process loads it in {r['load']:.2f} s (engine import {r['import']:.2f} s), "
        f"RSS {r['rss_before']:.0f} -> {r['rss_loaded']:.0f} MiB after loading -> "
        f"{r['rss_searched']:.0f} MiB after the first search (vectors memory-mapped); "
        f"first search {r['searches'][0] * 1000:.0f} ms, second {r['searches'][1] * 1000:.0f} ms"
    )
