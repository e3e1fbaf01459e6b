"""Unsure words mended from Tesseract's own second readings of their letters.

Read in process, Tesseract gives for each letter of a word the readings its network
weighed, with a confidence each (``lstm_choice_mode``; asked only for the words below,
each read alone again, since keeping them for a whole page costs ~10 % of its reading):
on a fax, `Krislina` comes with
`t` (37) beside the `l` (88) it printed, `Rotol` with `e` (50) beside an `o` (92), `Fva`
with `E` (26). A word is mended only with that evidence and the lexicon's together:

* Tesseract was unsure of the word (confidence under ``UNSURE_WORD``), and the Swedish
  lexicon does not have it;
* the new spelling swaps at most ``MAX_SWAPS`` letters, each for a reading Tesseract
  itself gave at least ``MIN_CHOICE`` for that letter;
* the new spelling stands better with the lexicon: a word it has, where the old one
  was at most a compound of common words (`Krislina`, kris + lina → `Kristina`), or a
  compound of common words where the old one was nothing; among several, the one whose
  letters Tesseract was surest of wins.

A word the lexicon knows is never touched, so a rare name printed right stays unless
Tesseract itself doubted one of its letters and a known word is one swap away.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from diarium.extractors.compounds import split_compound
from diarium.extractors.lexicon import zipf
from diarium.extractors.ocr.words import OcrWord

UNSURE_WORD = 85.0
MIN_CHOICE = 10.0
MAX_SWAPS = 2
# Shorter words are too many others' neighbours (`RlU` is one swap from a dozen).
MIN_LETTERS = 4
# A word the lexicon knows at all (wordfreq's Swedish list: `justerare` is 1.35), and
# the parts of a compound, which must be common words.
KNOWN_ZIPF = 1.0
PART_ZIPF = 3.0
CORE = re.compile(r"^(?P<lead>\W*)(?P<core>[^\W\d_]+(?:-[^\W\d_]+)*)(?P<tail>\W*)$")


def _standing(word: str) -> int:
    """2 for a word the lexicon has, 1 for a compound of words common enough not to be
    chance (`styr` + `olson`, a surname, is none), 0 for neither."""
    low = word.lower()
    if zipf(low) >= KNOWN_ZIPF:
        return 2
    parts = split_compound(low)
    return int(bool(parts) and all(zipf(part) >= PART_ZIPF for part in parts))


def _mend(word: OcrWord) -> str | None:
    """The word's better spelling, or None."""
    choices = word.choices
    found = CORE.match(word.text)
    if not choices or found is None or len(choices) != len(word.text):
        return None
    core = found.group("core")
    standing = _standing(core)
    if standing == 2:
        return None
    start = len(found.group("lead"))
    slots = []  # (position, [(letter, confidence), ...]) where Tesseract hesitated
    for k, letters in enumerate(choices[start : start + len(core)]):
        others = [
            (c, v) for c, v in letters[1:] if v >= MIN_CHOICE and c.lower() != core[k].lower()
        ]
        if others:
            slots.append((k, others))
    best: tuple[float, str] | None = None
    for swaps in range(1, MAX_SWAPS + 1):
        for chosen in itertools.combinations(slots, swaps):
            for picks in itertools.product(*(others for _k, others in chosen)):
                letters = list(core)
                for (k, _others), (letter, _v) in zip(chosen, picks, strict=True):
                    # The printed letter's case stands: `Tjungberg` → `Ljungberg`.
                    letters[k] = letter.upper() if core[k].isupper() else letter.lower()
                spelling = "".join(letters)
                if _standing(spelling) > standing:
                    score = sum(v for _c, v in picks)
                    if best is None or score > best[0]:
                        best = (score, spelling)
        if best is not None:
            break  # fewest swaps first
    if best is None:
        return None
    return found.group("lead") + best[1] + found.group("tail")


# A word's box on the page → the word read alone there, and each letter's readings.
Look = Callable[[tuple[int, int, int, int]], "tuple[str, list[list[tuple[str, float]]]] | None"]


def _worth_a_look(word: OcrWord) -> bool:
    found = CORE.match(word.text)
    return (
        word.confidence < UNSURE_WORD
        and not word.junk
        and found is not None
        and len(found.group("core")) >= MIN_LETTERS
        and _standing(found.group("core")) < 2
    )


def _read_alone(word: OcrWord, look: Look) -> str | None:
    """What the word is, read alone again: as read (Tesseract reads a word without its
    line a little differently, `Rotol` → `Rotel`), or mended from that reading's letter
    alternatives; only when it stands better with the lexicon than the word read in its
    line, and is at most ``MAX_SWAPS`` edits from it."""
    assert word.box is not None
    seen = look(word.box)
    if seen is None or not seen[0]:
        return None
    alone = OcrWord(seen[0], word.confidence, word.box, choices=seen[1])
    found, new = CORE.match(word.text), CORE.match(_mend(alone) or alone.text)
    if found is None or new is None:
        return None
    core = new.group("core")  # the punctuation around it stays as read in the line
    if Levenshtein.distance(core, found.group("core")) > MAX_SWAPS:
        return None
    if _standing(core) <= _standing(found.group("core")):
        return None
    return found.group("lead") + core + found.group("tail")


def mend_unsure_words(lines: list[list[OcrWord]], look: Look | None = None) -> int:
    """Rewrite in place the unsure unknown words a second reading makes known; how many.
    A word with letter readings is mended from them; one without is read alone again
    through ``look``."""
    made = 0
    for line in lines:
        for word in line:
            if not _worth_a_look(word):
                continue
            if word.choices is not None:
                better = _mend(word)
            elif look is not None and word.box is not None:
                better = _read_alone(word, look)
            else:
                continue
            if better is not None and better != word.text:
                word.text = better
                made += 1
    return made
