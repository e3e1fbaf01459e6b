"""Leave one registry out: are case numbers found when their format is not in the data?

A registry is named here by the row of ``extractors/entities/data/dnr_formats.tsv`` its
numbers are written in. For every row that some labelled document's gold case numbers use
(``../shared/dev``, ``../shared/gold/entities``, ``tests/data/unseen``, ``tests/data/unseen2``,
and the PDFs of ``tests/support/layout_pdfs.py``, whose gold is the table they were built from),
the documents using it are extracted four ways — with the whole data; without that row;
without that row and without the page layout (``dnr_layout``); without that row, the
layout and the shape finders of ``dnr_shape`` (what the extractor did before either
existed) — and the table prints, per registry, how many of its gold numbers are found and
how many false case numbers appear in those documents.
Usage: python bench/bench_dnr_loo.py [--row NAME]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"

from diarium.extractors.entities import dnr, dnr_shape, pipeline  # noqa: E402
from tests.support.entity_scoring import dev_cases, extract_pages, extract_pdf, norm_dnr  # noqa: E402

Case = tuple[str, object, dict]  # (name, pages or pdf path, gold)
EVERY_ROW = (
    "(every row)"  # the whole of dnr_formats.tsv left out  # (name, pages or pdf path, gold)
)


def _cases() -> list[Case]:
    cases: list[Case] = []
    if SHARED.is_dir():
        cases += [(n, p, g) for n, p, g in dev_cases(SHARED)]
        for gold_path in sorted((SHARED / "gold/entities").glob("*.json")):
            pdf = SHARED / "corpus/text" / f"{gold_path.stem}.pdf"
            if pdf.exists():
                cases.append((gold_path.stem, pdf, json.loads(gold_path.read_text("utf-8"))))
    for folder in ("unseen", "unseen2"):
        unseen = REPO / "tests/data" / folder
        for gold_path in sorted(unseen.glob("*.json")):
            text = (unseen / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
            pages = [p for p in text.split("\f") if p.strip()]
            cases.append((gold_path.stem, pages, json.loads(gold_path.read_text("utf-8"))))
    return cases + _built_pdfs()


def _built_pdfs() -> list[Case]:
    """The layout PDFs of the tests, with the case numbers they were built with as gold."""
    import tempfile

    from tests.support import layout_pdfs

    folder = Path(tempfile.mkdtemp(prefix="loo-"))
    agenda = layout_pdfs.agenda_table(folder / "agenda_table.pdf")
    letter = layout_pdfs.letter_to_ministry(folder / "letter_to_ministry.pdf")
    rows = sorted({row[2] for row in layout_pdfs.AGENDA_ROWS if row[2]})
    return [
        ("agenda_table (pdf)", agenda, {"diarienummer": rows}),
        ("letter_to_ministry (pdf)", letter, {"diarienummer": ["2024.0117"]}),
    ]


def _row_of(number: str) -> str:
    """The format row a gold number is written in ("" when no row reads it whole)."""
    for finder in (dnr.find_structured, dnr.find_bare):
        for m in finder(number):
            if m.text == number:
                return m.form
    return ""


@contextlib.contextmanager
def _without(row: str | None, shapes: bool, layout: bool = True) -> Iterator[None]:
    """Extraction with one format row dropped from the data, and the layout reader or the
    shape finders off."""
    saved_formats = dnr.formats
    saved = {n: getattr(dnr_shape, n) for n in ("candidates",)}
    saved_layout = pipeline.dnr_from_layout
    all_rows = saved_formats()
    try:
        if row is not None:
            dnr.formats = lambda: tuple(  # type: ignore[assignment]
                f for f in all_rows if row != EVERY_ROW and f.name != row
            )
            dnr._patterns.cache_clear()
        if not shapes:
            dnr_shape.candidates = lambda *a, **k: []  # type: ignore[assignment]
        if not layout:
            pipeline.dnr_from_layout = lambda *a, **k: []  # type: ignore[assignment]
        yield
    finally:
        pipeline.dnr_from_layout = saved_layout  # type: ignore[assignment]
        dnr.formats = saved_formats  # type: ignore[assignment]
        dnr._patterns.cache_clear()
        for name, fn in saved.items():
            setattr(dnr_shape, name, fn)


def _predicted(source: object) -> set[str]:
    doc = extract_pdf(source) if isinstance(source, Path) else extract_pages(source)  # type: ignore[arg-type]
    return {norm_dnr(e.get("text") or e["value"]) for e in doc["entities"] if e["type"] == "DNR"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--row", help="Only this format row.")
    args = parser.parse_args()
    cases = _cases()
    by_row: dict[str, list[tuple[int, str]]] = {}
    for i, (_, _, gold) in enumerate(cases):
        for number in gold.get("diarienummer", []):
            by_row.setdefault(_row_of(number) or "(no row)", []).append((i, number))
    print(f"{len(cases)} labelled documents, {sum(map(len, by_row.values()))} gold numbers")
    header = f"{'registry format (row left out)':<34} {'docs':>4} {'gold':>4}"
    print(
        f"\n{header}   with: found false   without: found false   "
        "without, no layout   without, no layout, no shapes"
    )
    totals = [0] * 9
    for row, numbers in sorted(by_row.items()):
        if args.row and row != args.row:
            continue
        docs = sorted({i for i, _ in numbers})
        gold_all = {i: {norm_dnr(x) for x in cases[i][2].get("diarienummer", [])} for i in docs}
        mine = {(i, norm_dnr(n)) for i, n in numbers}
        figures = []
        modes = ((None, True, True), (row, True, True), (row, True, False), (row, False, False))
        for drop, shapes, layout in modes:
            with _without(None if row == "(no row)" else drop, shapes, layout):
                found = false = 0
                for i in docs:
                    predicted = _predicted(cases[i][1])
                    found += sum(1 for j, n in mine if j == i and n in predicted)
                    false += len(predicted - gold_all[i])
            figures += [found, false]
        totals = [a + b for a, b in zip(totals, [len(mine), *figures], strict=True)]
        print(
            f"{row:<34} {len(docs):>4} {len(mine):>4}   "
            f"{figures[0]:>11} {figures[1]:>5}   {figures[2]:>14} {figures[3]:>5}   "
            f"{figures[4]:>13} {figures[5]:>5}   {figures[6]:>20} {figures[7]:>5}"
        )
    # The hardest case: a registry world where the data knows no format at all.
    mine = {(i, norm_dnr(n)) for numbers in by_row.values() for i, n in numbers}
    figures = []
    for shapes, layout in ((True, True), (True, False), (False, False)):
        with _without(EVERY_ROW, shapes, layout):
            found = false = 0
            for i, case in enumerate(cases):
                predicted = _predicted(case[1])
                gold = {norm_dnr(x) for x in case[2].get("diarienummer", [])}
                found += sum(1 for j, n in mine if j == i and n in predicted)
                false += len(predicted - gold)
        figures += [found, false]
    print(
        f"{'no format in the data at all':<34} {len(cases):>4} {len(mine):>4}   "
        f"{'':>11} {'':>5}   {figures[0]:>14} {figures[1]:>5}   {figures[2]:>13} {figures[3]:>5}   "
        f"{figures[4]:>20} {figures[5]:>5}"
    )
    print(
        f"{'sum of the rows above':<34} {'':>4} {totals[0]:>4}   {totals[1]:>11} {totals[2]:>5}   "
        f"{totals[3]:>14} {totals[4]:>5}   {totals[5]:>13} {totals[6]:>5}   "
        f"{totals[7]:>20} {totals[8]:>5}"
    )


if __name__ == "__main__":
    main()
