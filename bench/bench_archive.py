"""Searchable archive copies of a home's OCR'd documents: time to write each copy
(median of ``--runs``), its size against the original's, the CER of poppler's
``pdftotext`` (drawing order ``-raw``, and its default reading order) against the
stored page text, the share of word boxes with ink under them, and the PDF/A checks.

    python bench/bench_archive.py HOME [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein

from diarium.corpus.store import CorpusStore
from diarium.ingest.archive_pdf import pdfa_findings, write_archive_pdf

_BOX = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def pdftotext(path: Path, page: int, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", *extra, "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    store = CorpusStore(args.home / "corpus")
    print("document | pages | write s (median) | size orig→copy KB | CER raw | CER reading "
          "order | boxes on ink | PDF/A checks")
    for _id, doc in store.scan():
        if isinstance(doc, Exception) or not any(p.method == "ocr" and p.words for p in doc.pages):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "copy.pdf"
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                write_archive_pdf(Path(doc.source), doc, out)
                times.append(time.perf_counter() - started)
            errs = {"raw": 0, "order": 0}
            chars = inked = boxes = 0
            original = pdfium.PdfDocument(doc.source)
            for page in doc.pages:
                if page.method != "ocr":
                    continue
                ref = " ".join(page.text.split())
                chars += len(ref)
                raw = " ".join(pdftotext(out, page.number, "-raw").split())
                order = " ".join(pdftotext(out, page.number).split())
                errs["raw"] += Levenshtein.distance(ref, raw)
                errs["order"] += Levenshtein.distance(ref, order)
                image = original[page.number - 1].render(scale=2).to_pil().convert("L")
                for x0, y0, x1, y1 in _BOX.findall(pdftotext(out, page.number, "-bbox")):
                    crop = image.crop(tuple(float(v) * 2 for v in (x0, y0, x1, y1)))
                    boxes += 1
                    inked += crop.getextrema()[0] < 100
            findings = pdfa_findings(out)
            print(
                f"{Path(doc.source).parent.name}/{doc.filename} | {doc.n_pages} | "
                f"{statistics.median(times):.2f} | "
                f"{Path(doc.source).stat().st_size // 1024}→{out.stat().st_size // 1024} | "
                f"{100 * errs['raw'] / max(1, chars):.2f}% | "
                f"{100 * errs['order'] / max(1, chars):.2f}% | "
                f"{inked}/{boxes} | {'passed' if not findings else '; '.join(findings)}"
            )


if __name__ == "__main__":
    main()
