"""Text-layer ingest throughput against plain pdfplumber and pypdfium2, in one run.

Copies the shared text PDFs until there are at least --pages pages (each copy gets a
trailing PDF comment so its SHA-256 differs and nothing is skipped), then measures on
those same files:
  * `diarium ingest` end to end (extraction, normalization, entities, store, index), in
    fresh homes, --runs times, median reported;
  * pdfplumber `extract_text()` and pypdfium2 `get_text_bounded()` alone;
  * the share of normalization and of entity extraction in a serial ingest (medians of
    --runs, each stage timed alone on the same files);
  * the median latency of ten searches on the resulting index.
Usage: python bench/bench_ingest.py [--pages 500] [--runs 3] [--workers N]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED_TEXT = REPO.parent / "shared" / "corpus" / "text"
QUERIES = [
    "kommun",
    "beslut",
    "Södertörn",
    '"samverkansöverenskommelse"',
    "klimat AND energi",
    "samarbetskommittén",
    "KS-2022/960.103",
    "infrastruktur",
    "bostäder",
    "utvecklingsprogram",
]


def make_inputs(folder: Path, min_pages: int) -> tuple[list[Path], int]:
    sources = sorted(SHARED_TEXT.glob("*.pdf"))
    if not sources:
        sys.exit(f"no PDFs in {SHARED_TEXT}")
    files: list[Path] = []
    pages = 0
    copy = 0
    while pages < min_pages:
        for src in sources:
            data = src.read_bytes() + f"\n%diarium-bench-copy {copy}\n".encode()
            target = folder / f"{src.stem}_{copy:03d}.pdf"
            target.write_bytes(data)
            files.append(target)
            pages += len(pdfium.PdfDocument(target))
        copy += 1
    return files, pages


def time_pdfplumber(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    return time.perf_counter() - start


def time_pypdfium2(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            page.close()
        pdf.close()
    return time.perf_counter() - start


def run_ingest(home: Path, inputs: Path, workers: int) -> float:
    """Seconds for one `diarium ingest` of the inputs into home, as a user runs it."""
    return run_ingest_cpu(home, inputs, workers)[0]


def run_ingest_cpu(home: Path, inputs: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and its workers) of one ingest. On a
    shared host the CPU seconds move far less with the load than the wall seconds."""
    cmd = [sys.executable, "-m", "diarium", "ingest", "--home", str(home)]
    cmd += ["--workers", str(workers), "--ocr", "never", str(inputs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def time_ingest(inputs: Path, workers: int) -> float:
    return time_ingest_cpu(inputs, workers)[0]


def time_ingest_cpu(inputs: Path, workers: int) -> tuple[float, float]:
    home = Path(tempfile.mkdtemp(prefix="diarium-bench-home-"))
    try:
        return run_ingest_cpu(home, inputs, workers)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def stage_shares(files: list[Path]) -> tuple[float, float, float, float, float]:
    """Wall seconds for text extraction, normalization and entities, serially, same files,
    and the CPU seconds of normalization and entities."""
    from diarium.extractors.entities import extract_entities
    from diarium.extractors.normalize import normalize_text
    from diarium.extractors.pages import PageOptions, triage_pages

    options = PageOptions(ocr="never")
    extract_entities(["Kommunstyrelsen 2022-01-01"])  # load rules before timing
    normalize_text("Förslag")
    t_text = t_norm = t_ent = c_norm = c_ent = 0.0
    for path in files:
        t0 = time.perf_counter()
        works = triage_pages(str(path), options)
        t1, c1 = time.perf_counter(), time.process_time()
        texts = [normalize_text(w.raw_text).text for w in works]
        t2, c2 = time.perf_counter(), time.process_time()
        extract_entities(texts)
        t3, c3 = time.perf_counter(), time.process_time()
        t_text += t1 - t0
        t_norm += t2 - t1
        t_ent += t3 - t2
        c_norm += c2 - c1
        c_ent += c3 - c2
    return t_text, t_norm, t_ent, c_norm, c_ent


def search_latencies(inputs: Path, workers: int) -> list[float]:
    home = Path(tempfile.mkdtemp(prefix="diarium-bench-search-"))
    try:
        run_ingest(home, inputs, workers)
        from diarium.index.base import SearchRequest
        from diarium.ingest.home import Home
        from diarium.ingest.indexing import open_home_index

        index = open_home_index(Home(home), create=False)
        index.search(SearchRequest(query="kommun"))  # warm
        out = []
        for q in QUERIES:
            start = time.perf_counter()
            index.search(SearchRequest(query=q, facets=True))
            out.append((time.perf_counter() - start) * 1000)
        return out
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    from diarium.ingest.executor import default_workers

    workers = args.workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="diarium-bench-in-") as tmp:
        inputs = Path(tmp)
        files, pages = make_inputs(inputs, args.pages)
        print(f"{len(files)} files, {pages} pages, {workers} workers, {args.runs} runs")
        ingest_s, plumber_s, pdfium_s = [], [], []
        for run in range(args.runs):
            ingest_s.append(time_ingest(inputs, workers))
            plumber_s.append(time_pdfplumber(files))
            pdfium_s.append(time_pypdfium2(files))
            print(
                f"  run {run + 1}: ingest {pages / ingest_s[-1]:.1f} p/s, "
                f"pdfplumber {pages / plumber_s[-1]:.1f} p/s, "
                f"pypdfium2 {pages / pdfium_s[-1]:.1f} p/s"
            )
        ing, plu, pdm = (pages / statistics.median(x) for x in (ingest_s, plumber_s, pdfium_s))
        print(
            f"median pages/s: diarium ingest {ing:.1f} | pdfplumber extract_text {plu:.1f} "
            f"| pypdfium2 {pdm:.1f}"
        )
        print(
            f"ratio ingest/pdfplumber {ing / plu:.2f}x (target >= 10x); "
            f"ingest/pypdfium2 {ing / pdm:.2f}x"
        )
        # The stage shares, each run: a serial ingest and the stages timed alone, same files.
        shares = []
        for _ in range(args.runs):
            t_text, t_norm, t_ent, c_norm, c_ent = stage_shares(files)
            serial_ingest, serial_cpu = time_ingest_cpu(inputs, 1)
            base = serial_ingest - t_norm - t_ent
            cpu_base = serial_cpu - c_norm - c_ent
            norm_share, ent_share, ent_cpu = t_norm / base, t_ent / base, c_ent / cpu_base
            shares.append((serial_ingest, t_text, t_norm, t_ent, norm_share, ent_share, ent_cpu))
        serial_ingest, t_text, t_norm, t_ent, norm_share, ent_share, ent_cpu_share = (
            statistics.median(x) for x in zip(*shares, strict=True)
        )
        print(
            f"serial ingest {pages / serial_ingest:.1f} p/s; text layer {t_text:.2f} s, "
            f"normalization {t_norm:.2f} s (+{100 * norm_share:.0f}% of ingest without it), "
            f"entities {t_ent:.2f} s (+{100 * ent_share:.0f}%, target <= +25%) "
            f"[medians of {args.runs}; entity share per run: "
            + ", ".join(f"{100 * x[5]:.0f}%" for x in shares)
            + "]"
        )
        print(
            f"in CPU seconds (less moved by a loaded host): entities +{100 * ent_cpu_share:.0f}% "
            "of the serial ingest's CPU without them [per run: "
            + ", ".join(f"{100 * x[6]:.0f}%" for x in shares)
            + "]"
        )
        lat = search_latencies(inputs, workers)
        print(
            f"search latency over {len(lat)} queries: median {statistics.median(lat):.1f} ms, "
            f"max {max(lat):.1f} ms"
        )


if __name__ == "__main__":
    main()
