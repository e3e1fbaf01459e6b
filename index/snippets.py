"""Snippets: the passage of a page where the query's words are densest, words marked.

Engine-neutral: a word matches when its stem, one of its compound parts' stems, or its
folded stem is among the query's stems, the same test the index applies. Marked words
are wrapped in ``[[`` and ``]]``; the CLI colours them and JSON keeps the marks.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from diarium.extractors.entities.dnr import dnr_lookup_keys, find_bare, find_structured
from diarium.index.analysis import compound_parts, fold, folded_stem, stem, unfold_letters, words

WINDOW = 220
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def _match_forms(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems a page word answers to, as typed and folded: cached, since a snippet
    tests every word of a page and the same words recur on every page."""
    forms = {stem(word), stem(stem(word))} | {stem(p) for p in compound_parts(word)}
    if (folded := folded_stem(word)) is not None:
        forms.add(folded)
    # Typed without å/ä/ö a word may stem otherwise ("forrad" → "forr", "förråd" stays).
    folded_forms = {fold(f) for f in forms} | {stem(fold(word))}
    return frozenset(forms), frozenset(folded_forms)


def word_matches(word: str, stems: set[str], folded: bool) -> bool:
    exact, folded_forms = _match_forms(word)
    if not exact.isdisjoint(stems):
        return True
    return folded and not folded_forms.isdisjoint(stems)


def dnr_spans(text: str, keys: list[str]) -> list[tuple[int, int]]:
    """Where the page writes a case number that shares a lookup key with the query."""
    wanted = set(keys)
    return sorted(
        (m.start, m.end)
        for m in find_structured(text) + find_bare(text)
        if wanted & set(dnr_lookup_keys(m.parts.key()))
    )


def matching_spans(
    text: str, stems: set[str], prefixes: tuple[str, ...], folded: bool
) -> list[tuple[int, int]]:
    """Where the page has a word the query matches.

    A stem is a piece of its word (Snowball only cuts endings; compound parts are pieces
    too), so only words containing a query stem or prefix can match. One regular
    expression of the stems, each letter standing also for the letters that fold to it
    when the query was typed without å/ä/ö, finds them in C (the search skips ahead to
    the letters a stem can begin with); only the words around its matches are tested.
    Text whose lower case changes length is read word by word instead."""
    needles = tuple(sorted({*stems, *prefixes}, key=len, reverse=True))
    if not needles:
        return []
    lowered = text.lower()
    if len(lowered) != len(text) or not unicodedata.is_normalized("NFC", text):
        return [
            (start, end)
            for word, start, end in words(text)
            if word_matches(word, stems, folded) or (prefixes and _prefixed(word, prefixes))
        ]
    spans = []
    end = 0
    for m in _occurrences(needles, folded or bool(prefixes)).finditer(lowered):
        if m.start() < end:
            continue  # inside the word just tested
        start = m.start()
        while start and lowered[start - 1].isalnum():  # isalnum() is the regex [^\W_]
            start -= 1
        tail = _WORD_TAIL.match(lowered, m.end())
        end = tail.end() if tail else m.end()
        word = lowered[start:end]
        if word_matches(word, stems, folded) or (prefixes and _prefixed(word, prefixes)):
            spans.append((start, end))
    return spans


_WORD_TAIL = re.compile(r"[^\W_]*")


@lru_cache(maxsize=256)
def _occurrences(needles: tuple[str, ...], folding: bool) -> re.Pattern[str]:
    """Any of the needles; with ``folding`` a letter also matches the letters that fold
    to it, on either side (``mote`` finds ``möte``, ``möte`` finds ``mote``)."""
    if not folding:
        return re.compile("|".join(re.escape(n) for n in needles))
    return re.compile("|".join("".join(map(_letter_class, fold(n))) for n in needles))


def _letter_class(letter: str) -> str:
    variants = unfold_letters(letter)
    return f"[{re.escape(letter + variants)}]" if variants else re.escape(letter)


def make_snippet(
    text: str,
    stems: set[str],
    prefixes: tuple[str, ...] = (),
    folded: bool = False,
    window: int = WINDOW,
    dnr_keys: list[str] | None = None,
) -> str:
    spans = dnr_spans(text, dnr_keys) if dnr_keys else []
    if not spans:
        spans = matching_spans(text, stems, prefixes, folded)
    if not spans:
        return _clip(text, 0, window)
    starts = [start for start, _ in spans]
    best_start, best_count = starts[0], 0
    for i, start in enumerate(starts):
        count = bisect_left(starts, start + window, i) - i
        if count > best_count:
            best_start, best_count = start, count
    begin = max(0, best_start - window // 4)
    end = min(len(text), begin + window)
    pieces: list[str] = []
    cursor = begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        pieces.append(text[cursor:start])
        pieces.append(f"[[{text[start:stop]}]]")
        cursor = stop
    pieces.append(text[cursor:end])
    body = _SPACE.sub(" ", "".join(pieces)).strip()
    return ("…" if begin > 0 else "") + body + ("…" if end < len(text) else "")


def _prefixed(word: str, prefixes: tuple[str, ...]) -> bool:
    return any(word.startswith(p) or fold(word).startswith(p) for p in prefixes)


def _clip(text: str, begin: int, window: int) -> str:
    body = _SPACE.sub(" ", text[begin : begin + window]).strip()
    return body + ("…" if len(text) > begin + window else "")
