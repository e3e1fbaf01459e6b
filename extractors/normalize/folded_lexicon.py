"""The Swedish lexicon looked up without å/ä/ö, so a word OCR stripped of them is found.

Folding maps å and ä to a and ö to o. An observed word folds to a few keys (its
ambiguous characters branch: "i" may be i or a lost ä, "d" may be d or ö); every
lexicon word with one of those keys is a candidate, and the channel cost decides
whether the observed word can really come from it. Near keys (a letter or two apart)
come from rapidfuzz over the lexicon's common words with the same first letter.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from diarium.extractors.lexicon import swedish_frequencies, zipf
from diarium.extractors.normalize.ocr_channel import confusion_table

_FOLD = str.maketrans("åäöéè", "aaoee")
# Only common words are reached by a general edit: a rare word a letter away from OCR
# garbage is as likely an accident as a reading.
NEAR_MIN_ZIPF = 2.5
MAX_KEYS = 64


def fold(word: str) -> str:
    return word.translate(_FOLD)


@lru_cache(maxsize=1)
def _words_by_key() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for word in swedish_frequencies():
        if word.isalpha():
            grouped[fold(word)].append(word)
    return {key: tuple(sorted(words, key=zipf, reverse=True)) for key, words in grouped.items()}


def words_with_key(key: str) -> tuple[str, ...]:
    return _words_by_key().get(key, ())


@lru_cache(maxsize=1)
def _near_buckets() -> dict[str, list[str]]:
    buckets: dict[str, list[str]] = defaultdict(list)
    for key, words in _words_by_key().items():
        if zipf(words[0]) >= NEAR_MIN_ZIPF:
            buckets[key[0]].append(key)
    return dict(buckets)


@lru_cache(maxsize=1)
def _tier1_options() -> dict[str, tuple[str, ...]]:
    """Observed piece → the folded pieces it may stand for (tier-1 confusions only)."""
    options: dict[str, set[str]] = defaultdict(set)
    for row in confusion_table():
        if row.tier == 1:
            options[row.seen].add(fold(row.meant))
    for seen, meant in options.items():
        if seen.isalpha():
            meant.add(fold(seen))
    return {seen: tuple(sorted(meant)) for seen, meant in options.items()}


@lru_cache(maxsize=100_000)
def observed_keys(word: str) -> tuple[str, ...]:
    """Folded keys a lower-case observed word may come from, by tier-1 confusions,
    those that change fewest places first.

    At most MAX_KEYS, the least-changed kept: a word with more ambiguous places than
    that is garbage anyway."""
    options = _tier1_options()
    longest = max(len(seen) for seen in options)
    # Position in the word → {key so far: places changed}.
    partial: dict[int, dict[str, int]] = {0: {"": 0}}
    for i in range(len(word)):
        prefixes = _least_changed(partial.pop(i, {}))
        if not prefixes:
            continue
        steps: list[tuple[str, tuple[str, ...]]] = []
        for size in range(1, longest + 1):
            piece = word[i : i + size]
            if len(piece) == size and piece in options:
                steps.append((piece, options[piece]))
        if not any(len(piece) == 1 for piece, _ in steps):
            steps.append((word[i], (fold(word[i]),)))
        for piece, meant in steps:
            bucket = partial.setdefault(i + len(piece), {})
            for prefix, changed in prefixes:
                for m in meant:
                    total = changed + (m != fold(piece))
                    if total < bucket.get(prefix + m, len(word) + 1):
                        bucket[prefix + m] = total
    return tuple(key for key, _ in _least_changed(partial.get(len(word), {})))


def _least_changed(keys: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(keys.items(), key=lambda item: (item[1], item[0]))[:MAX_KEYS]


@lru_cache(maxsize=100_000)
def slip_keys(word: str) -> tuple[str, ...]:
    """Keys of the word with one letter slip of the table undone ("rned" → med, "kari"
    → kan): a slip changes the letter count, which a near search by one edit misses."""
    found: set[str] = set()
    for row in confusion_table():
        if row.tier != 2:
            continue
        start = word.find(row.seen)
        while start >= 0:
            variant = word[:start] + row.meant + word[start + len(row.seen) :]
            found.update(observed_keys(variant)[:4])
            start = word.find(row.seen, start + 1)
    return tuple(sorted(found))


def near_keys(key: str, max_edits: int, limit: int = 20) -> list[str]:
    """Folded keys of common words within ``max_edits`` letter edits of ``key``."""
    bucket = _near_buckets().get(key[:1])
    if not bucket:
        return []
    found = process.extract(
        key, bucket, scorer=Levenshtein.distance, score_cutoff=max_edits, limit=limit
    )
    return [choice for choice, _, _ in found]
