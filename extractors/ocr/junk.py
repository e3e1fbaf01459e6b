"""Telling OCR junk from text: signature leaders, rules, stamps and scribbles.

Tesseract reads a dotted leader (`Ordförande ..........`), a rule, a stamp or a
signature as runs of "words" it is very unsure of (`s..mlsssssrensrr`, `OTUATÖTÄN`,
`ee0d`). Such a word is junk when Tesseract's own confidence in it is low and the
Swedish lexicon does not know it; a run of leader dots is junk whatever its confidence.
A line that is mostly junk loses its short or unsure leftovers too (`en`, `sm`).
Junk is kept out of the page text that is indexed and read for entities, but stays in
the raw text: the page's decision records the character spans dropped and why, so the
clean text can always be rebuilt from the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from diarium.extractors.compounds import split_compound
from diarium.extractors.lexicon import zipf
from diarium.extractors.ocr.words import OcrWord

# A word Tesseract is less sure of than this is junk when it has a shape no Swedish
# word has; one it is this unsure of, when the lexicon knows it neither as a word nor
# as a compound.
JUNK_CONFIDENCE = 35.0
NOISE_CONFIDENCE = 15.0
KNOWN_ZIPF = 2.5
ABBREVIATION_LENGTH = 5
VOWELS = frozenset("aeiouyåäöéü")
GARBAGE = re.compile(
    r"[^\W\d_]\.{2,}[^\W\d_]|([^\W\d_])\1\1|[^\W\d_]\d+[^\W\d_]"
    r"|[bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ]{5}"
)
# On a line that is mostly junk, a leftover word this short or this unsure goes too.
LEFTOVER_LENGTH = 3
LEFTOVER_CONFIDENCE = 60.0
LEADER = re.compile(r"[.·…_‥\-–—]{4,}|[.·…_‥]{2,}(?=[.·…_‥\s]*$)")
LEADER_SHARE = 0.6
# Addresses and abbreviations with inner full stops (t.ex., huddinge.se) may read oddly.
ADDRESS = re.compile(r"\w[.@]\w")
# Numbers, dates, case numbers and paragraph citations are never junk by the lexicon.
CODE = re.compile(r"^[§(]*\d[\d\s./:-]*[a-zA-Z]?[.,:;)]?$|^§+(?: \d.*)?$")


@dataclass
class Junk:
    """What was dropped from a page's OCR text: spans of the raw text and the reasons."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def add(self, start: int, end: int, reason: str, text: str) -> None:
        self.spans.append((start, end))
        self.reasons[reason] = self.reasons.get(reason, 0) + 1
        if len(self.examples) < 8:
            self.examples.append(text)

    def as_record(self) -> dict[str, Any] | None:
        if not self.spans:
            return None
        return {
            "dropped": len(self.spans),
            "reasons": dict(sorted(self.reasons.items())),
            "examples": self.examples,
            "spans": [list(span) for span in _merged(self.spans)],
        }


def _letters(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalpha())


def _known(word: str) -> bool:
    """The lexicon knows the word, or each of its parts between punctuation
    (`Information-'om`), or they split into words it knows (compounds)."""
    parts = [p.lower() for p in re.split(r"[^\w]+|\d+|_", word) if p]
    return bool(parts) and all(
        zipf(part) >= KNOWN_ZIPF or bool(split_compound(part)) for part in parts
    )


def _garbage_shape(word: str) -> bool:
    """Shapes no Swedish word has: letters mixed with leader dots (`s..mls`), a letter
    three times in a row, a digit between letters (`ee0d`), five consonants in a row,
    or no vowel at all."""
    if GARBAGE.search(word):
        return True
    letters = _letters(word)
    if not letters or (word.isupper() and len(letters) <= ABBREVIATION_LENGTH):
        return False  # KS, SBN: abbreviations
    return len(letters) >= 2 and not any(c in VOWELS for c in letters)


def _word_reason(word: OcrWord) -> str | None:
    if word.junk:
        return word.junk  # the layout knows already (rotated margin text)
    text = word.text
    if CODE.match(text) or sum(c.isdigit() for c in text) > sum(c.isalpha() for c in text):
        return None
    marks = sum(1 for c in text if c in ".·…_‥-–—")
    if len(text) >= 4 and marks / len(text) >= LEADER_SHARE:
        return "leader"
    if word.confidence >= JUNK_CONFIDENCE:
        return None
    if _garbage_shape(text):
        return "unsure word of no Swedish shape"
    if word.confidence < NOISE_CONFIDENCE and not ADDRESS.search(text) and not _known(text):
        return "very unsure unknown word"
    return None


def find_junk(lines: list[list[OcrWord]]) -> tuple[str, Junk]:
    """The page text (lines of words joined by spaces, blank lines between Tesseract's
    paragraphs are the caller's) and the junk spans within it."""
    junk = Junk()
    out: list[str] = []
    offset = 0
    for line in lines:
        starts = []
        pieces = []
        cursor = offset
        for word in line:
            starts.append(cursor)
            pieces.append(word.text)
            cursor += len(word.text) + 1
        reasons = [_word_reason(w) for w in line]
        dropped = sum(1 for r in reasons if r)
        if dropped >= 2 and dropped * 3 >= len(line):
            for k, word in enumerate(line):
                short = len(word.text) <= LEFTOVER_LENGTH
                if not reasons[k] and short and word.confidence < LEFTOVER_CONFIDENCE:
                    reasons[k] = "leftover on a junk line"
        for k, word in enumerate(line):
            if reasons[k]:
                junk.add(starts[k], starts[k] + len(word.text), reasons[k] or "", word.text)
                continue
            for run in LEADER.finditer(word.text):
                junk.add(starts[k] + run.start(), starts[k] + run.end(), "leader", run.group())
        text = " ".join(pieces)
        out.append(text)
        offset += len(text) + 1
    return "\n".join(out), junk


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_SPACES = re.compile(r"[ \t]{2,}")
_BLANK_ENDS = re.compile(r"[ \t]+$|^[ \t]+", re.MULTILINE)


def without_junk(raw_text: str, decision: dict[str, Any] | None) -> str:
    """The raw text with the junk spans recorded in the page's decision taken out."""
    record = (decision or {}).get("ocr_junk") or {}
    spans = record.get("spans") or []
    if not spans:
        return raw_text
    pieces = []
    cursor = 0
    for start, end in spans:
        pieces.append(raw_text[cursor:start])
        cursor = max(cursor, end)
    pieces.append(raw_text[cursor:])
    text = _BLANK_ENDS.sub("", _SPACES.sub(" ", "".join(pieces)))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
