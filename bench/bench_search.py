"""Search benchmark, engines side by side: a generated corpus (bench/gen_corpus.py) is
written to a corpus store once; then each engine rebuilds its index from that store,
as `diarium reindex` does, in a process of its own (so peak memory is its own), and
answers the same warm queries. Prints build rate, size on disk, peak memory and
latency per query kind, one column per engine.

Usage: python bench/bench_search.py [--pages 100000] [--engines tantivy,whoosh]
       [--queries 50] [--warmup 20] [--compare OLD_TREE --rounds 3]
Not part of the test run: it takes minutes at 100,000 pages.

``--compare`` times another version of diarium in the same run, on the same corpus
store: OLD_TREE is a source tree of it (``git archive main | tar -x -C /tmp/old``),
whose own bench script rebuilds and queries in its own process. The versions take
turns, ``--rounds`` times each, and each column shows the median over the rounds of
each figure, so a machine that speeds up or slows down meanwhile favours neither.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import documents  # noqa: E402

from diarium.corpus.model import Document  # noqa: E402
from diarium.corpus.store import CorpusStore  # noqa: E402
from diarium.index.base import SearchRequest  # noqa: E402
from diarium.ingest.home import Home  # noqa: E402
from diarium.ingest.indexing import open_home_index, rebuild_index  # noqa: E402

KINDS = ("one word", "three words", "phrase", "case number", "faceted")


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def write_corpus(home: Home, pages: int) -> None:
    store = CorpusStore(home.ensure().corpus_dir)
    for doc in documents(pages):
        store.put(doc, durable=False)
    CorpusStore.sync()


def run_engine(home: Home, engine: str, queries: int, warmup: int) -> dict[str, Any]:
    """Rebuild the home's index on ``engine`` and time the query kinds (in this process)."""
    dnrs: list[str] = []
    titles: list[str] = []
    words: list[str] = []

    def remember(doc: Document) -> None:
        if len(dnrs) < 5000:
            dnrs.append(doc.metadata.dnr_text or "")
            titles.append(doc.metadata.title or "")
            words.extend(w for w in doc.pages[1].text.split()[:20] if w.isalpha())

    start = time.perf_counter()
    count = rebuild_index(home, engine, on_doc=remember)
    build = time.perf_counter() - start
    build_peak = peak_mb()
    # Queries are timed warm: the index written, not still being flushed to disk.
    os.sync()
    index = open_home_index(home, create=False)
    stats = index.stats()
    rng = random.Random(3)
    makers: dict[str, Any] = {
        "one word": lambda: SearchRequest(rng.choice(words)),
        "three words": lambda: SearchRequest(" ".join(rng.sample(words, 3))),
        "phrase": lambda: SearchRequest(f'"{" ".join(rng.choice(titles).split()[:2])}"'),
        "case number": lambda: SearchRequest(rng.choice(dnrs).lower().replace("-", " ", 1)),
        "faceted": lambda: SearchRequest(
            rng.choice(words), facets=True, filters={"year": [str(rng.randint(2012, 2025))]}
        ),
    }
    # Warm: every query kind a few times first (term dictionaries, fast-field columns
    # and stored pages touched once), with draws of their own.
    for name in KINDS:
        for _ in range(warmup):
            index.search(makers[name]())
    latency: dict[str, list[float]] = {}
    for name in KINDS:
        times = []
        for _ in range(queries):
            request = makers[name]()
            t0 = time.perf_counter()
            index.search(request)
            times.append((time.perf_counter() - t0) * 1000)
        latency[name] = [statistics.median(times), percentile(times, 0.95)]
    return {
        "engine": engine,
        "documents": count,
        "pages": stats["pages"],
        "build_seconds": build,
        "pages_per_second": stats["pages"] / build,
        "bytes_per_page": stats["size_bytes"] / stats["pages"],
        "size_mb": stats["size_bytes"] / 1e6,
        "peak_mb": build_peak,
        "latency_ms": latency,
    }


def print_table(results: list[dict[str, Any]]) -> None:
    names = [r["engine"] for r in results]
    print(f"{'':28}" + "".join(f"{n:>20}" for n in names))
    rows = [
        ("pages", lambda r: f"{r['pages']}"),
        ("reindex pages/s", lambda r: f"{r['pages_per_second']:.0f}"),
        ("reindex seconds", lambda r: f"{r['build_seconds']:.0f}"),
        ("bytes/page on disk", lambda r: f"{r['bytes_per_page']:.0f}"),
        ("peak memory MB (reindex)", lambda r: f"{r['peak_mb']:.0f}"),
    ]
    for label, cell in rows:
        print(f"{label:28}" + "".join(f"{cell(r):>20}" for r in results))
    for kind in KINDS:
        cells = "".join(
            f"{r['latency_ms'][kind][0]:>9.2f} /{r['latency_ms'][kind][1]:>8.2f}" for r in results
        )
        print(f"{kind + ' ms median/p95':28}{cells}")


def _median_run(name: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    """One column: each figure's median over the rounds."""
    out: dict[str, Any] = {"engine": name}
    for key in ("pages", "pages_per_second", "build_seconds", "bytes_per_page", "peak_mb"):
        out[key] = statistics.median(r[key] for r in found)
    out["latency_ms"] = {
        kind: [statistics.median(r["latency_ms"][kind][i] for r in found) for i in (0, 1)]
        for kind in KINDS
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=20, help="untimed queries per kind first")
    parser.add_argument("--engines", default="tantivy,whoosh")
    parser.add_argument("--compare", type=Path, help="source tree of another version to time")
    parser.add_argument("--rounds", type=int, default=1, help="turns per version (medians)")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: HOME:ENGINE
    args = parser.parse_args()
    if args.child:
        root, engine = args.child.rsplit(":", 1)
        print(json.dumps(run_engine(Home(Path(root)), engine, args.queries, args.warmup)))
        return
    home = Home(Path(tempfile.mkdtemp(prefix="diarium-bench-search-")))
    try:
        t0 = time.perf_counter()
        write_corpus(home, args.pages)
        print(f"corpus store: {args.pages} pages written in {time.perf_counter() - t0:.0f} s")
        scripts = {"": Path(__file__).resolve()}
        if args.compare:
            scripts = {
                f" ({args.compare.name})": args.compare / "bench/bench_search.py",
                " (this)": Path(__file__).resolve(),
            }
        runs: dict[str, list[dict[str, Any]]] = {}
        for engine in args.engines.split(","):
            for turn in range(args.rounds):
                for label, script in scripts.items():
                    child = subprocess.run(
                        [
                            sys.executable,
                            str(script),
                            "--child",
                            f"{home.root}:{engine}",
                            "--queries",
                            str(args.queries),
                            "--warmup",
                            str(args.warmup),
                        ],
                        check=True,
                        capture_output=True,
                        text=True,
                        cwd=script.parents[1],
                    )
                    result = json.loads(child.stdout.strip().splitlines()[-1])
                    runs.setdefault(engine + label, []).append(result)
                    print(f"{engine}{label} round {turn + 1}: done", flush=True)
        print_table([_median_run(name, found) for name, found in runs.items()])
    finally:
        shutil.rmtree(home.root, ignore_errors=True)


if __name__ == "__main__":
    main()
