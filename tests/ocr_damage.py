"""Damage clean Swedish text the way an OCR engine without Swedish does, reproducibly.

Used by the normalizer's tests and by ``bench/bench_normalize.py`` to measure the OCR
repair on damage it was not tuned on: å/ä/ö read as a, o, i, d, é, 6 and the like; now
and then a classic letter slip (r read as t, m as rn, n as ri, l as 1, e as c) or a
lost letter. Word boundaries are kept, so results compare word by word.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from diarium.extractors.normalize.pipeline import _steps

# What an engine without Swedish prints for each Swedish letter, with weights.
LOST_LETTERS = {
    "å": [("a", 8), ("&", 1), ("é", 1)],
    "ä": [("a", 6), ("i", 2), ("d", 1), ("#", 1)],
    "ö": [("o", 6), ("d", 1), ("é", 2), ("6", 1)],
}
# Classic glyph slips (intended → printed), each at this chance per such letter.
SLIPS = {"r": "t", "m": "rn", "n": "ri", "l": "1", "e": "c"}
SLIP_RATE = 0.04
# Chance that any other letter is lost, and that a Swedish letter is read wrongly.
LOSS_RATE = 0.002
LOST_RATE = 0.9


def damage_word(word: str, rng: random.Random, letters_only: bool = False) -> str:
    """``letters_only``: only å/ä/ö are lost, as an English-only engine on a clean scan
    does; otherwise glyph slips and lost letters come on top."""
    out: list[str] = []
    for ch in word:
        low = ch.lower()
        if low in LOST_LETTERS and rng.random() < LOST_RATE:
            seen, weights = zip(*LOST_LETTERS[low], strict=True)
            pick = rng.choices(seen, weights)[0]
            out.append(pick.upper() if ch.isupper() and pick.isalpha() else pick)
        elif letters_only:
            out.append(ch)
        elif rng.random() < LOSS_RATE:
            continue
        elif ch in SLIPS and rng.random() < SLIP_RATE:
            # Lower case only: a capital's glyph is no "rn" or "c" ("Mattias", "Enligt").
            out.append(SLIPS[low])
        else:
            out.append(ch)
    return "".join(out)


def damage(text: str, rng: random.Random, letters_only: bool = False) -> str:
    lines = []
    for line in text.split("\n"):
        lines.append(" ".join(damage_word(w, rng, letters_only) for w in line.split(" ")))
    return "\n".join(lines)


def aligned_words(clean: str, damaged: str, repaired: str) -> Iterator[tuple[str, str, str]]:
    """(clean, damaged, repaired) word by word; lines whose word count changed (a join
    or a split) are left out, as they no longer line up."""
    for c_line, d_line, r_line in zip(
        clean.split("\n"), damaged.split("\n"), repaired.split("\n"), strict=True
    ):
        c, d, r = c_line.split(), d_line.split(), r_line.split()
        if len(c) == len(d) == len(r):
            yield from zip(c, d, r, strict=True)


def score(clean: str, damaged: str, repaired: str) -> tuple[int, int, int, int]:
    """(damaged words, of them repaired exactly, undamaged words, of them changed), for
    a text known ``clean`` (or gold)."""
    need = fixed = right = changed = 0
    for a, b, o in aligned_words(clean, damaged, repaired):
        if a != b:
            need += 1
            fixed += o == a
        else:
            right += 1
            changed += o != a
    return need, fixed, right, changed


SWEDISH_LETTERS = frozenset("åäöÅÄÖ")


def score_swedish(clean: str, damaged: str, repaired: str) -> tuple[int, int, int, int]:
    """(words with å/ä/ö that the damage took away, of them repaired exactly, words the
    repair changed, of them changed into anything but the clean word): the repair rate
    of lost Swedish letters and the share of repairs that are wrong."""
    need = fixed = repairs = wrong = 0
    for a, b, o in aligned_words(clean, damaged, repaired):
        if a != b and SWEDISH_LETTERS & set(a):
            need += 1
            fixed += o == a
        if o != b:
            repairs += 1
            wrong += o != a
    return need, fixed, repairs, wrong


def normalize_line_for_line(text: str) -> str:
    """The normalizer without joining line-end hyphens, so its output still lines up
    word by word with the text it was given (and with a gold that keeps those hyphens)."""
    for step in _steps():
        if step.__name__ != "join_hyphenated":
            text = step(text)[0]
    return text
