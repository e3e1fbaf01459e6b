"""The shared scans through the local process pool and through a Dask cluster, in one run.

Each round, in turn, into a fresh home each time, as `diarium ingest` subprocesses:
  * pool N:     `diarium ingest --workers N` (the local pool, forked after warm-up);
  * cluster N:  `diarium ingest --cluster ADDR` against a LocalCluster of N worker
                processes with one thread each, started once before the rounds (a
                cluster is long-lived; its start-up is reported on its own);
  * cluster 1: the same with one worker, for scaling (and pool 1 with --pool-1).
Then, on the N-worker cluster, the worker-side work (triage + OCR of every page, no
assembly) with the PDFs read by path from shared storage against the PDFs' bytes
scattered to the workers, and the fixed cost of an in-process LocalCluster on the text
set (cluster start included) against the local pool.
Medians over --runs rounds; the kinds are interleaved in each round, so a load that
comes and goes on the machine falls on all of them alike.
Usage: python bench/bench_cluster.py [--runs 3] [--workers 2] [--pool-1] [--files K]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from distributed import Client, LocalCluster

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
SCANNED = SHARED / "scanned"
TEXT = SHARED / "text"


def page_total(folder: Path) -> int:
    return sum(len(pdfium.PdfDocument(f)) for f in sorted(folder.glob("*.pdf")))


def run_cli(folder: Path, *how: str) -> float:
    home = Path(tempfile.mkdtemp(prefix="diarium-cluster-home-"))
    try:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "diarium", "ingest", "--home", str(home), *how, str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=REPO,
        )
        return time.perf_counter() - start
    finally:
        shutil.rmtree(home, ignore_errors=True)


def start_cluster(workers: int) -> tuple[LocalCluster, float]:
    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    return cluster, time.perf_counter() - start


def worker_side(client: Client, files: list[Path], by_bytes: bool) -> float:
    """Triage and OCR of every page on the cluster, the PDF given by path or by bytes."""
    from diarium.extractors.pages import PageOptions, ocr_page, triage_pages

    options = PageOptions(ocr="always")
    start = time.perf_counter()
    sources = [client.scatter(f.read_bytes()) if by_bytes else str(f.resolve()) for f in files]
    triaged = [client.submit(triage_pages, s, options, pure=False) for s in sources]
    pages = []
    for source, works in zip(sources, client.gather(triaged), strict=True):
        pages += [client.submit(ocr_page, source, w, options, pure=False) for w in works]
    client.gather(pages)
    elapsed = time.perf_counter() - start
    del sources, triaged, pages
    return elapsed


WARM_UP = """
import resource, time
start = time.perf_counter()
from diarium.ingest.pipeline import warm_up
warm_up()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def warm_up_cost() -> tuple[float, float]:
    """Seconds and peak MB for a fresh process to import diarium and load its models:
    paid once per Dask worker process (the local pool pays it once, before forking)."""
    out = subprocess.run(
        [sys.executable, "-c", WARM_UP], check=True, capture_output=True, text=True, cwd=REPO
    ).stdout.split()
    return float(out[0]), float(out[1])


def median_rate(pages: int, seconds: list[float]) -> str:
    med = statistics.median(seconds)
    return (
        f"{pages / med:6.3f} pages/s  (median {med:6.1f} s of {len(seconds)}: "
        + ", ".join(f"{s:.1f}" for s in seconds)
        + ")"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pool-1", action="store_true", help="also the pool with 1 worker")
    parser.add_argument("--files", type=int, default=0, help="first K scans only (a quick try)")
    args = parser.parse_args()
    n = args.workers
    files = sorted(SCANNED.glob("*.pdf"))[: args.files or None]
    scans = Path(tempfile.mkdtemp(prefix="diarium-cluster-scans-"))
    for f in files:
        shutil.copy(f, scans / f.name)
    pages = page_total(scans)
    print(f"{len(files)} scanned PDFs, {pages} pages; {args.runs} rounds; N = {n}")

    big, big_start = start_cluster(n)
    one, one_start = start_cluster(1)
    print(f"LocalCluster start-up: {n} workers {big_start:.1f} s, 1 worker {one_start:.1f} s")
    times: dict[str, list[float]] = {k: [] for k in ("pool N", "cluster N", "cluster 1", "pool 1")}
    runs: dict[str, Callable[[], float]] = {
        "pool N": lambda: run_cli(scans, "--workers", str(n)),
        "cluster N": lambda: run_cli(scans, "--cluster", big.scheduler_address),
        "cluster 1": lambda: run_cli(scans, "--cluster", one.scheduler_address),
    }
    if args.pool_1:
        runs["pool 1"] = lambda: run_cli(scans, "--workers", "1")
    try:
        for round_no in range(1, args.runs + 1):
            for name, fn in runs.items():
                times[name].append(fn())
                print(f"  round {round_no} {name:9s} {times[name][-1]:6.1f} s", flush=True)
        one.close()

        client = Client(big.scheduler_address, set_as_default=False)
        by_path: list[float] = []
        by_bytes: list[float] = []
        for _ in range(args.runs):
            by_path.append(worker_side(client, files, by_bytes=False))
            by_bytes.append(worker_side(client, files, by_bytes=True))
        client.close()
    finally:
        big.close()
        shutil.rmtree(scans, ignore_errors=True)

    text_pages = page_total(TEXT)
    pool_text: list[float] = []
    cluster_text: list[float] = []
    for _ in range(args.runs):
        pool_text.append(run_cli(TEXT, "--workers", str(n)))
        start = time.perf_counter()
        cluster, _ = start_cluster(n)
        try:
            run_cli(TEXT, "--cluster", cluster.scheduler_address)
        finally:
            cluster.close()
        cluster_text.append(time.perf_counter() - start)

    print(f"\nScanned set, whole `diarium ingest` ({pages} pages):")
    for name, label in (
        ("pool N", f"local pool, {n} workers"),
        ("cluster N", f"LocalCluster, {n} workers"),
        ("pool 1", "local pool, 1 worker"),
        ("cluster 1", "LocalCluster, 1 worker"),
    ):
        if times[name]:
            print(f"  {label:26s} {median_rate(pages, times[name])}")
    pool_n, cluster_n = (statistics.median(times[k]) for k in ("pool N", "cluster N"))
    cluster_1 = statistics.median(times["cluster 1"])
    print(f"  cluster / pool at {n} workers: {pool_n / cluster_n:.2f} of the pool's pages/s")
    print(f"  cluster scaling 1 -> {n} workers: {cluster_1 / cluster_n:.2f}x")
    print(f"\nWorker side only (triage + OCR of {pages} pages) on the {n}-worker cluster:")
    print(f"  PDFs by path (shared storage) {median_rate(pages, by_path)}")
    print(f"  PDFs as bytes (scattered)     {median_rate(pages, by_bytes)}")
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"  bytes shipped by the parent for the set: {size:.1f} MB ({size / pages:.2f} MB/page)")
    print(f"\nText set ({text_pages} pages), fixed cost of an in-process LocalCluster:")
    print(f"  local pool, {n} workers                {median_rate(text_pages, pool_text)}")
    print(f"  LocalCluster started for the run      {median_rate(text_pages, cluster_text)}")
    warm = [warm_up_cost() for _ in range(args.runs)]
    print(
        f"\nWarm-up of one worker process (import + lexicons + spaCy): "
        f"{statistics.median(w[0] for w in warm):.1f} s, "
        f"peak {statistics.median(w[1] for w in warm):.0f} MB"
    )
    print(f"(os.cpu_count() = {os.cpu_count()}; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
