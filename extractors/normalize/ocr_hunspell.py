"""Readings confirmed by the second lexicon: Hunspell's Swedish dictionary.

The frequency lexicon lacks most compounds and many inflections ("sammanträdesdatum",
"utförarverksamheter", "anhöriges"), so a word OCR stripped of å/ä/ö is sometimes read
as a listed word one edit away ("anhörigas") or not at all. Here the observed word's
own letters are put back: every spelling it can stand for by the free confusions of the
channel (a → å/ä, o → ö, é → ö/ä/å, 6 → ö …) is asked of Hunspell, in the word's own
case, and the most plausible spelling Hunspell accepts is the reading. Asked only for
unknown words on pages already found mangled.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from diarium.extractors.lexicon import hunspell_knows, zipf
from diarium.extractors.normalize.folded_lexicon import fold
from diarium.extractors.normalize.ocr_channel import confusion_table
from diarium.extractors.normalize.ocr_readings import (
    PUT_BACK_RANK,
    UNLISTED_PENALTY,
    Reading,
    letters_put_back,
    plausibility,
)

# Spellings tried per word at most: a long word with many a/o has thousands.
MAX_SPELLINGS = 256
# Letters that are letters in their own right as often as lost å/ä/ö: varied last, and
# only while the number of spellings allows.
WEAK = frozenset("id")


@lru_cache(maxsize=1)
def _options() -> dict[str, tuple[str, ...]]:
    """Observed character → what it may stand for (itself first where it is a letter
    a Swedish word has)."""
    found: dict[str, list[str]] = {}
    for row in confusion_table():
        if row.tier == 1 and len(row.seen) == 1 and len(row.meant) == 1:
            found.setdefault(row.seen, []).append(row.meant)
    options = {}
    for seen, meant in found.items():
        keep = [seen] if seen.isalpha() and fold(seen) == seen and seen not in "é" else []
        options[seen] = tuple(dict.fromkeys([*keep, *meant]))
    return options


def _case_like(original: str, spelling: str) -> str:
    if original.isupper() and len(original) > 1:
        return spelling.upper()
    if original[:1].isupper():
        return spelling[:1].upper() + spelling[1:]
    return spelling


def _spellings(lower: str) -> list[str]:
    options = _options()
    slots: list[tuple[str, ...]] = [(c,) for c in lower]
    total = 1
    # Strong signs and a/o first; i/d only while the count allows.
    order = sorted((i for i, c in enumerate(lower) if c in options), key=lambda i: lower[i] in WEAK)
    for i in order:
        choices = options[lower[i]]
        if total * len(choices) > MAX_SPELLINGS:
            if lower[i] in WEAK or lower[i] in "ao":
                continue
            return []  # too many signs to resolve
        slots[i] = choices
        total *= len(choices)
    return ["".join(p) for p in itertools.product(*slots)]


@lru_cache(maxsize=50_000)
def hunspell_reading(token: str) -> Reading | None:
    """The most plausible spelling Hunspell accepts that the observed token can stand
    for by free confusions alone, other than the token itself; None when there is none."""
    lower = token.lower()
    best: tuple[tuple[float, int, str], str] | None = None
    for spelling in _spellings(lower):
        if spelling == lower or not spelling.isalpha():
            continue
        if not hunspell_knows(_case_like(token, spelling)):
            continue
        changed = sum(a != b for a, b in zip(lower, spelling, strict=True))
        listed = 0.0 if zipf(spelling) > 0 else UNLISTED_PENALTY
        value = plausibility(spelling) - listed - PUT_BACK_RANK * letters_put_back(lower, spelling)
        rank = (value, -changed, spelling)
        if best is None or rank > best[0]:
            best = (rank, spelling)
    if best is None:
        return None
    return Reading(best[1], round(plausibility(best[1]), 3), "hunspell", 0.0)
