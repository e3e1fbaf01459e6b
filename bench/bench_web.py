"""Web benchmark: the search page and the search API of `diarium serve` under 8
concurrent clients over loopback, side by side with `diarium search` run as a process,
on a home of generated pages (bench/gen_corpus.py, written to a corpus store and
indexed by tantivy as `diarium reindex` does).

Each client keeps one HTTP connection and sends its share of a fixed number of requests
(a mix of one word, three words, a case number and a word with a year filter); the
server runs in its own process. Prints p50/p95 latency and requests/s per kind.

With ``--sign-in both`` each kind runs with the home's accounts off (no account: the
local single user) and on (every client signed in as a reader through ``/logga-in``,
sending its session cookie; each request then checks the cookie, looks the account up
and searches with restricted documents filtered out), interleaved ``--runs`` times,
and prints the medians side by side.

Usage: python bench/bench_web.py [--pages 100000] [--clients 8] [--requests 800]
       [--warmup 1000] [--processes 16] [--workers 1,2] [--threads N] [--home DIR]
       [--sign-in off|on|both] [--runs 3]
Not part of the test run: building 100,000 pages takes about a minute.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
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

from diarium.corpus.store import CorpusStore  # noqa: E402
from diarium.ingest.home import Home  # noqa: E402
from diarium.ingest.indexing import open_home_index, rebuild_index  # noqa: E402

DIARIUM = [sys.executable, "-m", "diarium"]


def build_home(pages: int) -> Home:
    """A home of generated pages, indexed by tantivy."""
    home = Home(Path(tempfile.mkdtemp(prefix="diarium-bench-web-")))
    t0 = time.perf_counter()
    write_corpus(home, pages)
    rebuild_index(home, "tantivy")
    print(f"home of {pages} pages built in {time.perf_counter() - t0:.0f} s: {home.root}")
    return home


def make_queries(home: Home) -> list[dict[str, str]]:
    """Queries drawn from the home's own words and case numbers."""
    dnrs: list[str] = []
    words: list[str] = []
    for doc in itertools.islice(CorpusStore(home.corpus_dir).documents(), 2000):
        if doc.metadata.dnr_text:
            dnrs.append(doc.metadata.dnr_text)
        words.extend(w for w in doc.pages[min(1, doc.n_pages - 1)].text.split()[:20] if w.isalpha())
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
    return queries


def start_server(
    home: Home, port: int, workers: int, threads: int | None = None
) -> subprocess.Popen[bytes]:
    command = [*DIARIUM, "serve", "--home", str(home.root), "--port", str(port)]
    command += ["--workers", str(workers)]
    if threads:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/style.css", timeout=5).status_code == 200:
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
    clients = max(1, min(clients, requests))
    latencies: list[float] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    per_client = requests // clients

    def client(c: int) -> None:
        mine = []
        try:
            for i in range(per_client):
                t0 = time.perf_counter()
                work(c, c * per_client + i)
                mine.append((time.perf_counter() - t0) * 1000)
        except BaseException as exc:
            failures.append(exc)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"a client failed: {failures[0]}")
    return latencies, time.perf_counter() - start


BENCH_USER = "bench-reader"
BENCH_PASSWORD = "bench-lösenord-1"


def accounts(home: Home, on: bool) -> None:
    """Switch the home's accounts on (one reader) or off (the accounts file moved
    aside, so the server serves the local single user as without accounts)."""
    from diarium.app.accounts import add_user, any_accounts
    from diarium.app.authdb import db_path

    live = db_path(home)
    stash = home.root / "accounts-off"
    if on:
        if stash.is_dir():
            for f in stash.iterdir():
                f.rename(home.root / f.name)
            stash.rmdir()
        if not any_accounts(home):
            add_user(home, BENCH_USER, "reader", BENCH_PASSWORD, by="bench")
        return
    stash.mkdir(exist_ok=True)
    for f in live.parent.glob(live.name + "*"):
        f.rename(stash / f.name)


