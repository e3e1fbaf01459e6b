"""Entity and metadata quality: per-type precision, recall and F1 against hand-checked gold.

Scores the twelve real documents of ``../shared/dev/`` (texts through normalization and
entities, as ingest does for a text layer), the real Högsby PDF through its text layer,
and seeds 000 and 004 of ``../shared/gold/entities`` from their text PDFs, with the
scoring rules of ``../shared/dev/README.md`` (``tests/support/entity_scoring.py``).
Usage: python bench/bench_entities.py [--misses] [--doc NAME]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
UNSEEN2 = REPO / "tests/data/unseen2"

from tests.support.entity_scoring import (  # noqa: E402
    TYPES,
    DocScore,
    score_dev,
    score_dev_pdf,
    score_shared_gold,
    score_unseen,
    summarise,
)


def _table(title: str, scores: list[DocScore]) -> None:
    print(f"\n{title} ({len(scores)} documents)")
    summary = summarise(scores)
    print(f"  {'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for kind in TYPES:
        row = summary[kind]
        extra = ""
        if "recall_explicit" in row:
            extra = f"   recall on explicit dates {row['recall_explicit']:.3f}"
        print(
            f"  {kind:<8} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
            f"{int(row['gold']):5d}{extra}"
        )
    for name in ("document_date", "doc_type", "title", "municipality"):
        row = summary[name]
        print(f"  {name:<14} right {int(row['right'])} of {int(row['of'])}")


def _misses(scores: list[DocScore]) -> None:
    for s in scores:
        print(f"\n== {s.name}")
        for kind in TYPES:
            wrong, missed = s.misses[kind]
            if wrong:
                print(f"  {kind} wrong:  {wrong}")
            if missed:
                print(f"  {kind} missed: {missed}")
        for key, (predicted, gold) in s.metadata.items():
            if not s.metadata_right(key):
                print(f"  {key}: got {predicted!r}, gold {gold!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="List wrong and missed items.")
    parser.add_argument("--doc", help="Only documents whose name contains this.")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is not present")
    sets = [
        ("../shared/dev/ texts", score_dev(SHARED)),
        ("../shared/dev/pdf (real PDF, text layer)", score_dev_pdf(SHARED)),
        ("../shared/gold/entities (seeds 000, 004)", score_shared_gold(SHARED)),
        ("tests/data/unseen (labelled by hand before the first run)", score_unseen()),
        ("tests/data/unseen2 (labelled by hand before the first run)", score_unseen(UNSEEN2)),
    ]
    for title, scores in sets:
        if args.doc:
            scores = [s for s in scores if args.doc in s.name]
        if not scores:
            continue
        _table(title, scores)
        if args.misses:
            _misses(scores)


if __name__ == "__main__":
    main()
