"""OCR-confusion repair on damage it was not tuned on: the clean seeds, mangled at random.

The gold for issue #4 is one real document (seed 002). To see whether the repair rules
generalise, this script damages the four clean seeds the way an OCR engine without
Swedish does (``tests/ocr_damage.py``: å/ä/ö read as a, o, i, d, é, 6; now and then a
glyph slip or a lost letter) with a fixed random seed, runs the normalizer (line-end
hyphenation aside, as in the gold test), and counts word by word: damaged words repaired
exactly, and undamaged words changed. It also times the normalizer per word.
Usage: python bench/bench_normalize.py [--seed 7] [--rounds 3]
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
sys.path.insert(0, str(REPO / "tests"))
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
    args = parser.parse_args()
    from ocr_damage import damage, score
    from ocr_damage import normalize_line_for_line as normalize  # hyphens kept: word by word

    totals = [0, 0, 0, 0]
    clean_times, damaged_times = [], []
    for name in CLEAN:
        clean = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        for r in range(args.rounds):
            rng = random.Random(f"{args.seed}-{name}-{r}")
            damaged = damage(clean, rng)
            started = time.perf_counter()
            repaired = normalize(damaged)
            damaged_times.append((time.perf_counter() - started) / max(len(clean.split()), 1))
            started = time.perf_counter()
            normalize(clean)
            clean_times.append((time.perf_counter() - started) / max(len(clean.split()), 1))
            got = score(clean, damaged, repaired)
            totals = [t + g for t, g in zip(totals, got, strict=True)]
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
        f"time per word: clean {statistics.median(clean_times) * 1e6:.1f} µs, "
        f"damaged {statistics.median(damaged_times) * 1e6:.1f} µs (median, first round "
        f"includes loading the lexicon)"
    )


if __name__ == "__main__":
    main()