def session_cookie(port: int) -> str:
    """Sign in as the bench's reader through the sign-in page; the session cookie."""
    import re

    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        page = client.get("/logga-in")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        answer = client.post(
            "/logga-in",
            data={"name": BENCH_USER, "password": BENCH_PASSWORD, "csrf": csrf, "next": "/"},
        )
        if answer.status_code != 303:
            raise SystemExit(f"sign-in failed: {answer.status_code} {answer.text[:200]}")
        return f"diarium_session={client.cookies['diarium_session']}"


def http_work(  # type: ignore[no-untyped-def]
    port: int, path: str, queries: list[dict[str, str]], clients: int, cookie: str | None = None
):
    """Each client one kept-alive connection (the standard library's: a light client,
    so that on a small machine the clients take little CPU from the server)."""
    sessions = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in range(clients)]
    headers = {"Cookie": cookie} if cookie else {}

    def work(c: int, i: int) -> None:
        sessions[c].request(
            "GET", f"{path}?{urlencode(queries[i % len(queries)])}", headers=headers
        )
        response = sessions[c].getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}: {body[:200]!r}")

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


def http_run(
    port: int,
    path: str,
    queries: list[dict[str, str]],
    args: argparse.Namespace,
    label: str,
    cookie: str | None = None,
) -> str:
    return row(label, *http_latencies(port, path, queries, args, cookie))


