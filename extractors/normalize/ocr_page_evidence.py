"""The page's own evidence of how its words are spelled.

An engine without Swedish does not lose every å/ä/ö: some words keep them, and some
come out with a sign no Swedish word has ("st6d", "férslag") whose reading is not in
doubt. Such a word tells how the same word is spelled where it came out ambiguous
("stod" is stod or stöd; on a page that prints "stöd" and "st6d" it is stöd), and which
of two readings the page means ("anhorigskapet" next to an intact "anhörigskapet").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from diarium.extractors.lexicon import hunspell_knows, zipf
from diarium.extractors.normalize.folded_lexicon import fold

SWEDISH = frozenset("åäö")
# Signs no Swedish word has, which make a word's reading unambiguous in where its
# å/ä/ö stood ("d" and "i" are letters in their own right, so they prove nothing).
SIGNS = frozenset("é6#&£0")
# A sign-bearing word this short reads too many ways to stand as evidence.
MIN_SIGN_WORD = 4


@dataclass
class PageEvidence:
    spellings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, word: str) -> None:
        self.spellings[fold(word)][word] += 1

    def spelling_of(self, keys: tuple[str, ...], lower: str) -> str | None:
        """The page's spelling, other than the word itself, of a word printed without
        its å/ä/ö (``keys``: the folded spellings it may stand for), when the page
        spells it one way only."""
        found = {w for key in keys for w in self.spellings.get(key, ())}
        found.discard(lower)
        return found.pop() if len(found) == 1 else None


def page_evidence(tokens: list[re.Match[str]], fixes: dict[int, str | None]) -> PageEvidence:
    """Spellings the page vouches for: words printed with å/ä/ö that a lexicon knows, and
    readings, that a lexicon knows, of words whose signs (é, 6, #) leave no doubt that a
    Swedish letter stood there."""
    evidence = PageEvidence()
    for m in tokens:
        lower = m.group().lower()
        if not lower.isalpha() and not SIGNS & set(lower):
            continue
        if SWEDISH & set(lower) and lower.isalpha():
            if zipf(lower) > 0 or hunspell_knows(lower):
                evidence.add(lower)
        elif SIGNS & set(lower) and len(lower) >= MIN_SIGN_WORD:
            reading = (fixes.get(m.start()) or "").lower()
            if SWEDISH & set(reading) and (zipf(reading) > 0 or hunspell_knows(reading)):
                evidence.add(reading)
    return evidence
