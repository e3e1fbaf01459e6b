"""What reading the page layout costs: milliseconds a page for the text runs
(``extractors/layout/runs.py``, read with the text layer), for the structure read from
them (``extractors/layout.analyse``), and for entity extraction with the layout against
the text alone, beside the text layer alone, in the same run.

PDFs: ``../shared/corpus/text`` and the real Högsby PDF when present, else the PDFs of
``tests/support/layout_pdfs.py``. Medians of several runs.
Usage: python bench/bench_layout.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"

from diarium.extractors import text_layer  # noqa: E402
from diarium.extractors.layout import analyse, unpack  # noqa: E402
from tests.support import layout_pdfs  # noqa: E402


def _pdfs() -> list[Path]:
    found = sorted((SHARED / "corpus/text").glob("*.pdf")) + sorted(
        (SHARED / "dev/pdf").glob("*.pdf")
    )
    if found:
        return found

    folder = Path(tempfile.mkdtemp(prefix="bench-layout-"))
    return [
        layout_pdfs.report_cover(folder / "cover.pdf"),
        layout_pdfs.agenda_table(folder / "agenda.pdf"),
        layout_pdfs.letter_to_ministry(folder / "letter.pdf"),
    ]


def _read_all(pdfs: list[Path], with_runs: bool) -> tuple[float, int, list]:
    saved = text_layer.runs_from_textpage
    if not with_runs:
        text_layer.runs_from_textpage = lambda *a, **k: []  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        docs = [text_layer.read_text_layer(str(p)) for p in pdfs]
        seconds = time.perf_counter() - start
    finally:
        text_layer.runs_from_textpage = saved  # type: ignore[assignment]
    return seconds, sum(len(d) for d in docs), docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pdfs = _pdfs()
    plain, with_runs, structure = [], [], []
    pages = 0
    for _ in range(args.runs):
        seconds, pages, _docs = _read_all(pdfs, with_runs=False)
        plain.append(seconds)
        seconds, pages, docs = _read_all(pdfs, with_runs=True)
        with_runs.append(seconds)
        start = time.perf_counter()
        for doc in docs:
            analyse([unpack(p.layout, p.text) for p in doc])
        structure.append(time.perf_counter() - start)
    a, b, c = (statistics.median(x) * 1000 / pages for x in (plain, with_runs, structure))
    text_only, with_layout = _entity_cost(pdfs, args.runs)
    print(f"{len(pdfs)} PDFs, {pages} pages, {args.runs} runs, medians in ms a page")
    print(f"  text layer alone            {a:7.2f}")
    print(f"  text layer and text runs    {b:7.2f}   (+{b - a:.2f})")
    print(f"  structure from the runs     {c:7.2f}")
    share = (b - a + c) / a * 100
    print(f"  layout in all               {b - a + c:7.2f}   ({share:.0f} % of the text layer)")
    print(f"  entities, text alone        {text_only:7.2f}")
    print(
        f"  entities with the layout    {with_layout:7.2f}   (+{with_layout - text_only:.2f}, "
        "the structure included)"
    )


def _entity_cost(pdfs: list[Path], runs: int) -> tuple[float, float]:
    """Entity extraction a page, the text alone and with the layout (analysed anew)."""
    from diarium.extractors.document import assemble_document, page_layout
    from diarium.extractors.entities import extract_entities
    from diarium.extractors.pages import PageOptions, triage_pages

    docs = [
        assemble_document("x", str(p), p.name, triage_pages(str(p), PageOptions(ocr="never")))
        for p in pdfs
    ]
    pages = sum(len(d.pages) for d in docs)
    alone, laid = [], []
    for _ in range(runs):
        start = time.perf_counter()
        for d in docs:
            extract_entities([p.text for p in d.pages])
        alone.append(time.perf_counter() - start)
        start = time.perf_counter()
        for d in docs:
            extract_entities([p.text for p in d.pages], analyse([page_layout(p) for p in d.pages]))
        laid.append(time.perf_counter() - start)
    return statistics.median(alone) * 1000 / pages, statistics.median(laid) * 1000 / pages


if __name__ == "__main__":
    main()
