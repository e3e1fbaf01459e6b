"""Signs after a number that the Swedish model misreads, put back from the pixels.

Tesseract's `swe` model reads a percent sign after a number (`en höjning med 8 %`) as
digits, `24` or `96`, and says it is unsure (confidence about 60, against 95 for a
printed word). A word like that, a short run of digits Tesseract doubted right after a
number, is re-read alone by the English model (as the paragraph signs are): when that
reading is one of the signs below, the word is that sign. Nothing else is changed: an
unsure number the English model also reads as a number stays as the Swedish model read
it, and a sure one is never looked at.
"""

from __future__ import annotations

import re

from diarium.extractors.ocr.paragraph_sign import Reread
from diarium.extractors.ocr.words import OcrWord

# Below this confidence a word after a number is worth a second look.
UNSURE = 75.0
# What such a word may really be: signs that follow a number.
SIGNS = frozenset({"%", "‰"})
SHORT_DIGITS = re.compile(r"^\d{1,3}[.,]?$")
NUMBER = re.compile(r"^\d[\d\s.,]*$")


def _suspect(line: list[OcrWord], i: int) -> bool:
    word = line[i]
    return (
        i > 0
        and word.box is not None
        and word.confidence < UNSURE
        and SHORT_DIGITS.match(word.text) is not None
        and NUMBER.match(line[i - 1].text) is not None
    )


def restore_unsure_signs(lines: list[list[OcrWord]], reread: Reread) -> int:
    """Rewrite in place the unsure digits that are signs in the pixels; how many."""
    made = 0
    for line in lines:
        for i, word in enumerate(line):
            if not _suspect(line, i):
                continue
            assert word.box is not None
            seen = (reread(word.box) or "").strip().rstrip(".,")
            if seen in SIGNS:
                word.text = seen + word.text[-1] if word.text[-1] in ".," else seen
                made += 1
    return made
