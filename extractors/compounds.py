"""Splitting Swedish compounds with a lexicon: "byggnadsnämnden" → byggnad + nämnden.

Used by the index (so "nämnden" finds "byggnadsnämnden") and by the OCR repair (so a
repaired compound the lexicon does not list can still be recognised as Swedish).
"""

from __future__ import annotations

from functools import lru_cache

from diarium.extractors.lexicon import zipf

# Compound splitting: a part must be a word the lexicon knows this well (Zipf scale:
# 3 is about one in a million words), so rare fragments never become parts.
MIN_COMPOUND_LENGTH = 8
MIN_HEAD = 4
MIN_TAIL = 4
MIN_PART_ZIPF = 2.5
# Linking letters between the parts of Swedish compounds: samverkan-s-överenskommelse,
# skol-a → skol-, kyrk-o-gård.
LINKS = ("s", "")


def _known(word: str) -> bool:
    return zipf(word) >= MIN_PART_ZIPF


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a Swedish compound, or () when the word is not one we can split.

    Tries every split point and keeps the one with the longest known tail whose head is
    a known word, possibly followed by a linking -s-. The tail may itself be split once
    more ("samverkansöverenskommelse" → samverkan + överenskommelse).
    """
    if len(word) < MIN_COMPOUND_LENGTH or not word.isalpha() or _known_as_whole(word):
        return ()
    for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if not _known(tail):
            continue
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            base = head[: len(head) - len(link)] if link else head
            if len(base) >= MIN_HEAD and _known(base):
                return (base, tail)
    return ()


def compound_parts(word: str) -> list[str]:
    """Every part of a compound, the tail split further (Swedish compounds grow to the
    left): samhällsbyggnadsnämnden → samhälls, byggnadsnämnden, byggnad, nämnden."""
    parts = list(split_compound(word))
    if parts:
        parts = [*parts, *compound_parts(parts[1])]
    return parts


def _known_as_whole(word: str) -> bool:
    # Very common words are never split ("överenskommelse" is a word in its own right,
    # even though "över" + "enskommelse" could be tried).
    return zipf(word) >= 4.5
