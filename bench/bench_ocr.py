"""OCR throughput of `diarium ingest` against plain Tesseract and OCRmyPDF, in one run.

On the same scanned PDFs and the same number of processes, interleaved run by run (the
machine is shared, so only figures from one run compare):
  * diarium: `diarium ingest --workers N` into a fresh home (render, OCR, decide,
    normalize, entities, store, index);
  * tesseract: `tesseract -l swe` over pages pre-rendered at 300 dpi (rendering not
    timed), N processes with one thread each: what an archivist scripts by hand;
  * ceiling: the same pre-rendered pages read by Tesseract in process (tesserocr, one
    engine per process, pictures in memory, words iterated): Tesseract's own time per
    page with no rendering, no files and no process start;
  * ocrmypdf: `ocrmypdf -l swe --jobs N --output-type pdf`, file by file, run as an
    archivist runs it (their environment, OCRmyPDF's own threading). Give `--ocrmypdf
    PATH` once per installation to compare (Debian's `apt-get install ocrmypdf` is
    14.0.1 on bookworm, PyPI's is newer and about twice as fast); default: the one on
    PATH; skipped with a note when there is none.
Then the peak memory of one worker while ingesting a 100-page scan.
Usage: python bench/bench_ocr.py [--runs 3] [--workers N] [--long-pages 100] [--ocrmypdf PATH ...]
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
SCANNED = REPO.parent / "shared" / "corpus" / "scanned"
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def page_total(files: list[Path]) -> int:
    return sum(len(pdfium.PdfDocument(f)) for f in files)


def run_diarium(folder: Path, workers: int, repo: Path = REPO) -> float:
    home = Path(tempfile.mkdtemp(prefix="diarium-ocr-home-"))
    try:
        start = time.perf_counter()
        # Another checkout runs through bench/checkout.py: with the editable install,
        # `python -m diarium` in its folder would import this checkout's extractors.
        launcher = ["-m", "diarium"] if repo == REPO else [str(HERE / "checkout.py"), str(repo)]
        subprocess.run(
            [
                sys.executable,
                *launcher,
                "ingest",
                "--home",
                str(home),
                "--workers",
                str(workers),
                str(folder),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=repo,  # `python -m diarium` imports the tree it runs in
        )
        return time.perf_counter() - start
    finally:
        shutil.rmtree(home, ignore_errors=True)


def prerender(files: list[Path], target: Path) -> list[Path]:
    images = []
    for f in files:
        pdf = pdfium.PdfDocument(f)
        for i, page in enumerate(pdf):
            path = target / f"{f.stem}_{i:03d}.pgm"
            page.render(scale=300 / 72, grayscale=True).to_pil().save(path)
            images.append(path)
    return images


def run_tesseract(images: list[Path], workers: int, out: Path) -> float:
    def one(image: Path) -> None:
        subprocess.run(
            ["tesseract", str(image), str(out / image.stem), "-l", "swe"],
            check=True,
            env=ENV,
            capture_output=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def _ceiling_init() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from diarium.extractors.ocr.engine import engine_for

    engine_for("swe")


def _ceiling_page(image: Path) -> float:
    from PIL import Image

    from diarium.extractors.ocr.engine import engine_for

    with Image.open(image) as picture:
        picture.load()
        started = time.perf_counter()
        engine_for("swe").read(picture, 300, 600.0)
        return time.perf_counter() - started


def run_ceiling(images: list[Path], workers: int) -> tuple[float, float]:
    """(wall time, median seconds of Tesseract per page) reading in process."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_ceiling_init) as pool:
        list(pool.map(_noop, range(workers * 2)))
        start = time.perf_counter()
        per_page = list(pool.map(_ceiling_page, images))
        return time.perf_counter() - start, statistics.median(per_page)


def _noop(_: int) -> None:
    """Warms the pool: engines are made before the clock starts."""


def _timed_ceiling(images: list[Path], workers: int, page_seconds: list[float]) -> float:
    wall, per_page = run_ceiling(images, workers)
    page_seconds.append(per_page)
    return wall


def _ocrmypdf_runner(tool: str, files: list[Path], workers: int, work: Path) -> Callable[[], float]:
    return lambda: run_ocrmypdf(tool, files, workers, work)


