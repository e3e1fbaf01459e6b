"""Case and citation benchmark: what the case page and the document page's "Hänvisar
till" / "Hänvisas från" cost, beside reading the document alone, on a home of generated
pages (bench/gen_corpus.py, indexed by tantivy as `diarium reindex` does).

For random documents of the home, in this process with the index open once (as a
server holds it): the document read through the disclosure gate (what the document
page cost before), its references, its reverse references, and its case. Prints the
median and p95 of each, in milliseconds, side by side.

Usage: python bench/bench_cases.py [--pages 20000] [--samples 200] [--home DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_search import percentile, write_corpus  # noqa: E402

from diarium.app import cases, citations, documents  # noqa: E402
from diarium.app.indexes import IndexHandle  # noqa: E402
from diarium.corpus.store import CorpusStore  # noqa: E402
from diarium.ingest.home import Home  # noqa: E402
from diarium.ingest.indexing import rebuild_index  # noqa: E402


def timed(fn: Callable[[], object], runs: list[float]) -> None:
    start = time.perf_counter()
    fn()
    runs.append((time.perf_counter() - start) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    if args.home:
        home = Home(args.home)
    else:
        home = Home(Path(tempfile.mkdtemp(prefix="diarium-bench-cases-")))
        t0 = time.perf_counter()
        write_corpus(home, args.pages)
        rebuild_index(home, "tantivy")
        print(f"home of {args.pages} pages built in {time.perf_counter() - t0:.0f} s: {home.root}")
    ids = sorted(CorpusStore(home.corpus_dir).ids())
    sample = random.Random(5).sample(ids, min(args.samples, len(ids)))
    handle = IndexHandle(home, warm=True)
    handle.index()
    runs: dict[str, list[float]] = {
        "document alone": [],
        "+ Hänvisar till": [],
        "+ Hänvisas från": [],
        "case page": [],
    }
    for doc_id in sample:
        doc = documents.get(home, doc_id)
        timed(lambda: documents.get(home, doc_id), runs["document alone"])  # noqa: B023
        timed(lambda: citations.references(home, doc, handle), runs["+ Hänvisar till"])  # noqa: B023
        timed(lambda: citations.referenced_by(home, doc, handle), runs["+ Hänvisas från"])  # noqa: B023
        if doc.metadata.dnr:
            timed(lambda: cases.case(home, doc.metadata.dnr, handle), runs["case page"])  # noqa: B023
    print(f"{len(ids)} documents, {len(sample)} sampled; milliseconds per call")
    print(f"{'':18} {'median':>8} {'p95':>8}")
    for name, values in runs.items():
        if values:
            print(f"{name:18} {statistics.median(values):8.2f} {percentile(values, 0.95):8.2f}")


if __name__ == "__main__":
    main()
