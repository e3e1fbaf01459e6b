"""OCR-confusion repair on damage it was not tuned on: the clean seeds, mangled at random.

The gold for issue #4 is one real document (seed 002). To see whether the repair rules
generalise, this script damages the four clean seeds the way an OCR engine without
Swedish does (``tests/support/ocr_damage.py``: å/ä/ö read as a, o, i, d, é, 6; now and then a
glyph slip or a lost letter) with a fixed random seed, runs the normalizer (line-end
hyphenation aside, as in the gold test), and counts word by word: damaged words repaired
exactly, and undamaged words changed. It also times the normalizer per word.
With ``--texts DIR`` it damages other real Swedish text instead (e.g. the twelve
documents of ../shared/dev/texts, which the repair was never tuned on) and also reports
the share of å/ä/ö words repaired and the share of repairs that are wrong.
Usage: python bench/bench_normalize.py [--seed 7] [--rounds 3] [--texts DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SEEDS = REPO.parent / "shared" / "seeds"
CLEAN = [
    "000_f8badb87c9af703f",
    "001_765f4aff51717789",
    "003_c08b4645b818a962",
    "004_7ff617f099811495",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--texts", type=Path, help="a folder of clean .txt files to damage")
    parser.add_argument(
        "--letters-only", action="store_true", help="lose only å/ä/ö (no glyph slips)"
    )
    args = parser.parse_args()
    from tests.support.ocr_damage import damage, score, score_swedish
    from tests.support.ocr_damage import (
        normalize_line_for_line as normalize,  # hyphens kept: word by word
    )

    totals = [0, 0, 0, 0]
    swedish = [0, 0, 0, 0]
    clean_unchanged = [0, 0]
    clean_times, damaged_times = [], []
    files = sorted(args.texts.glob("*.txt")) if args.texts else [SEEDS / f"{n}.txt" for n in CLEAN]
    for path in files:
        name = path.stem
        clean = path.read_text(encoding="utf-8")
        for r in range(args.rounds):
            rng = random.Random(f"{args.seed}-{name}-{r}")
            damaged = damage(clean, rng, args.letters_only)
            started = time.perf_counter()
            repaired = normalize(damaged)
            damaged_times.append((time.perf_counter() - started) / max(len(clean.split()), 1))
            started = time.perf_counter()
            clean_out = normalize(clean)
            clean_unchanged[0] += sum(
                a == b for a, b in zip(clean.split(), clean_out.split(), strict=False)
            )
            clean_unchanged[1] += len(clean.split())
            clean_times.append((time.perf_counter() - started) / max(len(clean.split()), 1))
            got = score(clean, damaged, repaired)
            totals = [t + g for t, g in zip(totals, got, strict=True)]
            got_sv = score_swedish(clean, damaged, repaired)
            swedish = [t + g for t, g in zip(swedish, got_sv, strict=True)]
            print(
                f"{name} round {r}: damaged words {got[0]}, repaired {got[1]}"
                f" ({got[1] / max(got[0], 1):.1%}); right words {got[2]}, changed {got[3]}"
            )
    need, fixed, right, changed = totals
    print(
        f"\nall: repaired {fixed}/{need} = {fixed / need:.1%} of damaged words; "
        f"changed {changed}/{right} = {changed / right:.2%} of right words"
    )
    print(
        f"å/ä/ö words repaired {swedish[1]}/{swedish[0]} = {swedish[1] / max(swedish[0], 1):.1%};"
        f" wrong repairs {swedish[3]}/{swedish[2]} = {swedish[3] / max(swedish[2], 1):.2%};"
        f" clean text words unchanged {clean_unchanged[0]}/{clean_unchanged[1]}"
    )
    print(
        f"time per word: clean {statistics.median(clean_times) * 1e6:.1f} µs, "
        f"damaged {statistics.median(damaged_times) * 1e6:.1f} µs (median, first round "
        f"includes loading the lexicon)"
    )


if __name__ == "__main__":
    main()