def run_ocrmypdf(tool: str, files: list[Path], workers: int, out: Path) -> float:
    start = time.perf_counter()
    for f in files:
        subprocess.run(
            [
                tool,
                "-l",
                "swe",
                "--jobs",
                str(workers),
                "--output-type",
                "pdf",
                str(f),
                str(out / f.name),
            ],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - start


def ocrmypdf_label(tool: str) -> str:
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    return f"ocrmypdf {version.strip().split('+')[0]}"


def worker_peak_mb(source: Path, pages: int, workers: int) -> float:
    """Peak RSS of the largest child process while ingesting a ``pages``-page scan."""
    with tempfile.TemporaryDirectory(prefix="diarium-ocr-long-") as tmp:
        long_pdf = Path(tmp) / "long.pdf"
        src = pdfium.PdfDocument(source)
        dst = pdfium.PdfDocument.new()
        while len(dst) < pages:
            dst.import_pages(src, list(range(min(len(src), pages - len(dst)))))
        dst.save(long_pdf)
        code = (
            "import resource, sys\n"
            "from diarium.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        )
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                "ingest",
                "--home",
                str(Path(tmp) / "h"),
                "--workers",
                str(workers),
                str(long_pdf),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        children_kb, parent_kb = map(int, result.stderr.strip().splitlines()[-1].split())
        print(f"  (parent peak {parent_kb / 1024:.0f} MB)")
        return children_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--ocrmypdf", action="append", default=[])
    parser.add_argument("--long-pages", type=int, default=100)
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout of diarium (e.g. `git archive main`) run as a fourth contender",
    )
    args = parser.parse_args()
    files = sorted(SCANNED.glob("*.pdf"))
    if not files:
        sys.exit(f"no scans in {SCANNED}")
    pages = page_total(files)
    paths = args.ocrmypdf or [p for p in [shutil.which("ocrmypdf")] if p]
    tools = {ocrmypdf_label(path): path for path in paths}
    print(f"{len(files)} scanned PDFs, {pages} pages, {args.workers} processes, {args.runs} runs")
    results: dict[str, list[float]] = {"diarium": [], "tesseract": [], "ceiling": []}
    if args.before:
        results["before"] = []
    results.update({label: [] for label in tools})
    page_seconds: list[float] = []
    with tempfile.TemporaryDirectory(prefix="diarium-ocr-bench-") as tmp:
        work = Path(tmp)
        images = prerender(files, work)
        runners = {
            "diarium": lambda: run_diarium(SCANNED, args.workers),
            **(
                {"before": lambda: run_diarium(SCANNED, args.workers, args.before)}
                if args.before
                else {}
            ),
            "tesseract": lambda: run_tesseract(images, args.workers, work),
            "ceiling": lambda: _timed_ceiling(images, args.workers, page_seconds),
            **{
                label: _ocrmypdf_runner(tool, files, args.workers, work)
                for label, tool in tools.items()
            },
        }
        order = list(runners)
        for run in range(args.runs):
            # Interleaved, and each run starts with another contender, so a slow spell
            # of the shared machine does not land on one of them only.
            for name in order[run % len(order) :] + order[: run % len(order)]:
                results[name].append(runners[name]())
            line = ", ".join(f"{k} {pages / v[-1]:.2f} p/s" for k, v in results.items() if v)
            print(f"  run {run + 1}: {line}")
    rate = {k: pages / statistics.median(v) for k, v in results.items() if v}
    print("median pages/s: " + " | ".join(f"{k} {v:.2f}" for k, v in rate.items()))
    print(f"diarium / tesseract = {rate['diarium'] / rate['tesseract']:.2f} (target >= 1.0)")
    print(
        f"ceiling: Tesseract in process, {statistics.median(page_seconds):.2f} s per 300-dpi "
        f"page (median), {rate['ceiling']:.2f} p/s on {args.workers} processes; "
        f"diarium / ceiling = {rate['diarium'] / rate['ceiling']:.2f}"
    )
    if args.before:
        print(f"before ({args.before}) / tesseract = {rate['before'] / rate['tesseract']:.2f}")
    for label in tools:
        print(f"diarium / {label} = {rate['diarium'] / rate[label]:.2f} (target >= 2)")
    if not tools:
        print("ocrmypdf not installed: comparison skipped (pass --ocrmypdf PATH)")
    peak = worker_peak_mb(files[1], args.long_pages, args.workers)
    print(
        f"largest child process peak on a {args.long_pages}-page scan: {peak:.0f} MB "
        "(target < 500 MB)"
    )


if __name__ == "__main__":
    main()
