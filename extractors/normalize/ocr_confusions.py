"""Words mangled by OCR engines that knew no Swedish: "Sodertdrns", "férslag", "f6r".

Every character an engine is known to put where å/ä/ö was printed (``data/
ocr_confusions.tsv``) is a place where the printed word may differ. Candidates are all
combinations of such substitutions; a Swedish lexicon with frequencies picks the best.
A word the lexicon already knows is only replaced on a page that is evidently mangled,
by a much more frequent word ("for" → "för"), and not amid English words. Names,
numbers, case numbers, e-mail addresses and URLs are never candidates.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import wordfreq

from extractors.compounds import split_compound
from extractors.lexicon import zipf

if TYPE_CHECKING:
    from extractors.normalize.pipeline import Change

DATA = Path(__file__).resolve().parent / "data"
# Characters that can stand inside a mangled word.
_IN_WORD = r"A-Za-zÅÄÖåäöéèÉ£#&!0-9"
TOKEN = re.compile(
    rf"(?<![\w@./:#&£-])[{_IN_WORD}]*[A-Za-zåäöéèÉ][{_IN_WORD}]*(?<!!)(?![\w@£#&]|[./:][\w])"
)
# Party letters and other short capitals: (SD), (KD), EU.
ABBREVIATION = re.compile(r"^[A-ZÅÄÖ]{1,4}$")
PROTECTED = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b[A-ZÅÄÖ]{1,5}[-/ ]?\d{4}\S*")
# A page is "mangled" when this many words, and this share of them, are unknown words
# whose confusion candidates are known Swedish words.
MANGLED_MIN_WORDS = 3
MANGLED_MIN_SHARE = 0.02
UNKNOWN_SHARE = 0.10
# A known word is replaced only by a candidate this much more frequent (Zipf units).
KNOWN_WORD_MARGIN = 1.4
# A rare "word" is as suspect as an unknown one: OCR garbage often happens to be one.
RARE_ZIPF = 2.6
RARE_MARGIN = 2.0
# An unknown word's repair must be at least this common a word.
MIN_WORD_ZIPF = 1.0
MIN_COMPOUND_SCORE = 2.0
MAX_CANDIDATES = 4096
COMPOUND_PENALTY = 0.5
SLIP_MIN_ZIPF = 2.5
# Characters no Swedish word contains: where they stand inside a word, OCR failed.
STRONG_SIGNS = frozenset("éè6048£#&!1")
NAME_MAX_LENGTH = 12
MAX_PLACES = 8


@lru_cache(maxsize=2)
def confusions(tier: int = 1) -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = []
    for line in (DATA / "ocr_confusions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("# "):
            seen, meant, level = line.split("\t")
            if int(level) <= tier:
                rows.append((seen, tuple(meant.split(","))))
    # Longest first, so "ii" is tried before "i".
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _places(word: str, tier: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, replacements) for every confusable piece of the lower-cased word."""
    places = []
    for seen, meant in confusions(tier):
        start = word.find(seen)
        while start >= 0:
            places.append((start, start + len(seen), meant))
            start = word.find(seen, start + 1)
    return places


@lru_cache(maxsize=100_000)
def candidates(word: str, tier: int = 1) -> tuple[str, ...]:
    """Lower-case candidate readings of a lower-case word, the word itself excluded."""
    places = _places(word, tier)
    if not places:
        return ()
    places.sort()
    # Overlapping places ("ii" and "i" at the same start) are alternatives: each
    # combination takes non-overlapping ones.
    out: set[str] = set()
    options = [[None, *meant] for _, _, meant in places[:MAX_PLACES]]
    for n, choice in enumerate(itertools.product(*options)):
        if n >= MAX_CANDIDATES:
            break
        pieces, cursor, ok = [], 0, True
        for (start, end, _), pick in zip(places, choice, strict=False):
            if pick is None:
                continue
            if start < cursor:
                ok = False
                break
            pieces.append(word[cursor:start])
            pieces.append(pick)
            cursor = end
        if ok and pieces:
            pieces.append(word[cursor:])
            out.add("".join(pieces))
    out.discard(word)
    return tuple(out)