def http_latencies(
    port: int,
    path: str,
    queries: list[dict[str, str]],
    args: argparse.Namespace,
    cookie: str | None = None,
) -> tuple[list[float], float]:
    work, sessions = http_work(port, path, queries, args.clients, cookie)
    # Warm-up with other queries than the timed ones (no answer is cached, but the
    # index's pages and the processes' caches should be warm, as on a server that has
    # run for a while).
    warm_work, warm_sessions = http_work(
        port, path, queries[len(queries) // 2 :], args.clients, cookie
    )
    load(args.clients, args.warmup, warm_work)
    latencies, seconds = load(args.clients, args.requests, work)
    for session in sessions + warm_sessions:
        session.close()
    return latencies, seconds


def server_cpu(server: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the server and its worker processes: what a request
    costs the server, less swayed by other load on the machine than its latency."""
    import psutil

    root = psutil.Process(server.pid)
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def in_process_cost(home: Home, queries: list[dict[str, str]], rounds: int) -> None:
    """Server CPU per request with accounts off and on, in one process and without an
    HTTP client (each request handed straight to the ASGI application), two copies of
    the home side by side and their rounds interleaved: the cost of signing in without
    the machine's noise or a client's cookie handling."""
    import asyncio
    import re

    from fastapi.testclient import TestClient

    from diarium.web.server import create_app

    on_home = Home(Path(tempfile.mkdtemp(prefix="diarium-bench-on-")))
    shutil.copytree(home.root, on_home.root, dirs_exist_ok=True)
    accounts(home, False)
    accounts(on_home, True)
    try:
        off_app, on_app = create_app(home), create_app(on_home)
        with TestClient(on_app, base_url="http://localhost") as client:
            page = client.get("/logga-in")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            client.post("/logga-in", data={"name": BENCH_USER, "password": BENCH_PASSWORD,
                                           "csrf": csrf}, follow_redirects=False)
            cookie = f"diarium_session={client.cookies['diarium_session']}"

        async def batch(app, path: str, cookie: str | None, n: int) -> None:  # type: ignore[no-untyped-def]
            for q in queries[:n]:
                await asgi_get(app, path, urlencode(q), cookie)

        # Both apps warm (each index's facet values load in a background thread, whose
        # CPU this process would count) before anything is timed.
        for path in ("/api/search", "/"):
            asyncio.run(batch(off_app, path, None, 200))
            asyncio.run(batch(on_app, path, cookie, 200))
        time.sleep(3)
        for path in ("/api/search", "/"):
            cost: dict[str, list[float]] = {"off": [], "on": []}
            for _ in range(rounds):
                for name, app, jar in (("off", off_app, None), ("on", on_app, cookie)):
                    t0 = time.process_time()
                    asyncio.run(batch(app, path, jar, 300))
                    cost[name].append((time.process_time() - t0) / 300 * 1000)
            a, b = statistics.median(cost["off"]), statistics.median(cost["on"])
            print(f"in-process server CPU per request {path}: off {a:.2f} ms, on {b:.2f} ms "
                  f"({100 * (b / a - 1):+.1f} %), medians of {rounds} interleaved rounds")
        parts_cost(on_home)
    finally:
        shutil.rmtree(on_home.root, ignore_errors=True)


async def asgi_get(app, path: str, query: str, cookie: str | None) -> None:  # type: ignore[no-untyped-def]
    """One GET handed to the ASGI application, as uvicorn would hand it; fails on
    anything but 200."""
    headers = [(b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": query.encode(), "headers": headers,
        "client": ("127.0.0.1", 50000), "server": ("bench", 80),
    }
    status = 0

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])  # type: ignore[call-overload]

    await app(scope, receive, send)
    if status != 200:
        raise SystemExit(f"{path}?{query} answered {status}")


def parts_cost(home: Home) -> None:
    """What signing in adds to each request, part by part: the session cookie checked
    and signed again (itsdangerous, as SessionMiddleware does), the account looked up
    (SQLite), and the search with the restricted filter against the same search without
    it (same queries, same index)."""
    import base64
    import json
    import timeit

    import itsdangerous

    from diarium.app.access import Viewer
    from diarium.app.accounts import user_named
    from diarium.app.authdb import session_secret
    from diarium.app.indexes import IndexHandle
    from diarium.app.search import SearchQuery, search

    n = 5000
    lookup = timeit.timeit(lambda: user_named(home, BENCH_USER), number=n) / n * 1e6
    signer = itsdangerous.TimestampSigner(session_secret(home))
    data = base64.b64encode(json.dumps({"user": BENCH_USER, "csrf": "x" * 43}).encode())
    cookie = signer.sign(data)
    signing = timeit.timeit(
        lambda: (signer.unsign(cookie, max_age=3600), signer.sign(data)), number=n
    ) / n * 1e6
    handle = IndexHandle(home)
    words = ["beslut", "kommun", "förslag nämnden beslut", "bygglov", "beslut nämnden"]
    viewers = (Viewer("o", "officer"), Viewer("r", "reader"))
    for viewer in viewers:
        for w in words:
            search(home, SearchQuery(text=w, facets=True), handle, viewer)
    spent: dict[str, list[float]] = {"officer": [], "reader": []}
    for _ in range(7):
        for viewer in viewers:
            t0 = time.process_time()
            for _ in range(20):
                for w in words:
                    search(home, SearchQuery(text=w, facets=True), handle, viewer)
            spent[viewer.role].append((time.process_time() - t0) / (20 * len(words)) * 1000)
    plain, filtered = (statistics.median(spent[r]) for r in ("officer", "reader"))
    print(f"parts: account lookup {lookup:.0f} us, cookie check and re-sign {signing:.0f} us, "
          f"search CPU without / with the restricted filter {plain:.2f} / {filtered:.2f} ms")


def sign_in_comparison(home: Home, queries: list[dict[str, str]], args: argparse.Namespace) -> None:
    """Accounts off and on, interleaved ``args.runs`` times, per worker count and kind;
    medians of the runs' p50 and p95 side by side."""
    kinds = (("API  /api/search", "/api/search"), ("page /", "/"))
    results: dict[tuple[int, str, bool], list[tuple[float, float, float]]] = {}
    for run in range(args.runs):
        for workers in (int(w) for w in args.workers.split(",")):
            for on in (False, True) if run % 2 == 0 else (True, False):
                accounts(home, on)
                server = start_server(home, args.port, workers, args.threads)
                try:
                    cookie = session_cookie(args.port) if on else None
                    for name, path in kinds:
                        # CPU of warm-up and timed requests together, per request.
                        cpu0 = server_cpu(server)
                        latencies, _ = http_latencies(args.port, path, queries, args, cookie)
                        cpu = 1000 * (server_cpu(server) - cpu0) / (args.requests + args.warmup)
                        p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
                        results.setdefault((workers, name, on), []).append((p50, p95, cpu))
                        print(
                            f"run {run + 1}: {name}, {workers} worker(s), sign-in "
                            f"{'on ' if on else 'off'}: p50 {p50:.1f} p95 {p95:.1f} ms, "
                            f"server CPU {cpu:.2f} ms/request",
                            flush=True,
                        )
                finally:
                    server.terminate()
                    server.wait(timeout=30)
    accounts(home, False)
    print(f"\n{args.requests} requests per kind and run, {args.clients} clients, "
          f"medians of {args.runs} interleaved runs")
    print(
        f"{'':34}{'p50 off':>9}{'p50 on':>9}{'p95 off':>9}{'p95 on':>9}{'p95 +%':>8}"
        f"{'CPU off':>9}{'CPU on':>9}{'CPU +%':>8}"
    )
    for workers in (int(w) for w in args.workers.split(",")):
        for name, _ in kinds:
            off = results[(workers, name, False)]
            on_ = results[(workers, name, True)]
            p50 = [statistics.median(x[0] for x in r) for r in (off, on_)]
            p95 = [statistics.median(x[1] for x in r) for r in (off, on_)]
            cpu = [statistics.median(x[2] for x in r) for r in (off, on_)]
            print(
                f"{name + f', {workers} worker(s)':34}{p50[0]:>9.1f}{p50[1]:>9.1f}"
                f"{p95[0]:>9.1f}{p95[1]:>9.1f}{100 * (p95[1] / p95[0] - 1):>+8.1f}"
                f"{cpu[0]:>9.2f}{cpu[1]:>9.2f}{100 * (cpu[1] / cpu[0] - 1):>+8.1f}"
            )
    print("runs (p95 off / on): " + "; ".join(
        f"{name.split()[0]} {w}w: "
        + ", ".join(f"{a[1]:.1f}/{b[1]:.1f}" for a, b in zip(
            results[(w, name, False)], results[(w, name, True)], strict=True))
        for w in (int(x) for x in args.workers.split(",")) for name, _ in kinds
    ))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800, help="per kind, all clients")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1000,
        help="untimed requests per kind first: each worker process's caches of stems, "
        "word forms and facet values filled, as on a server that has run for a while",
    )
    parser.add_argument("--processes", type=int, default=16, help="`diarium search` runs")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", default="1,2", help="server processes, one run each")
    parser.add_argument("--home", type=Path, help="an existing home to use (kept)")
    parser.add_argument("--threads", type=int, help="handler threads per worker (serve's default)")
    parser.add_argument(
        "--sign-in",
        choices=["off", "on", "both"],
        default="off",
        help="serve without accounts (off), with every client signed in (on), or both "
        "side by side (interleaved --runs times)",
    )
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs for --sign-in both")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="with --sign-in both: only the in-process CPU cost per request, no server",
    )
    args = parser.parse_args()
    home = Home(args.home) if args.home else build_home(args.pages)
    queries = make_queries(home)
    pages = open_home_index(home, create=False).stats()["pages"]
    if args.sign_in == "both":
        print(f"{pages} pages")
        try:
            if not args.in_process:
                sign_in_comparison(home, queries, args)
            in_process_cost(home, queries, max(args.runs, 5))
        finally:
            if not args.home:
                shutil.rmtree(home.root, ignore_errors=True)
        return
    accounts(home, args.sign_in == "on")
    rows = []
    try:
        for workers in (int(w) for w in args.workers.split(",")):
            server = start_server(home, args.port, workers, args.threads)
            try:
                cookie = session_cookie(args.port) if args.sign_in == "on" else None
                for name, path in (("API  /api/search", "/api/search"), ("page /", "/")):
                    label = f"{name}, {workers} worker(s)"
                    rows.append(http_run(args.port, path, queries, args, label, cookie))
            finally:
                server.terminate()
                server.wait(timeout=30)
        if args.processes:
            single, seconds = load(1, max(4, args.processes // 4), process_work(home, queries))
            rows.append(row("`diarium search` process, 1 at a time", single, seconds))
            many, seconds = load(args.clients, args.processes, process_work(home, queries))
            clients = min(args.clients, args.processes)
            rows.append(row(f"`diarium search` process, {clients} at once", many, seconds))
    finally:
        if not args.home:
            shutil.rmtree(home.root, ignore_errors=True)
    print(f"\n{pages} pages, {args.requests} requests per kind, {args.clients} clients")
    print(f"{'':34}{'p50 ms':>10}{'p95 ms':>10}{'requests/s':>12}")
    for line in rows:
        print(line)


if __name__ == "__main__":
    main()
