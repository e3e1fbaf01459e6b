"""Swedish text analysis shared by every index engine.

Each engine gets its tokens from here, so stemming, compound splitting and accent
folding behave the same whichever engine serves the search. Three views of a text:

* ``index_terms``: stems of every word, plus the stems of the parts of compounds
  ("byggnadsnämnden" also yields "byggnad" and "nämnd"), at the word's position;
* ``query_terms``: the stems of the typed words, never split (a query for a compound
  should not match documents that only share one of its parts);
* ``fold``: every Latin diacritic to its base letter (å/ä/ö, é, è, ü, æ, ø, à, á, ...),
  for people who type without them. Two kinds of letter are treated differently:
  å/ä/ö are letters of the Swedish alphabet that tell words apart ("får" and "far"), so
  the index keeps only the exact terms and a query typed without them is widened with
  ``folded_variants``, the index terms that fold to it; any other diacritic (Rosén,
  Müller, Søren, idé) distinguishes no Swedish words, so a word carrying one is also
  indexed under the stem of its folded form ("rosén" also as "ros", the stem of
  "rosen"): typed with or without the accent, alone, in an AND or in a phrase, it is
  the same term lookup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import Stemmer

from diarium.extractors.compounds import compound_parts

# Letters and digits; a hyphen or apostrophe inside a word splits it (Kungens kurva-Skärholmen
# gives both parts), which is what a searcher typing either part expects.
WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Letters of the Swedish alphabet: they tell words apart, so only a query typed without
# them is widened (see ``folded_variants``).
SWEDISH_LETTERS = "åäöÅÄÖ"
# Letters whose Unicode decomposition has no base letter but which readers take for one.
_FOLD_SPECIAL = {"æ": "a", "ø": "o", "œ": "o", "ð": "d", "đ": "d", "ł": "l", "ı": "i"}


def _fold_table() -> dict[int, str]:
    """Every Latin letter with a diacritic (Latin-1 Supplement, Latin Extended-A and -B)
    to its base letter, one letter for one, so offsets in a folded text stay those of
    the original (snippets mark words by them)."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        special = _FOLD_SPECIAL.get(char.lower())
        if special:
            base = special.upper() if char.isupper() else special
        else:
            base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD_TABLE = _fold_table()
_FOLD = str.maketrans(_FOLD_TABLE)
# Folds every diacritic but å/ä/ö.
_FOLD_FOREIGN = str.maketrans(
    {code: base for code, base in _FOLD_TABLE.items() if chr(code) not in SWEDISH_LETTERS}
)
# A page holding none of these needs no folded forms (one C-level scan per page).
FOREIGN_LETTERS = re.compile(
    "[" + "".join(chr(c) for c in _FOLD_TABLE if chr(c) not in SWEDISH_LETTERS) + "]"
)


