"""'Menade du': a correction for a query that found nothing, from the index's own words.

Engine-neutral: an engine says whether a word is in its vocabulary and which words of
the vocabulary begin with a given letter (with how many documents hold each); the
choice is made here, so both engines suggest the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidfuzz.distance import Levenshtein

from diarium.index.analysis import words

MAX_EDITS = 2
_OPERATORS = {"and", "or", "not"}


def suggest_query(
    text: str,
    known: Callable[[str], bool],
    candidates: Callable[[str], Iterable[tuple[str, int]]],
) -> str | None:
    """The query with each unknown word replaced by its closest known word, or None when
    nothing changed. Closest means fewest edits (at most two), then most documents.
    Candidates share the word's first letter: a slip there is rare, and it keeps the
    search to one slice of the vocabulary."""
    out: list[str] = []
    changed = False
    for word, _, _ in words(text):
        if word in _OPERATORS or known(word):
            out.append(word)
            continue
        best: tuple[int, int, str] | None = None
        for term, count in candidates(word[0]):
            if term == word:
                continue
            edits = Levenshtein.distance(word, term, score_cutoff=MAX_EDITS)
            if edits <= MAX_EDITS:
                key = (edits, -count, term)
                if best is None or key < best:
                    best = key
        if best is None:
            out.append(word)
        else:
            out.append(best[2])
            changed = True
    return " ".join(out) if changed else None
