"""A Swedish word lexicon with frequencies, shared by text-quality scoring and repair.

wordfreq ships its Swedish list inside the package, so nothing is fetched at run time.
The table is loaded once per process.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

# wordfreq's large Swedish list, in its "cBpack" format (documented in wordfreq's
# read_cBpack): gzip'd msgpack, a header, then one list of words per centibel of frequency.
_CBPACK_HEADER = {"format": "cB", "version": 1}
_CBPACK_NAME = "large_sv.msgpack.gz"


@lru_cache(maxsize=1)
def swedish_frequencies() -> dict[str, float]:
    """Word → frequency (fraction of running words), lower-cased, as wordfreq gives it.

    Read straight from wordfreq's data file: importing wordfreq (langcodes, ftfy, regex)
    costs more than reading the list, and a search pays it to match compounds in its
    snippets. Held equal to ``wordfreq.get_frequency_dict`` by a test; any other file
    layout falls back to wordfreq itself."""
    buckets = _read_cbpack()
    if buckets is None:
        import wordfreq

        return wordfreq.get_frequency_dict("sv", wordlist="large")
    freqs: dict[str, float] = {}
    for centibels, words in enumerate(buckets):
        if words:
            freqs.update(dict.fromkeys(words, 10 ** (-centibels / 100)))
    return freqs


def _read_cbpack() -> list[list[str]] | None:
    import gzip
    import importlib.util

    import msgpack

    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "data" / _CBPACK_NAME
    try:
        data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    except (OSError, ValueError, msgpack.UnpackException):
        return None
    if not isinstance(data, list) or not data or data[0] != _CBPACK_HEADER:
        return None
    return data[1:]


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


# The second lexicon: Hunspell's Swedish dictionary (Debian's hunspell-sv), which knows
# inflections and compounds that a frequency list lacks ("sammanträdesdatum",
# "utförarverksamheter"). It is only loaded for pages that are evidently mangled.
HUNSPELL_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts")
HUNSPELL_NAME = "sv_SE"
_log = logging.getLogger(__name__)
_HUNSPELL_PROBLEM = ["not loaded"]


@lru_cache(maxsize=1)
def hunspell_status() -> str:
    """"ok", or why the Swedish Hunspell lexicon cannot be used (repair then runs on
    wordfreq alone, more cautiously)."""
    return "ok" if _hunspell() is not None else _HUNSPELL_PROBLEM[0]


@lru_cache(maxsize=1)
def _hunspell() -> Any | None:
    try:
        import hunspell  # chunspell's module
    except ImportError as exc:
        _HUNSPELL_PROBLEM[0] = f"the chunspell package is not installed ({exc})"
        _log.warning("Swedish Hunspell lexicon unavailable: %s", _HUNSPELL_PROBLEM[0])
        return None
    for folder in HUNSPELL_DIRS:
        if Path(folder, f"{HUNSPELL_NAME}.dic").is_file():
            return hunspell.Hunspell(HUNSPELL_NAME, hunspell_data_dir=folder)
    _HUNSPELL_PROBLEM[0] = (
        f"{HUNSPELL_NAME}.dic not found in {', '.join(HUNSPELL_DIRS)}: install Debian's "
        "hunspell-sv (make system)"
    )
    _log.warning("Swedish Hunspell lexicon unavailable: %s", _HUNSPELL_PROBLEM[0])
    return None


def hunspell_available() -> bool:
    return _hunspell() is not None


@lru_cache(maxsize=200_000)
def hunspell_knows(word: str) -> bool:
    """True when Hunspell's Swedish dictionary accepts the word as written (an inflected
    form or a compound it can build); False when it does not, or is unavailable."""
    checker = _hunspell()
    return bool(checker is not None and word and checker.spell(word))
