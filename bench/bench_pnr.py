"""Identity-number detection: precision and recall on the table of written forms and
look-alikes (``tests/pnr_cases.py``), and what detection and masking cost per page.

Precision/recall count (number, valid-or-probable) pairs: a number found that the table
does not list is a false positive, one listed and not found a false negative.
The cost is timed on the shared real texts (``../shared/dev/texts``, the seeds), each
page scanned as ingest does it: entity detection once, masking for the index once.
Usage: python bench/bench_pnr.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
SHARED = REPO.parent / "shared"


def table_scores() -> None:
    from pnr_cases import NEGATIVES, POSITIVES

    from extractors.entities.pnr import find_pnrs

    tp = fp = fn = 0
    misses: list[str] = []
    for text, year, expected in POSITIVES + NEGATIVES:
        got = {(m.value, m.valid) for m in find_pnrs(text, year)}
        want = set(expected)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            misses.append(f"  {text!r}: got {sorted(got)}, want {sorted(want)}")
    n_pos = sum(len(e) for _, _, e in POSITIVES)
    print(
        f"table: {len(POSITIVES)} sentences with {n_pos} numbers (every written form, "
        f"samordningsnummer, 100+, century by document year, probable slips), "
        f"{len(NEGATIVES)} look-alike sentences"
    )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for line in misses:
        print(line)


def real_pages() -> list[str]:
    texts = sorted((SHARED / "dev" / "texts").glob("*.txt")) + sorted(
        (SHARED / "seeds").rglob("*.txt")
    )
    pages: list[str] = []
    for path in texts:
        pages += [p for p in path.read_text(encoding="utf-8").split("\f") if p.strip()]
    return pages


def cost(rounds: int) -> None:
    from corpus.model import Document, Metadata, Page, Provenance
    from extractors.entities.pnr import find_pnrs
    from extractors.masking import document_pnrs, masked_document

    pages = real_pages()
    if not pages:
        print("no shared texts found; cost not measured")
        return
    docs = [
        Document(str(n), "x.pdf", "x.pdf", [Page(1, p, p)], Metadata(), Provenance("0", ""))
        for n, p in enumerate(pages)
    ]
    chars = sum(len(p) for p in pages)
    runs: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            find_pnrs(doc.pages[0].text, 2021)  # the entity component
            document_pnrs(doc)  # the index's keyed hashes
            masked_document(doc, keep_date=False)  # the index's text
        runs.append(time.perf_counter() - start)
    per_page = statistics.median(runs) / len(pages) * 1e3
    found = sum(len(find_pnrs(p, 2021)) for p in pages)
    print(
        f"cost on {len(pages)} real pages ({chars / len(pages):.0f} chars/page, "
        f"{found} numbers found in them): {per_page:.3f} ms/page "
        f"(median of {rounds} rounds; detection, hashing list and index masking)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    table_scores()
    cost(args.rounds)


if __name__ == "__main__":
    main()
