"""Quality and speed benchmark of the hybrid matching engine.

Quality: the labelled needs in ``bench/matching_eval/queries.jsonl`` (51 queries in en, fi, et, sv,
de, pl, lv, lt with graded relevance) against the demo practices
(``src/urbanforum/practices/demo/practices.jsonl``) united with
``bench/matching_eval/extra_corpus.jsonl``. Lexical only, semantic only and the hybrid fusions are
evaluated side by side in one run (Recall@5, MRR, nDCG@10). ``--tune`` grid-searches the fusion
parameters on the ``tune`` half of the queries only and reports the ``test`` half as held out.

Speed: ``--speed N`` builds an index of N synthetic practices (texts sampled from the corpus
vocabulary, random unit vectors as embeddings — the real model is far too slow to embed 10⁵ texts
here) and times searches; the real model's per-query embedding time is measured separately.

Usage::

    python bench/bench_matching.py [--corpus PATH] [--tune] [--speed 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import matching_store  # noqa: E402  (bench/, beside this script)

from urbanforum.engines.matching import (  # noqa: E402
    Context,
    E5Embedder,
    Item,
    MatchingIndex,
    Query,
    Translation,
    l2_normalise,
    with_config,
)

EVAL = ROOT / "bench" / "matching_eval"
TEXT_FIELDS = ("summary", "description", "problem", "what_was_done", "results")


def load_items(paths: list[Path]) -> list[Item]:
    """Practices from JSON Lines files as engine items (text = summary, description, problem,
    what was done, results — whichever are present), with the record's `translations` as more
    documents of the item, as the site indexes content translations (matching.registry)."""
    items = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            body = " ".join(str(r[f]) for f in TEXT_FIELDS if r.get(f))
            items.append(
                Item(
                    id=r["id"],
                    kind="practice",
                    title=r["title"],
                    text=body,
                    language=r.get("language", "en"),
                    domains=tuple(r.get("domains", ())),
                    sdgs=tuple(r.get("sdgs", ())),
                    context=Context(country=r.get("country")),
                    translations=tuple(
                        Translation(
                            language=lang,
                            title=t.get("title") or r["title"],
                            text="\n\n".join(
                                p for p in (t.get("summary"), t.get("description")) if p
                            ),
                        )
                        for lang, t in (r.get("translations") or {}).items()
                    ),
                )
            )
    return items


def cached_passages(items: list[Item], embedder: E5Embedder, cache: Path) -> np.ndarray:
    """Embed passages once, keyed by model id and content hash (as the Django shell will)."""
    cache.mkdir(parents=True, exist_ok=True)
    out = np.zeros((len(items), embedder.dim), dtype=np.float32)
    todo = []
    for i, it in enumerate(items):
        key = hashlib.sha256((embedder.model_id + "\0" + it.passage()).encode()).hexdigest()
        f = cache / f"{key}.npy"
        if f.exists():
            out[i] = np.load(f)
        else:
            todo.append((i, f))
    if todo:
        vecs = embedder.embed_passages([items[i].passage() for i, _ in todo])
        for (i, f), v in zip(todo, vecs, strict=True):
            np.save(f, v)
            out[i] = v
    return out


@dataclass(frozen=True)
class Qrel:
    id: str
    language: str
    text: str
    split: str
    relevant: dict[str, int]


def load_queries(path: Path) -> list[Qrel]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Qrel(r["id"], r["language"], r["text"], r["split"], r["relevant"]) for r in rows]


def metrics(ranked: list[str], relevant: dict[str, int]) -> tuple[float, float, float]:
    """Recall@5, reciprocal rank, nDCG@10 (gain 2^grade − 1) of one ranking."""
    rel = {k: v for k, v in relevant.items() if v > 0}
    recall5 = len(set(ranked[:5]) & set(rel)) / len(rel)
    rr = next((1.0 / (i + 1) for i, d in enumerate(ranked) if d in rel), 0.0)
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return recall5, rr, dcg / idcg


def evaluate(
    index: MatchingIndex,
    queries: list[Qrel],
    qvecs: dict[str, np.ndarray],
    give_language: bool = True,
) -> dict[str, np.ndarray]:
    """Per-query metric rows (n_queries, 3) keyed by query id (``give_language=False``: the
    engine guesses the query language)."""
    out = {}
    for q in queries:
        lang = q.language if give_language else None
        ms = index.search(Query(q.text, language=lang), limit=10, query_vector=qvecs[q.id])
        out[q.id] = np.array(metrics([m.item_id for m in ms], q.relevant))
    return out


def variant(index: MatchingIndex, lo: float, hi: float, **cfg: object) -> MatchingIndex:
    clone = with_config(index, **cfg)
    clone.embedder = E5Embedder(similarity_range=(lo, hi))
    return clone


def mean(rows: dict[str, np.ndarray], ids: list[str]) -> np.ndarray:
    return np.mean([rows[i] for i in ids], axis=0)


def rss_mib() -> float:
    """Current resident set size of this process (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def machine() -> str:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs (nproc {nproc}), "
        f"{cpu}, {int(mem) / 1024**2:.1f} GiB RAM, Python {platform.python_version()}, "
        f"numpy {np.__version__}"
    )


