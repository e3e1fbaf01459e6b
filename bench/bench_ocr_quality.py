"""OCR quality on scans with a reference text: CER and paragraph signs, page by page.

Three sets, all read through ``ocr_pdf_page`` (what ingest runs per page):
  * dev scans: ../shared/dev/scans/ (real scans; each ``ref/<name>_p<N>.txt`` is a hand
    transcription of page N), scored as that folder's README says: NFC, whitespace
    collapsed, leader runs stripped from the hypothesis;
  * the shared scanned corpus: ../shared/corpus/scanned/*.pdf against
    ../shared/corpus/reference/<name>.txt (whole documents);
  * the tests' protocol pages (tests/support/protocol_pages.py: rendered Swedish protocol text
    with `§` headings, signature leaders, scribbles, stamps, noise, skew), scored against
    all the text they print (the signature block's titles and names too);
  * degraded scans of the dev texts (bench/degraded_scans.py: the first page of each of
    ../shared/dev/texts printed in its columns, then clean, skewed, speckled,
    photocopied, at 150 dpi, or faxed), with a summary per damage.
CER is given for the page text that is indexed (junk removed). `§`: signs found in the
hypothesis (at most the reference's count) against the reference's count, and signs
found beyond it (an eight made a sign).

Usage: python bench/bench_ocr_quality.py [--only dev|corpus|protocol|degraded] [--dpi N]
       [--layout auto|tesseract|single_column|single_block] [--damage clean,skew,...]
``--layout`` compares reading orders (extractors/ocr/tesseract.py LAYOUTS). With
DIARIUM_REPO=<older checkout> the code read is that checkout's (the "before" figures);
the pages and references are always this checkout's.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

HERE = Path(__file__).resolve().parents[1]
REPO = Path(os.environ.get("DIARIUM_REPO", HERE))
SHARED = HERE.parent / "shared"
sys.path[:0] = [str(HERE), str(HERE / "bench")]
if REPO != HERE:
    from checkout import use_checkout

    use_checkout(REPO)
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LEADERS = re.compile(r"\.{3,}|…+")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def score(hypothesis: str, reference: str) -> tuple[int, int, int, int]:
    """(edits, reference length, signs found, signs extra)."""
    hyp = normalised(LEADERS.sub(" ", hypothesis))
    ref = normalised(reference)
    want, got = ref.count("§"), hyp.count("§")
    return Levenshtein.distance(hyp, ref), len(ref), min(want, got), max(0, got - want)


LAYOUT: str | None = None  # --layout: passed on only when asked (older code lacks it)


def read(pdf: Path, index: int, dpi: int | None) -> tuple[str, float]:
    from diarium.extractors.ocr import ocr_pdf_page

    options: dict[str, object] = {"dpi": dpi} if dpi else {}
    if LAYOUT:
        options["layout"] = LAYOUT
    started = time.perf_counter()
    result = ocr_pdf_page(str(pdf), index, **options)
    return result.clean_text, time.perf_counter() - started


def pages_of(pdf: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf))


Case = tuple[str, Path, list[int], str]


def dev_cases() -> list[tuple[str, Path, list[int], str]]:
    folder = SHARED / "dev" / "scans"
    cases = []
    for ref in sorted((folder / "ref").glob("*_p*.txt")):
        name, page = ref.stem.rsplit("_p", 1)
        pdf = folder / "pdf" / f"{name}.pdf"
        cases.append((ref.stem, pdf, [int(page) - 1], ref.read_text(encoding="utf-8")))
    return cases


def corpus_cases() -> list[tuple[str, Path, list[int], str]]:
    cases = []
    for pdf in sorted((SHARED / "corpus" / "scanned").glob("*.pdf")):
        ref = SHARED / "corpus" / "reference" / f"{pdf.stem}.txt"
        pages = list(range(pages_of(pdf)))
        cases.append((pdf.stem, pdf, pages, ref.read_text(encoding="utf-8")))
    return cases


def protocol_cases(folder: Path) -> list[tuple[str, Path, list[int], str]]:
    from tests.extractors.ocr.test_ocr_protocol import VARIANTS
    from tests.support.protocol_pages import printed_text, protocol_pdf, protocol_text

    cases = []
    for k, (number, options) in enumerate(VARIANTS):
        pdf = protocol_pdf(folder / f"protocol{k}.pdf", protocol_text(number), **options)
        reference = printed_text(protocol_text(number), **options)
        cases.append((f"protocol {k} (page {number})", pdf, [0], reference))
    return cases


def degraded_cases(folder: Path, damages: list[str] | None) -> list[Case]:
    from degraded_scans import degraded_pages

    return [(name, pdf, [0], ref) for name, pdf, ref in degraded_pages(folder, damages)]


def run(title: str, cases: list[Case], dpi: int | None, group: bool = False) -> None:
    print(f"\n{title}")
    print(f"  {'case':<44} {'chars':>6} {'CER':>7} {'§ found':>8} {'extra':>5} {'s/page':>7}")
    total = [0, 0, 0, 0, 0]
    groups: dict[str, list[int]] = {}
    seconds: list[float] = []
    for name, pdf, pages, reference in cases:
        texts = []
        for index in pages:
            text, took = read(pdf, index, dpi)
            texts.append(text)
            seconds.append(took)
        edits, length, found, extra = score("\n".join(texts), reference)
        want = normalised(reference).count("§")
        kind = name.rsplit("_", 2)[-1] if "low_dpi" not in name else "low_dpi"
        worst = groups.setdefault(kind, [0, 0, 0, 0, 0, 0, 0])
        for i, v in enumerate((edits, length, found, want, extra)):
            total[i] += v
            worst[i] += v
        worst[5] = max(worst[5], round(10000 * edits / max(length, 1)))
        per_page = sum(seconds[-len(pages) :]) / len(pages)
        print(
            f"  {name[:44]:<44} {length:>6} {edits / length:>7.1%} "
            f"{found:>3} of {want:<3} {extra:>5} {per_page:>7.2f}"
        )
    edits, length, found, want, extra = total
    print(
        f"  {'all':<44} {length:>6} {edits / max(length, 1):>7.1%} "
        f"{found:>3} of {want:<3} {extra:>5} {sum(seconds) / max(len(seconds), 1):>7.2f}"
    )
    if group:
        print(f"\n  {'damage':<14} {'CER':>7} {'worst page':>11} {'§ found':>9} {'extra':>5}")
        for kind, (e, n, f, w, x, top, _) in groups.items():
            print(f"  {kind:<14} {e / max(n, 1):>7.1%} {top / 100:>10.1f}% {f:>3} of {w:<3} {x:>5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["dev", "corpus", "protocol", "degraded"])
    parser.add_argument("--dpi", type=int, help="force one resolution (default: diarium's)")
    parser.add_argument("--layout", help="reading order (default: diarium's)")
    parser.add_argument("--damage", help="degraded scans: these damages only (comma list)")
    args = parser.parse_args()
    global LAYOUT
    LAYOUT = args.layout
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is missing")
    print(f"code from {REPO}")
    if args.only in (None, "dev"):
        run("dev scans (hand transcriptions)", dev_cases(), args.dpi)
    if args.only in (None, "corpus"):
        run("shared scanned corpus (whole documents)", corpus_cases(), args.dpi)
    if args.only in (None, "protocol"):
        with tempfile.TemporaryDirectory(prefix="diarium-bench-", dir=REPO) as tmp:
            run("tests' protocol pages", protocol_cases(Path(tmp)), args.dpi)
    if args.only in (None, "degraded"):
        damages = args.damage.split(",") if args.damage else None
        with tempfile.TemporaryDirectory(prefix="diarium-bench-", dir=HERE) as tmp:
            cases = degraded_cases(Path(tmp), damages)
            run("degraded scans of the dev texts", cases, args.dpi, group=True)


if __name__ == "__main__":
    main()