@dataclass(frozen=True)
class Reading:
    word: str
    score: float
    kind: str  # "word" (in the lexicon), "compound" (of known parts) or "slip"


@lru_cache(maxsize=100_000)
def best_reading(word: str) -> Reading | None:
    """The best candidate reading of a lower-case word.

    Words the lexicon lists come first: a compound of two common words is easy to make
    by accident ("söder" + "torn" for "södertörn"). A listed word is scored by its own
    frequency or, if higher, by its parts (lexicons under-count compounds). Unlisted
    compounds of known parts come next, because no lexicon lists every Swedish
    compound. Letter slips (r read as t) are tried last.
    """
    for tier in (1, 2):
        words: list[Reading] = []
        compounds: list[Reading] = []
        for cand in candidates(word, tier):
            if not cand.isalpha():
                continue
            z = zipf(cand)
            parts = _compound_score(cand)
            if z > 0:
                words.append(Reading(cand, max(z, parts), "word"))
            elif parts >= MIN_COMPOUND_SCORE:
                compounds.append(Reading(cand, parts, "compound"))
        minimum = MIN_WORD_ZIPF if tier == 1 else SLIP_MIN_ZIPF
        words = [r for r in words if r.score >= minimum]
        for found in (words, compounds):
            if found:
                return max(found, key=lambda r: r.score)
    return None


@lru_cache(maxsize=200_000)
def _compound_score(word: str) -> float:
    """How plausible a compound the word is: its rarer part, less a penalty; the tail
    may itself be a compound (kommunstyrelse|förvaltningen, samhälls|byggnads|nämnden)."""
    parts = split_compound(word)
    if not parts:
        return 0.0
    head, tail = parts
    tail_score = zipf(tail) or (_compound_score(tail) + COMPOUND_PENALTY)
    return min(zipf(head), tail_score) - COMPOUND_PENALTY


def _restore_case(original: str, new: str) -> str:
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _is_english(word: str) -> bool:
    """Clearly English (much more common there and rare in Swedish): "for" in
    "Centre for Research" stays "for"; "vision" and "program" are Swedish too."""
    lower = word.lower()
    swedish = zipf(lower)
    return swedish < 4.0 and wordfreq.zipf_frequency(lower, "en") > swedish + 1.0


def _fixable_unknown(token: str) -> str | None:
    """The repair of a word the lexicon does not know (or hardly knows)."""
    if ABBREVIATION.match(token):
        return None
    lower = token.lower()
    own = zipf(lower) if lower.isalpha() else 0.0
    if own >= RARE_ZIPF:
        return None
    found = best_reading(lower)
    if not found or (own > 0 and found.score < own + RARE_MARGIN):
        return None
    if (
        token[:1].isupper()
        and not token.isupper()
        and len(token) < NAME_MAX_LENGTH
        and not _strong_change(lower, found.word)
        and found.kind != "word"
    ):
        # A capitalised unknown word may be a name ("Hollmark"): a/o → å/ä/ö alone is
        # weak evidence, and an accidental compound ("höll" + "mark") is no proof.
        # Long compounds ("Sodertornssamarbetet") are not names.
        return None
    return found.word


def _strong_change(old: str, new: str) -> bool:
    """True when the repair replaces more than a/o by å/ä/ö: a sign no name explains."""
    if len(old) != len(new) or STRONG_SIGNS & set(old):
        return True
    return any(a != b and a not in "ao" for a, b in zip(old, new, strict=True))


