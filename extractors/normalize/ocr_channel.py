"""What it costs to believe that an OCR engine printed ``observed`` where ``intended`` stood.

A noisy-channel view of OCR damage. The confusions an engine without Swedish is known
to make (``data/ocr_confusions.tsv``: å/ä/ö read as a, o, i, d, é, 6 …) cost nothing,
because on a page from such an engine they are the rule, not the exception; letter
slips it often makes (r read as t, m as rn) cost a little; any other lost, extra or
misread letter costs more. A candidate word's frequency minus this cost ranks readings,
so a common word one slip away beats a rare word that needs none.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "ocr_confusions.tsv"
# Cost per confusion, by tier (Zipf units, comparable to one step of word frequency).
TIER_COST = {1: 0.0, 2: 1.5}
# Any other change of one letter: dropped, added or misread.
EDIT_COST = 2.5


@dataclass(frozen=True)
class Confusion:
    seen: str
    meant: str
    tier: int


@lru_cache(maxsize=1)
def confusion_table() -> tuple[Confusion, ...]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("# "):
            seen, meant, tier = line.split("\t")
            rows.extend(Confusion(seen, m, int(tier)) for m in meant.split(","))
    return tuple(rows)


@lru_cache(maxsize=1)
def _by_first_seen() -> dict[str, tuple[Confusion, ...]]:
    grouped: dict[str, list[Confusion]] = defaultdict(list)
    for row in confusion_table():
        grouped[row.seen[0]].append(row)
    return {first: tuple(rows) for first, rows in grouped.items()}


@lru_cache(maxsize=200_000)
def channel_cost(observed: str, intended: str, limit: float = 3.0) -> float:
    """The cheapest way to turn the intended word into what was observed (both lower
    case): a weighted edit distance whose steps are the confusion table's entries
    (several letters at once where the table says so) and single-letter edits.
    ``math.inf`` when every way costs more than ``limit``."""
    n, m = len(observed), len(intended)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    table = _by_first_seen()
    for i in range(n + 1):
        row = best[i]
        for j in range(m + 1):
            cost = row[j]
            if cost > limit:
                continue

            def relax(a: int, b: int, step: float, cost: float = cost) -> None:
                if cost + step < best[a][b]:
                    best[a][b] = cost + step

            if i < n and j < m:
                relax(i + 1, j + 1, 0.0 if observed[i] == intended[j] else EDIT_COST)
            if i < n:
                relax(i + 1, j, EDIT_COST)
                for row_ in table.get(observed[i], ()):
                    if observed.startswith(row_.seen, i) and intended.startswith(row_.meant, j):
                        relax(i + len(row_.seen), j + len(row_.meant), TIER_COST[row_.tier])
            if j < m:
                relax(i, j + 1, EDIT_COST)
    final = best[n][m]
    return final if final <= limit else math.inf
