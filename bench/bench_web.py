"""Web benchmark: the search page and the search API of `diarium serve` under 8
concurrent clients over loopback, side by side with `diarium search` run as a process,
on a home of generated pages (bench/gen_corpus.py, written to a corpus store and
indexed by tantivy as `diarium reindex` does).

Each client keeps one HTTP connection and sends its share of a fixed number of requests
(a mix of one word, three words, a case number and a word with a year filter); the
server runs in its own process. Prints p50/p95 latency and requests/s per kind.

Usage: python bench/bench_web.py [--pages 100000] [--clients 8] [--requests 800]
       [--processes 16]
Not part of the test run: building 100,000 pages takes about a minute.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_search import percentile, write_corpus  # noqa: E402

from corpus.model import Document  # noqa: E402
from ingest.home import Home  # noqa: E402
from ingest.indexing import rebuild_index  # noqa: E402

DIARIUM = [sys.executable, "-m", "diarium"]


def build_home(pages: int) -> tuple[Home, list[dict[str, str]]]:
    """The generated home, and a list of queries drawn from its own words and numbers."""
    home = Home(Path(tempfile.mkdtemp(prefix="diarium-bench-web-")))
    t0 = time.perf_counter()
    write_corpus(home, pages)
    dnrs: list[str] = []
    words: list[str] = []

    def remember(doc: Document) -> None:
        if len(dnrs) < 2000:
            dnrs.append(doc.metadata.dnr_text or "")
            words.extend(w for w in doc.pages[1].text.split()[:20] if w.isalpha())

    rebuild_index(home, "tantivy", on_doc=remember)
    print(f"home of {pages} pages built in {time.perf_counter() - t0:.0f} s: {home.root}")
    rng = random.Random(5)
    queries: list[dict[str, str]] = []
    for i in range(4000):
        kind = i % 4
        if kind == 0:
            queries.append({"q": rng.choice(words)})
        elif kind == 1:
            queries.append({"q": " ".join(rng.sample(words, 3))})
        elif kind == 2:
            queries.append({"q": rng.choice(dnrs).lower().replace("-", " ", 1)})
        else:
            queries.append({"q": rng.choice(words), "year": str(rng.randint(2012, 2025))})
    return home, queries


def start_server(home: Home, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [*DIARIUM, "serve", "--home", str(home.root), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("diarium serve did not start")


def load(
    clients: int, requests: int, work: Callable[[int, int], None]
) -> tuple[list[float], float]:
    """``clients`` threads share ``requests`` calls of ``work(client, i)``; returns each
    call's latency in ms and the wall time in s."""
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = requests // clients

    def client(c: int) -> None:
        mine = []
        for i in range(per_client):
            t0 = time.perf_counter()
            work(c, c * per_client + i)
            mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - start


def http_work(base: str, path: str, queries: list[dict[str, str]], clients: int):  # type: ignore[no-untyped-def]
    sessions = [httpx.Client(base_url=base, timeout=60) for _ in range(clients)]

    def work(c: int, i: int) -> None:
        response = sessions[c].get(f"{path}?{urlencode(queries[i % len(queries)])}")
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.text[:200]}")

    return work, sessions


def process_work(home: Home, queries: list[dict[str, str]]) -> Callable[[int, int], None]:
    def work(_c: int, i: int) -> None:
        q = queries[i % len(queries)]
        args = [*DIARIUM, "search", "--home", str(home.root), "--facets", q["q"]]
        if "year" in q:
            args += ["--year", q["year"]]
        subprocess.run(args, check=True, capture_output=True)

    return work


def row(name: str, latencies: list[float], seconds: float) -> str:
    return (
        f"{name:34}{statistics.median(latencies):>10.1f}{percentile(latencies, 0.95):>10.1f}"
        f"{len(latencies) / seconds:>12.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800, help="per kind, all clients")
    parser.add_argument("--warmup", type=int, default=200, help="untimed requests per kind")
    parser.add_argument("--processes", type=int, default=16, help="`diarium search` runs")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    home, queries = build_home(args.pages)
    server = start_server(home, args.port)
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        for name, path in (("search API  /api/search", "/api/search"), ("search page /", "/")):
            work, sessions = http_work(base, path, queries, args.clients)
            # Warm-up with other queries than the timed ones (no answer is cached, but the
            # index's pages should be in memory, as on a server that has run for a while).
            warm = queries[len(queries) // 2 :]
            warm_work, warm_sessions = http_work(base, path, warm, args.clients)
            load(args.clients, args.warmup, warm_work)
            latencies, seconds = load(args.clients, args.requests, work)
            rows.append(row(f"{name}, {args.clients} clients", latencies, seconds))
            for s in sessions + warm_sessions:
                s.close()
        single, seconds = load(1, max(4, args.processes // 4), process_work(home, queries))
        rows.append(row("`diarium search` process, 1 at a time", single, seconds))
        many, seconds = load(args.clients, args.processes, process_work(home, queries))
        rows.append(row(f"`diarium search` process, {args.clients} at once", many, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(home.root, ignore_errors=True)
    print(f"\n{args.pages} pages, {args.requests} requests per kind")
    print(f"{'':34}{'p50 ms':>10}{'p95 ms':>10}{'requests/s':>12}")
    for line in rows:
        print(line)


if __name__ == "__main__":
    main()