def repair_ocr_confusions(text: str) -> tuple[str, list[Change]]:
    protected = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
    tokens = [m for m in TOKEN.finditer(text) if not any(s <= m.start() < e for s, e in protected)]
    if not tokens:
        return text, []
    if not _looks_mangled(tokens):
        return text, []
    fixes = {m.start(): _fixable_unknown(m.group()) for m in tokens}
    repairable = {start for start, new in fixes.items() if new}
    for i, m in enumerate(tokens):
        if fixes[m.start()] and _in_a_name(tokens, i, text, repairable):
            fixes[m.start()] = None
    fixable = sum(1 for v in fixes.values() if v)
    mangled = fixable >= MANGLED_MIN_WORDS and fixable / len(tokens) >= MANGLED_MIN_SHARE
    if not mangled:
        return text, []
    from extractors.normalize.pipeline import Change

    changes: list[Change] = []
    pieces: list[str] = []
    cursor = 0
    for i, m in enumerate(tokens):
        word = m.group()
        new = fixes[m.start()]
        if new is None:
            new = _known_word_repair(word, tokens, i, fixes)
        if new is None:
            continue
        new = _restore_case(word, new)
        if new == word:
            continue
        pieces.append(text[cursor : m.start()])
        pieces.append(new)
        changes.append(Change(word, new, "ocr_confusion", m.start(), m.end()))
        cursor = m.end()
    pieces.append(text[cursor:])
    return "".join(pieces), changes


# é ends Swedish loan words (idé, kommittén, armé): only elsewhere is it an OCR sign.
_LOAN_E_END = re.compile(r"[éè](?:n|ns|s|er|erna|ers|t)?$")


def _has_strong_sign(lower: str) -> bool:
    if zipf(lower) > 0:
        return False
    signs = STRONG_SIGNS & set(lower)
    if signs <= {"é", "è"} and _LOAN_E_END.search(lower):
        return False
    return bool(signs)


def _in_a_name(tokens: list[re.Match[str]], i: int, text: str, repairable: set[int]) -> bool:
    """A capitalised word beside another capitalised word the lexicon does not know (and
    cannot repair), on the same line, is taken for part of a name ("Ajda Asgari"),
    unless the repair shows signs no name has."""
    word = tokens[i].group()
    if not word[:1].isupper() or word.isupper() or _has_strong_sign(word.lower()):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            other = tokens[j].group()
            between = text[
                min(tokens[i].end(), tokens[j].end()) : max(tokens[i].start(), tokens[j].start())
            ]
            if "\n" in between or not other[:1].isupper() or other.isupper():
                continue
            if zipf(other.lower()) == 0 and tokens[j].start() not in repairable:
                return True
    return False


def _looks_mangled(tokens: list[re.Match[str]]) -> bool:
    """Cheap first look (dictionary lookups only): clean Swedish pages have 2-5 % words
    the lexicon lacks (names, compounds); pages from a non-Swedish OCR engine have
    far more, or characters inside words that no Swedish word has."""
    strong = sum(1 for m in tokens if _has_strong_sign(m.group().lower()))
    if strong >= MANGLED_MIN_WORDS:
        return True
    unknown = sum(1 for m in tokens if zipf(m.group().lower()) == 0)
    return unknown >= MANGLED_MIN_WORDS and unknown / len(tokens) >= UNKNOWN_SHARE


def _known_word_repair(
    word: str, tokens: list[re.Match[str]], i: int, fixes: dict[int, str | None]
) -> str | None:
    """A known word on a mangled page: "for" → "för" when Swedish surrounds it."""
    lower = word.lower()
    own = zipf(lower)
    if own == 0 or ABBREVIATION.match(word):
        return None
    found = best_reading(lower)
    if not found or found.kind != "word" or found.score < own + KNOWN_WORD_MARGIN:
        return None
    # Neighbours as they will read after repair: on a mangled page they often need it too.
    neighbours = [
        fixes.get(tokens[j].start()) or tokens[j].group()
        for j in (i - 1, i + 1)
        if 0 <= j < len(tokens)
    ]
    if any(_is_english(n) for n in neighbours):
        return None
    return found.word