def quality(args: argparse.Namespace) -> None:
    paths = [Path(args.corpus)] + ([EVAL / "extra_corpus.jsonl"] if not args.no_extra else [])
    items = load_items(paths)
    present = {it.id for it in items}
    queries = [
        Qrel(
            q.id, q.language, q.text, q.split, {k: g for k, g in q.relevant.items() if k in present}
        )
        for q in load_queries(EVAL / "queries.jsonl")
    ]
    queries = [q for q in queries if q.relevant]  # judged documents missing from this corpus
    e5 = E5Embedder()
    t0 = time.perf_counter()
    vecs = cached_passages(items, e5, Path(args.cache))
    t_emb = time.perf_counter() - t0
    index = MatchingIndex.from_items(items, vecs, embedder=e5)
    t0 = time.perf_counter()
    qv = e5.embed_queries([q.text for q in queries])
    t_q = (time.perf_counter() - t0) / len(queries)
    qvecs = {q.id: v for q, v in zip(queries, qv, strict=True)}
    print(f"corpus: {len(items)} practices ({', '.join(str(p) for p in paths)})")
    print(
        f"queries: {len(queries)}; passage embedding {t_emb:.1f} s (cached if 0), "
        f"query embedding {1000 * t_q:.0f} ms/query (batch)"
    )

    lo, hi = e5.similarity_range
    chosen = dict(
        method="weighted",
        lexical=index.config.lexical,
        semantic=index.config.semantic,
        lexical_norm=index.config.lexical_norm,
        lo=lo,
        hi=hi,
    )
    tune_ids = [q.id for q in queries if q.split == "tune"]
    test_ids = [q.id for q in queries if q.split == "test"]
    if args.tune:
        best: tuple[float, dict[str, object]] = (-1.0, {})
        grid = itertools.product(
            [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            [0.70, 0.72, 0.74, 0.76, 0.78],
            [0.88, 0.90, 0.92],
            ["bound", "max"],
            ["calibrated", "minmax"],
            ["same_language", "all"],
        )
        for lw, glo, ghi, norm, normalisation, scope in grid:
            params = dict(
                method="weighted",
                lexical=lw,
                semantic=1 - lw,
                lexical_norm=norm,
                normalisation=normalisation,
                lexical_scope=scope,
            )
            v = variant(index, glo, ghi, **params)
            score = mean(evaluate(v, queries, qvecs), tune_ids)[2]
            if score > best[0] + 1e-9:
                best = (score, {**params, "lo": glo, "hi": ghi})
        best_rrf: tuple[float, dict[str, object]] = (-1.0, {})
        for k, lw, scope in itertools.product(
            [5, 10, 20, 60], [0.2, 0.3, 0.4, 0.5], ["same_language", "all"]
        ):
            params = dict(
                method="rrf", rrf_k=float(k), lexical=lw, semantic=1 - lw, lexical_scope=scope
            )
            v = variant(index, lo, hi, **params)
            score = mean(evaluate(v, queries, qvecs), tune_ids)[2]
            if score > best_rrf[0] + 1e-9:
                best_rrf = (score, params)
        print(f"tuned on {len(tune_ids)} tune queries (nDCG@10): weighted {best[0]:.3f} {best[1]}")
        print(f"                                        rrf      {best_rrf[0]:.3f} {best_rrf[1]}")
        chosen = best[1]
        rrf_cfg = best_rrf[1]
    else:
        rrf_cfg = dict(
            method="rrf",
            rrf_k=index.config.rrf_k,
            lexical=index.config.lexical,
            semantic=index.config.semantic,
        )

    def cfg(d: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in d.items() if k not in ("lo", "hi")}

    c_lo = float(chosen.get("lo", lo))  # type: ignore[arg-type]
    c_hi = float(chosen.get("hi", hi))  # type: ignore[arg-type]
    variants = {
        # baselines: plain BM25 on every item; plain cosine order (range 0..1: no clipping ties)
        "lexical only (BM25)": variant(
            index, lo, hi, lexical=1.0, semantic=0.0, lexical_scope="all", thesaurus=False
        ),
        "lexical + thesaurus": variant(index, lo, hi, lexical=1.0, semantic=0.0),
        "semantic only (e5)": variant(index, 0.0, 1.0, lexical=0.0, semantic=1.0, thesaurus=False),
        "hybrid, no thesaurus": with_config(index, thesaurus=False),
        "hybrid weighted (default)": index,
        "hybrid weighted, no relevance gate": with_config(
            index, min_lexical=0.0, min_semantic=0.0, min_semantic_short=0.0
        ),
        "hybrid weighted, BM25 on all languages": with_config(index, lexical_scope="all"),
        "hybrid weighted (tuned)": variant(index, c_lo, c_hi, **cfg(chosen)),
        "hybrid RRF": variant(index, lo, hi, **rrf_cfg),
    }
    groups = {
        "held-out (test half)": test_ids,
        "tune half": tune_ids,
        "all": [q.id for q in queries],
        "en query → en practice": [
            q.id
            for q in queries
            if q.language == "en"
            and all(
                k.startswith("bsr-") or not re.search(r"-(fi|et|sv|de|pl|lv|lt|da|nb)$", k)
                for k in q.relevant
            )
        ],
        "non-en query → en practice": [q.id for q in queries if q.language != "en"],
        "en query → non-en practice": [
            q.id
            for q in queries
            if q.language == "en"
            and any(re.search(r"-(fi|et|sv|de|pl|lv|lt|da|nb)$", k) for k in q.relevant)
        ],
    }
    results = {name: evaluate(v, queries, qvecs) for name, v in variants.items()}
    variants["hybrid weighted, query language guessed"] = index
    results["hybrid weighted, query language guessed"] = evaluate(index, queries, qvecs, False)
    print(
        f"\nconfig default: {index.config.method} lexical={index.config.lexical} "
        f"semantic={index.config.semantic} norm={index.config.lexical_norm} range={lo, hi}"
    )
    print(f"config tuned:   {chosen}\nconfig rrf:     {rrf_cfg}")
    for gname, ids in groups.items():
        print(f"\n### {gname} ({len(ids)} queries)\n")
        print("| variant | Recall@5 | MRR | nDCG@10 |\n|---|---|---|---|")
        for name in variants:
            r5, mrr, ndcg = mean(results[name], ids)
            print(f"| {name} | {r5:.3f} | {mrr:.3f} | {ndcg:.3f} |")
    # Honest empty results: the nonsense needs (bench/matching_eval/nonsense.jsonl) must get no
    # answer at all; the labelled needs above must keep theirs.
    nonsense = [
        json.loads(line)["text"]
        for line in (EVAL / "nonsense.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    nvecs = e5.embed_queries(nonsense)
    print(f"\n### nonsense needs answered with nothing ({len(nonsense)} queries)\n")
    print("| variant | empty answers | labelled needs with an answer |\n|---|---|---|")
    for name, v in variants.items():
        if name == "hybrid weighted, query language guessed":
            continue
        empty = sum(
            not v.search(Query(t), limit=10, query_vector=qv)
            for t, qv in zip(nonsense, nvecs, strict=True)
        )
        answered = sum(
            bool(v.search(Query(q.text, language=q.language), limit=10, query_vector=qvecs[q.id]))
            for q in queries
        )
        print(f"| {name} | {empty}/{len(nonsense)} | {answered}/{len(queries)} |")
    for t, qv in zip(nonsense, nvecs, strict=True):
        hits = index.search(Query(t), limit=3, query_vector=qv)
        if hits:  # name what the default engine still answers, for the record
            print(
                f"answered: {t!r} -> {[(h.item_id, round(h.score, 3), h.components) for h in hits]}"
            )
    multilingual(index, e5, present)
    if args.per_query:
        for q in queries:
            row = " ".join(f"{results[n][q.id][2]:.2f}" for n in variants)
            print(q.id, q.language, q.split, row, q.text)


def multilingual(index: MatchingIndex, e5: E5Embedder, present: set[str]) -> None:
    """Issue 11, point 6: 160 needs in ten languages (``needs_multilingual.jsonl``; 62 of one to
    three words), per language and per length, held-out half separately; lexical, semantic and
    hybrid with and without the thesaurus, side by side in one run."""
    rows = load_queries(EVAL / "needs_multilingual.jsonl")
    needs = [
        Qrel(
            q.id, q.language, q.text, q.split, {k: g for k, g in q.relevant.items() if k in present}
        )
        for q in rows
    ]
    needs = [q for q in needs if q.relevant]
    qv = e5.embed_queries([q.text for q in needs])
    qvecs = {q.id: v for q, v in zip(needs, qv, strict=True)}
    lo, hi = e5.similarity_range
    variants = {
        "lexical only (BM25)": variant(
            index, lo, hi, lexical=1.0, semantic=0.0, lexical_scope="all", thesaurus=False
        ),
        "lexical + thesaurus": variant(index, lo, hi, lexical=1.0, semantic=0.0),
        "semantic only (e5)": variant(index, 0.0, 1.0, lexical=0.0, semantic=1.0, thesaurus=False),
        "hybrid, no thesaurus": with_config(index, thesaurus=False),
        "hybrid + thesaurus (default)": index,
    }
    results = {name: evaluate(v, needs, qvecs) for name, v in variants.items()}

    def words(q: Qrel) -> int:
        return len(re.findall(r"\w+", q.text))

    test = [q for q in needs if q.split == "test"]
    groups: dict[str, list[str]] = {
        "held-out, 1-3 words": [q.id for q in test if words(q) <= 3],
        "held-out, sentences": [q.id for q in test if words(q) > 3],
        "held-out, all": [q.id for q in test],
        "tune half, all": [q.id for q in needs if q.split == "tune"],
    }
    print(
        f"\n## Multilingual needs ({len(needs)}: {sum(words(q) <= 3 for q in needs)} of 1-3 words)"
    )
    for gname, ids in groups.items():
        print(f"\n### {gname} ({len(ids)} needs)\n")
        print("| variant | Recall@5 | MRR | nDCG@10 |\n|---|---|---|---|")
        for name in variants:
            r5, mrr, ndcg = mean(results[name], ids)
            print(f"| {name} | {r5:.3f} | {mrr:.3f} | {ndcg:.3f} |")
    langs = sorted({q.language for q in needs}, key=lambda x: (x != "en", x))
    print("\n### held-out, per language: short (1-3 words) | sentences — Recall@5 / MRR\n")
    print("| language | " + " | ".join(variants) + " |")
    print("|---|" + "---|" * len(variants))
    for lang in langs:
        cells = []
        for name in variants:
            parts = []
            for short in (True, False):
                ids = [q.id for q in test if q.language == lang and (words(q) <= 3) == short]
                if ids:
                    r5, mrr, _ = mean(results[name], ids)
                    parts.append(f"{r5:.2f}/{mrr:.2f}")
                else:
                    parts.append("—")
            cells.append(" \\| ".join(parts))
        print(f"| {lang} | " + " | ".join(cells) + " |")


def speed(args: argparse.Namespace) -> None:
    n = args.speed
    rng = np.random.default_rng(0)
    base = load_items([Path(args.corpus)])
    vocab = sorted({w for it in base for w in re.findall(r"[a-z]{3,}", it.passage().lower())})
    zipf = 1.0 / np.arange(1, len(vocab) + 1)
    zipf /= zipf.sum()
    rng.shuffle(vocab)
    domains = ["mobility", "energy", "climate", "governance", "data", "participation"]
    countries = ["FI", "EE", "SE", "DE", "PL", "LV", "LT", "DK", "NO"]
    sizes = ["small", "medium", "large", "metropolitan"]
    words = rng.choice(len(vocab), size=(n, 60), p=zipf)
    items = [
        Item(
            f"s{i}",
            "practice" if i % 4 else "solution",
            " ".join(vocab[w] for w in words[i, :6]),
            " ".join(vocab[w] for w in words[i, 6:]),
            domains=(domains[i % 6], domains[(i * 7) % 6]),
            sdgs=(int(i % 17) + 1,),
            # items in the ten languages, so that the thesaurus scores ten item languages
            language=("en", "fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb")[i % 10],
            context=Context(
                country=countries[i % 9], size_class=sizes[i % 4], latitude=54.0 + (i % 100) / 10
            ),
        )
        for i in range(n)
    ]
    vecs = l2_normalise(rng.normal(size=(n, 384)).astype(np.float32))
    rss0 = rss_mib()
    t0 = time.perf_counter()
    e5 = E5Embedder()
    index = MatchingIndex.from_items(items, vecs, embedder=e5)
    t_build = time.perf_counter() - t0
    rss1 = rss_mib()
    queries = [q.text for q in load_queries(EVAL / "queries.jsonl")]
    qv = l2_normalise(rng.normal(size=(len(queries), 384)).astype(np.float32))
    short = [
        (q.text, q.language)
        for q in load_queries(EVAL / "needs_multilingual.jsonl")
        if len(re.findall(r"\w+", q.text)) <= 3
    ]
    sv = l2_normalise(rng.normal(size=(len(short), 384)).astype(np.float32))
    print(f"machine: {machine()}; load average before: {os.getloadavg()}")
    print(
        f"{n} synthetic items: index built in {t_build:.1f} s; resident memory grew by "
        f"{rss1 - rss0:.0f} MiB (index structures; the {vecs.nbytes / 2**20:.0f} MiB vector "
        f"matrix, kept without a copy, and the Item objects existed before); "
        f"process RSS {rss1:.0f} MiB"
    )
    print(matching_store.report(index))
    ctx = Context(country="FI", size_class="large", latitude=60.2)
    cases = {
        "hybrid weighted, text only": (index, {}),
        "hybrid weighted, text+domains+context": (
            index,
            {"domains": ("mobility",), "context": ctx},
        ),
        "hybrid RRF, text only": (with_config(index, method="rrf"), {}),
        "hybrid weighted, kinds=solution": (index, {"kinds": ("solution",)}),
    }
    # round-robin over the variants per query, so that load from other processes on this shared
    # machine hits every variant alike
    times: dict[str, list[float]] = {name: [] for name in cases}
    for rep in range(args.repeat):
        for q, v in zip(queries, qv, strict=True):
            for name, (ix, extra) in cases.items():
                t = time.perf_counter()
                ix.search(Query(q, **extra), limit=10, query_vector=v)  # type: ignore[arg-type]
                if rep:  # the first pass warms caches (posting arrays, stem cache)
                    times[name].append(time.perf_counter() - t)
    # short needs in the ten languages, with and without the thesaurus (side by side)
    plain = with_config(index, thesaurus=False)
    for name in (
        "short needs, ten languages, + thesaurus",
        "short needs, ten languages, no thesaurus",
    ):
        times[name] = []
    for rep in range(args.repeat):
        for (text, lang), v in zip(short, sv, strict=True):
            for name, ix in (
                ("short needs, ten languages, + thesaurus", index),
                ("short needs, ten languages, no thesaurus", plain),
            ):
                t = time.perf_counter()
                ix.search(Query(text, language=lang), limit=10, query_vector=v)
                if rep:
                    times[name].append(time.perf_counter() - t)
    # end to end with the real model: embed the query (one at a time, as a web request would),
    # then search; measured in the same round-robin
    times["end to end: e5 query embedding + hybrid weighted search"] = []
    times["end to end, short needs in ten languages (+ thesaurus)"] = []
    e5.embed_queries(["warm up"])
    for _ in range(args.repeat - 1):
        for q in queries:
            t = time.perf_counter()
            vec = e5.embed_queries([q])[0]
            index.search(Query(q), limit=10, query_vector=vec)
            times["end to end: e5 query embedding + hybrid weighted search"].append(
                time.perf_counter() - t
            )
        for text, lang in short:
            t = time.perf_counter()
            vec = e5.embed_queries([text])[0]
            index.search(Query(text, language=lang), limit=10, query_vector=vec)
            times["end to end, short needs in ten languages (+ thesaurus)"].append(
                time.perf_counter() - t
            )
    for name, ts in times.items():
        a = np.array(ts) * 1000
        print(
            f"{name}: p50 {np.percentile(a, 50):.1f} ms, p95 {np.percentile(a, 95):.1f} ms "
            f"({a.size} searches)"
        )
    print(f"process RSS after searching: {rss_mib():.0f} MiB; load average {os.getloadavg()}")
    emb = []
    e5.embed_queries(["warm up"])
    for _ in range(args.repeat):
        for q in queries:
            t = time.perf_counter()
            e5.embed_queries([q])
            emb.append(time.perf_counter() - t)
    a = np.array(emb) * 1000
    print(
        f"e5 query embedding (real model, one query at a time): p50 {np.percentile(a, 50):.1f} ms,"
        f" p95 {np.percentile(a, 95):.1f} ms"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--corpus", default=str(ROOT / "src/urbanforum/practices/demo/practices.jsonl"))
    p.add_argument("--no-extra", action="store_true", help="without extra_corpus.jsonl")
    p.add_argument("--cache", default=str(ROOT / "var/matching-embeddings"))
    p.add_argument("--tune", action="store_true", help="grid-search fusion on the tune half")
    p.add_argument("--per-query", action="store_true")
    p.add_argument("--speed", type=int, default=0, help="synthetic index size for timings")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--skip-quality", action="store_true")
    args = p.parse_args()
    print(
        f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"command: python {' '.join(sys.argv)}"
    )
    if not args.skip_quality:
        quality(args)
    if args.speed:
        speed(args)


if __name__ == "__main__":
    main()
