"""What each step of diarium's page reading wins, page by page, in one process.

For every page of the shared scans (and the dev scans), interleaved so that a slow spell
of the shared machine hits every variant alike, medians of ``--runs``:
  1. cli-300:      the page picture at 300 dpi written as PGM, `tesseract` run on it
                   (one process per page, the fallback engine);
  2. inproc-300:   the same 300-dpi picture handed to Tesseract in process;
  3. inproc-plan:  the picture at the resolution the page's text needs (resolution.py);
  4. inproc-crop:  that picture with its white margins cut off (what ingest reads).
Picture making is timed with each variant that needs it (rendering or decoding the
stored scan, the small probe picture), OCR is Tesseract's reading and word iteration.
What the steps cost in accuracy: bench/bench_ocr_quality.py (--dpi 300 against default).

Usage: python bench/bench_ocr_steps.py [--runs 3] [--pages N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
os.environ["OMP_THREAD_LIMIT"] = "1"

import pypdfium2 as pdfium  # noqa: E402

from diarium.extractors.ocr.engine import CommandLineEngine, InProcessEngine  # noqa: E402
from diarium.extractors.ocr.page_image import page_image, page_picture  # noqa: E402


def pages() -> list[tuple[Path, int]]:
    files = sorted((SHARED / "corpus" / "scanned").glob("*.pdf"))
    files += sorted((SHARED / "dev" / "scans" / "pdf").glob("*.pdf"))
    return [(f, i) for f in files for i in range(len(pdfium.PdfDocument(f)))]


def variants(lang: str) -> dict[str, Callable[[Path, int], str]]:
    cli = CommandLineEngine(lang)
    inproc = InProcessEngine(lang)

    def text(reading: object) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in reading.lines)  # type: ignore[attr-defined]

    def cli_300(pdf: Path, index: int) -> str:
        image, _ = page_image(str(pdf), index, 300)
        return text(cli.read(image, 300, 600))

    def inproc_300(pdf: Path, index: int) -> str:
        image, _ = page_image(str(pdf), index, 300)
        return text(inproc.read(image, 300, 600))

    def inproc_plan(pdf: Path, index: int) -> str:
        picture = page_picture(str(pdf), index, crop=False)
        return "" if picture.image is None else text(inproc.read(picture.image, picture.dpi, 600))

    def inproc_crop(pdf: Path, index: int) -> str:
        picture = page_picture(str(pdf), index)
        return "" if picture.image is None else text(inproc.read(picture.image, picture.dpi, 600))

    return {
        "cli-300": cli_300,
        "inproc-300": inproc_300,
        "inproc-plan": inproc_plan,
        "inproc-crop": inproc_crop,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, help="only every k-th page, so that N are read")
    args = parser.parse_args()
    todo = pages()
    if args.pages and args.pages < len(todo):
        todo = todo[:: -(-len(todo) // args.pages)]
    runners = variants("swe")
    names = list(runners)
    seconds: dict[str, list[list[float]]] = {n: [[] for _ in todo] for n in names}
    for run in range(args.runs):
        for k, (pdf, index) in enumerate(todo):
            shift = (run + k) % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                runners[name](pdf, index)
                seconds[name][k].append(time.perf_counter() - started)
        print(f"  run {run + 1} done", flush=True)
    print(f"{len(todo)} pages, medians of {args.runs} runs, one process, interleaved per page")
    base = None
    for name in names:
        per_page = [statistics.median(s) for s in seconds[name]]
        total = sum(per_page)
        base = base or total
        print(f"  {name:<12} {total / len(todo):6.2f} s/page   {base / total:5.2f}x of cli-300")


if __name__ == "__main__":
    main()
