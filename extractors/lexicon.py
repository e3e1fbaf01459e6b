"""A Swedish word lexicon with frequencies, shared by text-quality scoring and repair.

wordfreq ships its Swedish list inside the package, so nothing is fetched at run time.
The table is loaded once per process.
"""

from __future__ import annotations

import math
from functools import lru_cache

import wordfreq


@lru_cache(maxsize=1)
def swedish_frequencies() -> dict[str, float]:
    """Word → frequency (fraction of running words), lower-cased, as wordfreq gives it."""
    return wordfreq.get_frequency_dict("sv", wordlist="large")


@lru_cache(maxsize=262_144)
def zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words; 0 when unknown) of a lower-cased word.

    Cached: quality scoring and repair ask for the same running words again and again."""
    freq = swedish_frequencies().get(word.lower(), 0.0)
    if freq <= 0.0:
        return 0.0
    return round(math.log10(freq) + 9.0, 2)


def is_swedish_word(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf
