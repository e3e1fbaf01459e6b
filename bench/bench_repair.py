"""English-OCR layer repair on text it was not tuned on, page by page, before and after.

Real Swedish documents (``../shared/dev/texts``, ``tests/data/unseen`` and ``unseen2``,
the four clean seeds) are cut into pages (form feeds, else 50 lines), damaged the way an OCR engine
without Swedish damages them (``tests/support/ocr_damage.py``: å/ä/ö read as a, o, i, d, é, 6 …;
in the "slips" mode also r read as t, m as rn, a lost letter), and each page goes
through the normalizer alone, as ingest does. Word by word against the clean page:

Also seed 002 as it is: a real English-OCR text layer, against its hand-corrected gold
("real/002"; the rules were tuned on it in earlier work, so it is no held-out figure).

* å/ä/ö words right: words with å/ä/ö that the damage took away, and the share of them
  that came back exactly;
* untouched: the share of those damaged å/ä/ö words the repair left as printed;
* wrong repairs: the words the repair changed (any word, damaged or not), and the share
  of them that ended as anything but the clean word; "right made wrong" counts the
  words that were printed correctly and were changed.

The clean text first goes through the normalizer's mechanical steps (Unicode forms,
ligatures), so a ligature unfolded is not counted against the repair.

``--before DIR`` also runs the same pages through another checkout (e.g. ``git archive
main | tar -x -C DIR``) in a separate process, and prints both side by side; each side
is timed per page (median over its pages; the machine is shared, so compare within a
run only).

Usage: python bench/bench_repair.py [--rounds 2] [--seed 7] [--before DIR] [--sets dev,unseen]
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
SEEDS = ["000_f8badb87c9af703f", "001_765f4aff51717789", "003_c08b4645b818a962",
         "004_7ff617f099811495"]  # fmt: skip
PAGE_LINES = 50
REAL = "002_f30bd752dd3ee1b5"
MODES = ("letters", "slips")
SWEDISH = frozenset("åäöÅÄÖ")
# Top-level folders that install as diarium.<name> (pyproject's package list).
SUBPACKAGES = ("corpus", "extractors", "index", "ingest")
# The damage and the scoring are this checkout's, whichever tree repairs.


def text_sets() -> dict[str, list[Path]]:
    return {
        "dev": sorted((SHARED / "dev" / "texts").glob("*.txt")),
        "unseen": sorted((REPO / "tests" / "data" / "unseen").glob("*.txt")),
        "unseen2": sorted((REPO / "tests" / "data" / "unseen2").glob("*.txt")),
        "seeds": [SHARED / "seeds" / f"{name}.txt" for name in SEEDS],
    }


def pages(text: str) -> list[str]:
    """Form-feed pages, long ones (and documents without form feeds) cut every 50 lines."""
    found = []
    for page in text.split("\f"):
        lines = page.split("\n")
        for start in range(0, len(lines), PAGE_LINES):
            chunk = "\n".join(lines[start : start + PAGE_LINES])
            if chunk.split():
                found.append(chunk)
    return found


@dataclass
class Tally:
    need: int = 0  # å/ä/ö words the damage changed
    right: int = 0  # of them, repaired exactly
    untouched: int = 0  # of them, left as printed
    changed: int = 0  # words the repair changed
    wrong: int = 0  # of them, not the clean word
    right_made_wrong: int = 0  # printed right, changed
    pages: int = 0
    seconds: list[float] = field(default_factory=list)
    samples: list[list[str]] = field(default_factory=list)

    def add(self, clean: str, damaged: str, repaired: str, keep: int) -> None:
        from tests.support.ocr_damage import aligned_words

        for a, b, o in aligned_words(clean, damaged, repaired):
            if a != b and SWEDISH & set(a):
                self.need += 1
                self.right += o == a
                self.untouched += o == b
            if o != b:
                self.changed += 1
                if o != a:
                    self.wrong += 1
                    self.right_made_wrong += a == b
                    if len(self.samples) < keep:
                        self.samples.append([b, o, a])
            elif a != b and SWEDISH & set(a) and len(self.samples) < keep:
                self.samples.append([b, o, a])


def _use_tree(tree: Path) -> None:
    """Import diarium from another checkout: its top-level folders under the names the
    package installs them as, ahead of the editable install of this one."""
    mapping = {"diarium": tree / "diarium"} | {f"diarium.{n}": tree / n for n in SUBPACKAGES}

    class Finder:
        @classmethod
        def find_spec(
            cls, name: str, path: object = None, target: object = None
        ) -> importlib.machinery.ModuleSpec | None:
            if name not in mapping:
                return None
            return importlib.util.spec_from_file_location(
                name, mapping[name] / "__init__.py", submodule_search_locations=[str(mapping[name])]
            )

    sys.meta_path.insert(0, Finder)


def measure(sets: Sequence[str], rounds: int, seed: int, keep: int) -> dict[str, dict]:
    from diarium.extractors.normalize.pipeline import _steps
    from tests.support.ocr_damage import damage, normalize_line_for_line

    mechanical = [s for s in _steps() if s.__name__ in {"fix_mojibake", "repair_unicode"}]
    available = text_sets()
    results: dict[str, dict] = {}
    results["real/002"] = _real_layer(keep).__dict__
    for mode in MODES:
        for name in sets:
            tally = Tally()
            for path in available[name]:
                text = path.read_text(encoding="utf-8")
                for step in mechanical:
                    text = step(text)[0]
                for number, page in enumerate(pages(text)):
                    for r in range(rounds):
                        rng = random.Random(f"{seed}-{path.stem}-{number}-{r}")
                        damaged = damage(page, rng, letters_only=mode == "letters")
                        started = time.perf_counter()
                        repaired = normalize_line_for_line(damaged)
                        tally.seconds.append(time.perf_counter() - started)
                        tally.pages += 1
                        tally.add(page, damaged, repaired, keep)
            results[f"{mode}/{name}"] = tally.__dict__
    return results


def _real_layer(keep: int) -> Tally:
    """Seed 002, the text layer a real English OCR engine made of a Swedish protocol,
    against its hand-corrected gold (line for line), page by page."""
    from tests.support.ocr_damage import normalize_line_for_line

    tally = Tally()
    printed = (SHARED / "seeds" / f"{REAL}.txt").read_text(encoding="utf-8")
    gold = (SHARED / "gold" / "ocr" / f"{REAL}.corrected.txt").read_text(encoding="utf-8")
    for layer, clean in zip(pages(printed), pages(gold), strict=True):
        started = time.perf_counter()
        repaired = normalize_line_for_line(layer)
        tally.seconds.append(time.perf_counter() - started)
        tally.pages += 1
        tally.add(clean, layer, repaired, keep)
    return tally


def _row(label: str, t: dict) -> list[str]:
    need, changed = max(t["need"], 1), max(t["changed"], 1)
    return [
        label,
        f"{t['right'] / need:.1%}",
        f"{t['wrong'] / changed:.2%} ({t['wrong']}/{t['changed']})",
        f"{t['right_made_wrong']}",
        f"{t['untouched'] / need:.1%}",
        f"{statistics.median(t['seconds']) * 1000:.0f}",
    ]


def report(sides: dict[str, dict[str, dict]]) -> None:
    header = ["damage/set", "å/ä/ö words right", "wrong repairs", "right made wrong",
              "untouched", "ms/page"]  # fmt: skip
    rows = [header]
    for key in next(iter(sides.values())):
        for side, results in sides.items():
            rows.append(_row(f"{key} {side}", results[key]))
        totals = {side: _total(results) for side, results in sides.items()}
    for side, total in totals.items():
        rows.append(_row(f"all {side}", total))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


def _total(results: dict[str, dict]) -> dict:
    total: dict = {k: 0 for k in ("need", "right", "untouched", "changed", "wrong",
                                  "right_made_wrong", "pages")}  # fmt: skip
    total["seconds"] = []
    for t in results.values():
        for k in total:
            total[k] += t[k]
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sets", default="dev,unseen,unseen2,seeds")
    parser.add_argument("--before", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--samples", type=int, default=0, help="print this many errors per set")
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)  # worker: one side
    args = parser.parse_args()
    sets = args.sets.split(",")
    if args.tree:
        _use_tree(args.tree)
        print(json.dumps(measure(sets, args.rounds, args.seed, args.samples)))
        return
    sides = {}
    trees = {"after": REPO} | ({"before": args.before.resolve()} if args.before else {})
    for side, tree in trees.items():
        command = [sys.executable, __file__, "--tree", str(tree), "--sets", args.sets,
                   "--rounds", str(args.rounds), "--seed", str(args.seed),
                   "--samples", str(args.samples)]  # fmt: skip
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        sides[side] = json.loads(out)
    if len(sides) > 1:
        sides = {"before": sides["before"], "after": sides["after"]}
    report(sides)
    if args.samples:
        for side, results in sides.items():
            for key, t in results.items():
                print(f"\n{side} {key}: printed → repaired (clean)")
                for b, o, a in t["samples"]:
                    print(f"  {b} → {o} ({a})")


if __name__ == "__main__":
    main()
