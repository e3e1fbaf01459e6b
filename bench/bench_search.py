"""Search benchmark on a generated corpus (bench/gen_corpus.py): build rate, size on
disk, peak memory while building, and warm query latency per query kind.

Usage: python bench/bench_search.py [--pages 100000] [--queries 50] [--engine whoosh]
Not part of the test run: it takes minutes at 100,000 pages.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import documents  # noqa: E402

from index import open_index  # noqa: E402
from index.base import SearchRequest  # noqa: E402
from ingest.indexing import index_documents  # noqa: E402


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--engine", default="whoosh")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="diarium-bench-search-"))
    try:
        index = open_index(home / "index", args.engine)
        dnrs: list[str] = []
        titles: list[str] = []
        words: list[str] = []

        def remember(doc):  # type: ignore[no-untyped-def]
            if len(dnrs) < 5000:
                dnrs.append(doc.metadata.dnr_text)
                titles.append(doc.metadata.title)
                words.extend(w for w in doc.pages[1].text.split()[:20] if w.isalpha())

        start = time.perf_counter()
        count = index_documents(index, documents(args.pages), remember)
        build = time.perf_counter() - start
        stats = index.stats()
        pages = stats["pages"]
        print(f"engine {args.engine}: {count} documents, {pages} pages")
        print(
            f"build {pages / build:.0f} pages/s ({build:.0f} s); "
            f"{stats['size_bytes'] / pages:.0f} bytes/page on disk "
            f"({stats['size_bytes'] / 1e6:.0f} MB); peak memory {peak_mb():.0f} MB"
        )
        rng = random.Random(3)
        kinds = {
            "one word": lambda: SearchRequest(rng.choice(words)),
            "three words": lambda: SearchRequest(" ".join(rng.sample(words, 3))),
            "phrase": lambda: SearchRequest(f'"{" ".join(rng.choice(titles).split()[:2])}"'),
            "case number": lambda: SearchRequest(rng.choice(dnrs).lower().replace("-", " ", 1)),
            "faceted": lambda: SearchRequest(
                rng.choice(words), facets=True, filters={"year": [str(rng.randint(2012, 2025))]}
            ),
        }
        index.search(SearchRequest("kommun", facets=True))  # warm: caches, doc table
        for name, make in kinds.items():
            times = []
            for _ in range(args.queries):
                request = make()
                t0 = time.perf_counter()
                index.search(request)
                times.append((time.perf_counter() - t0) * 1000)
            print(
                f"{name:12} median {statistics.median(times):7.1f} ms   "
                f"p95 {percentile(times, 0.95):7.1f} ms"
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
