"""Old 7-bit Swedish (ISO 646-SE), where ``{ | } [ \\ ]`` stand for ä ö å Ä Ö Å.

Exports from old registry systems still carry it ("Kommunstyrelsen f|resl}r"). The
characters are read as letters only inside a word that then reads as Swedish, and only
when several words of the text do: code, brackets and pipes elsewhere stay as they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diarium.extractors.compounds import split_compound
from diarium.extractors.lexicon import zipf

if TYPE_CHECKING:
    from diarium.extractors.normalize.pipeline import Change

SEVEN_BIT = str.maketrans({"{": "ä", "|": "ö", "}": "å", "[": "Ä", "\\": "Ö", "]": "Å"})
# A word with at least one of the six characters touching a letter.
CANDIDATE = re.compile(
    r"[A-Za-z{|}\[\]\\]*(?:[A-Za-z][{|}\[\]\\]|[{|}\[\]\\][A-Za-z])[A-Za-z{|}\[\]\\]*"
)
MIN_WORDS = 2
MIN_SHARE = 0.6


def _reads_as_swedish(word: str) -> bool:
    lower = word.lower()
    return zipf(lower) > 0 or bool(split_compound(lower))


def fix_legacy_7bit(text: str) -> tuple[str, list[Change]]:
    if not any(ch in text for ch in "{|}[]\\"):
        return text, []
    found = list(CANDIDATE.finditer(text))
    readings = [(m, m.group().translate(SEVEN_BIT)) for m in found]
    good = [(m, r) for m, r in readings if r.isalpha() and _reads_as_swedish(r)]
    if len(good) < MIN_WORDS or len(good) < MIN_SHARE * len(readings):
        return text, []
    # The text is evidently 7-bit Swedish: read every such word so, also the names and
    # compounds the lexicon does not know ("K}lb{ck", "arbets{tt").
    good = [(m, r) for m, r in readings if r.isalpha()]
    from diarium.extractors.normalize.pipeline import Change

    changes: list[Change] = []
    pieces: list[str] = []
    cursor = 0
    for m, new in good:
        pieces.append(text[cursor : m.start()])
        pieces.append(new)
        changes.append(Change(m.group(), new, "legacy7bit", m.start(), m.end()))
        cursor = m.end()
    pieces.append(text[cursor:])
    return "".join(pieces), changes