@dataclass(frozen=True)
class Term:
    text: str
    position: int
    start: int
    end: int


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Swedish stem of a lower-case word (PyStemmer, the reference algorithm)."""
    return _stemmer().stemWord(word)


def fold(text: str) -> str:
    """Every Latin diacritic to its base letter, å/ä/ö included ("Rosén" → "Rosen")."""
    return text.translate(_FOLD)


def fold_foreign(text: str) -> str:
    """Every diacritic but å/ä/ö to its base letter ("Sørensen" → "Sorensen")."""
    return text.translate(_FOLD_FOREIGN)


@lru_cache(maxsize=200_000)
def folded_stem(word: str) -> str | None:
    """The stem a word with a non-Swedish diacritic is also indexed under ("rosén" →
    "ros", what "rosen" stems to); None for every other word."""
    plain = fold_foreign(word)
    if plain == word:
        return None
    folded = stem(plain)
    return folded if folded != stem(word) else None


def normalize_word(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


def words(text: str) -> Iterator[tuple[str, int, int]]:
    for match in WORD.finditer(text):
        yield normalize_word(match.group()), match.start(), match.end()


def word_list(text: str) -> list[str]:
    """The words ``words`` yields, without offsets, in one pass over the whole text: what
    indexing a page needs, several times faster than a word at a time."""
    if not unicodedata.is_normalized("NFC", text):
        return [word for word, _, _ in words(text)]
    lowered = text.lower()
    if len(lowered) != len(text):
        # A letter whose lower case is longer ("İ"): word by word, as ``words`` does.
        return [word for word, _, _ in words(text)]
    return WORD.findall(lowered)


def pair_list(stems: list[str], words: list[str] | None = None) -> list[str]:
    """The pair terms of a page's word stems, in order (see ``pair_terms``); given the
    ``words`` the stems come from, also the pairs a word with a non-Swedish diacritic
    makes under its folded stem, so a phrase typed without the accent is found too."""
    pairs = list(map(PAIR_JOIN.join, pairwise(stems)))
    if words is None or not any(FOREIGN_LETTERS.search(w) for w in words):
        return pairs
    for i, word in enumerate(words):
        folded = folded_stem(word)
        if folded is None:
            continue
        if i > 0:
            pairs.append(pair(stems[i - 1], folded))
            if (before := folded_stem(words[i - 1])) is not None:
                pairs.append(pair(before, folded))
        if i + 1 < len(stems):
            pairs.append(pair(folded, stems[i + 1]))
    return pairs


def vocabulary(text: str) -> list[str]:
    """The distinct plain words of a text that suggestions may offer, in order of first
    appearance."""
    return words_for_suggestions(word_list(text))


def words_for_suggestions(words_in_order: list[str]) -> list[str]:
    """Three letters or more, letters only, each once."""
    return [w for w in dict.fromkeys(words_in_order) if len(w) >= 3 and w.isalpha()]


def index_terms(text: str) -> Iterator[Term]:
    for position, (word, start, end) in enumerate(words(text)):
        for form in _index_forms(word):
            yield Term(form, position, start, end)


def pair_terms(text: str) -> Iterator[Term]:
    """Each pair of neighbouring word stems as one term ("beslut\x1fom"): a phrase of two
    words is then one term lookup instead of a walk over positions, and a longer one
    first narrows to the pages holding all its pairs (what Elasticsearch calls
    index_phrases)."""
    previous: tuple[tuple[str, ...], int] | None = None
    for position, (word, start, end) in enumerate(words(text)):
        folded = folded_stem(word)
        current = (stem(word),) if folded is None else (stem(word), folded)
        if previous is not None:
            for before in previous[0]:
                for now in current:
                    yield Term(pair(before, now), position - 1, previous[1], end)
        previous = (current, start)


def pair(first: str, second: str) -> str:
    return f"{first}{PAIR_JOIN}{second}"


PAIR_JOIN = "\x1f"


@lru_cache(maxsize=200_000)
def _index_forms(word: str) -> tuple[str, ...]:
    """Stems a word is indexed under: its stem; the stem of that stem, because Snowball
    is not idempotent ("skolskjutsar" → "skolskjuts", but "skolskjuts" → "skolskjut");
    the stem of its folded form when it carries a non-Swedish diacritic ("rosén" also
    as "ros"); and the stems of its compound parts."""
    forms = [stem(word)]
    again = stem(forms[0])
    if again != forms[0]:
        forms.append(again)
    folded = folded_stem(word)
    if folded is not None and folded not in forms:
        forms.append(folded)
    for part in compound_parts(word):
        part_stem = stem(part)
        if part_stem not in forms:
            forms.append(part_stem)
    return tuple(forms)


# The terms a lower-case word is indexed under at its position (see ``index_terms``);
# the cached function itself, since indexing calls it for every word.
index_forms = _index_forms


def query_terms(text: str) -> Iterator[Term]:
    for position, (word, start, end) in enumerate(words(text)):
        yield Term(stem(word), position, start, end)


# What each plain letter may have been before folding: the folding table reversed.
_UNFOLD: dict[str, str] = {}
for _code, _plain in _FOLD_TABLE.items():
    if chr(_code).islower():
        _UNFOLD[_plain] = _UNFOLD.get(_plain, "") + chr(_code)
# Only å/ä/ö are widened to at query time: every other diacritic is folded at index time.
_UNFOLD_SWEDISH = {"a": "åä", "o": "ö"}


def unfold_letters(letter: str) -> str:
    """The letters that fold to ``letter`` ("a" → "åäæ"); empty for most letters."""
    return _UNFOLD.get(letter, "")


def folded_variants(
    term: str,
    terms_with_prefix: Callable[[str], Iterable[str]],
    *,
    prefix: bool = False,
    limit: int = 64,
) -> list[str]:
    """Index terms other than ``term`` that fold to it ("sodertorn" → "södertorn"), or
    with ``prefix`` whose folded form starts with it.

    A term folding to ``term`` agrees with it up to its first å/ä/ö, which stands where
    ``term`` has a/o (other diacritics need no widening: their words are also indexed
    folded, see ``folded_stem``). So for each such position the engine lists the terms that start
    with ``term``'s beginning and that letter: narrow slices of its term dictionary,
    never a scan of all of it.
    """
    found: list[str] = []
    for i, plain in enumerate(term):
        for letter in _UNFOLD_SWEDISH.get(plain, ""):
            for candidate in terms_with_prefix(term[:i] + letter):
                folded_candidate = fold(candidate)
                if (
                    folded_candidate == term
                    or (prefix and folded_candidate.startswith(term))
                    or _stems_to(folded_candidate, term)
                ):
                    found.append(candidate)
                    if len(found) >= limit:
                        return found
    return found


def _stems_to(folded: str, term: str) -> bool:
    """Whether a folded index term, stemmed, is the query's stem: the stemmer strips
    other endings once å/ä/ö are gone ("förråd" stays, "forrad" becomes "forr"), so
    a word typed without them has another stem than the word it stands for."""
    return folded.startswith(term) and folded != term and stem(folded) == term


# Swedish function words. In a query of several words they add nothing ("beslut om
# skolskjuts" means "beslut skolskjuts": every page has "om") but cost a walk over nearly
# every page, so engines leave them out of AND queries when other words remain.
# Phrases keep them.
FUNCTION_WORDS = frozenset(
    [
        "och",
        "i",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "men",
        "var",
        "sig",
        "från",
        "så",
        "kan",
        "när",
        "vid",
        "eller",
        "nu",
        "sin",
        "där",
        "mot",
        "ska",
        "skall",
        "ut",
        "in",
        "upp",
        "efter",
        "under",
        "över",
        "också",
        "även",
        "detta",
        "denna",
        "dessa",
        "samt",
        "vara",
        "varit",
        "blir",
        "bli",
        "hade",
        "han",
        "hon",
        "vi",
        "jag",
        "ni",
        "man",
        "dem",
        "sina",
        "sitt",
        "vad",
        "hur",
        "än",
        "då",
        "här",
        "alla",
    ]
)


@lru_cache(maxsize=1)
def function_word_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in FUNCTION_WORDS)
