"""The most plausible Swedish word behind one word an OCR engine without Swedish printed.

Candidates come from the folded lexicon: words and compounds whose å/ä/ö-less form the
observed word can stand for, and, when asked, common words and compounds a letter or
two away. Every candidate is ranked the same way: how plausible a Swedish word it is
(lexicon frequency, or the frequency of its parts) minus what the OCR channel would
have had to do to it. So "intiktning" reads as "inriktning" (one slip from a common
word) rather than as the accidental compound "intäktning" that needs none.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from functools import lru_cache

from diarium.extractors.lexicon import zipf
from diarium.extractors.normalize.folded_lexicon import (
    near_keys,
    observed_keys,
    slip_keys,
    words_with_key,
)
from diarium.extractors.normalize.ocr_channel import EDIT_COST, channel_cost

# A compound part must be a word the lexicon knows this well (rare fragments combine
# into anything).
MIN_PART_ZIPF = 2.5
MIN_HEAD = 3
MIN_TAIL = 4
COMPOUND_PENALTY = 0.5
# Genitive -s ("samarbetets", "styrelsernas"): lexicons list only some of these forms.
GENITIVE_PENALTY = 0.3
# What a reading must reach: a listed word that needs no edit, an unlisted compound of
# known parts, or (after subtracting the channel cost) a reading that needed edits.
MIN_WORD_ZIPF = 1.0
MIN_COMPOUND_SCORE = 2.0
MIN_EDITED_SCORE = 0.0
# Ranking prefers a listed word to an unlisted compound: two common words make a
# compound by accident easily ("söder" + "torn" for "södertörn").
UNLISTED_PENALTY = 1.0
# General edits are tried on words at least this long: shorter ones have too many
# neighbours to choose from.
NEAR_MIN_LENGTH = 3
# A three-letter part only when it is a very common word (mål|året, del|målen,
# verksamhets|mål).
MIN_SHORT_PART = 3
SHORT_HEAD_ZIPF = 4.5
MAX_COST = 2 * EDIT_COST
TOP_WORDS = 2
# What each å/ä/ö put back costs a reading in the ranking (not in its score): enough to
# settle near-ties for the smaller change, too little to outweigh real frequency.
PUT_BACK_RANK = 0.3
# Two printed glyphs for one letter ("di" for ä) are rarer than one for one: a reading
# of another length ranks this much lower per letter ("dir" is "där" before "är").
MERGED_RANK = 1.5
SWEDISH = frozenset("åäö")


def letters_put_back(observed: str, spelling: str) -> int:
    """How many å/ä/ö the reading has beyond those printed."""
    return sum(c in SWEDISH for c in spelling) - sum(c in SWEDISH for c in observed)


@dataclass(frozen=True)
class Reading:
    word: str
    score: float  # plausibility minus channel cost
    kind: str  # "word" (listed in the lexicon) or "compound"
    cost: float
    lead: float = math.inf  # rank ahead of the next reading (told for edited readings)


def _genitive(word: str) -> float:
    if len(word) > MIN_TAIL and word.endswith("s") and not word.endswith("ss"):
        base = zipf(word[:-1])
        if base >= MIN_PART_ZIPF:
            return base - GENITIVE_PENALTY
    return 0.0


def _as_word(word: str) -> float:
    return max(zipf(word), _genitive(word))


@lru_cache(maxsize=200_000)
def compound_score(word: str, nested: bool = True) -> float:
    """How plausible a compound the word is: its rarest part, less a penalty per joint.
    The tail may itself be a compound (kommunstyrelse|förvaltningen) when ``nested``;
    the head may be in a linking form (samhälls|byggnad)."""
    best = 0.0
    for cut in range(MIN_HEAD, len(word) - MIN_SHORT_PART + 1):
        head, tail = word[:cut], word[cut:]
        # The head as a word, or in a linking form: -s- (samhälls-), -s- for a final -e
        # (samarbete → samarbets-), or the final -e dropped (medborgare → medborgar-).
        head_score = max(zipf(head), zipf(head + "e") if len(head) > MIN_HEAD else 0.0)
        if head.endswith("s") and len(head) > MIN_HEAD + 1:
            head_score = max(head_score, zipf(head[:-1]), zipf(head[:-1] + "e"))
        if head_score < (SHORT_HEAD_ZIPF if len(head) == MIN_HEAD else MIN_PART_ZIPF):
            continue
        tail_score = _as_word(tail)
        if len(tail) < MIN_TAIL and tail_score < SHORT_HEAD_ZIPF:
            continue
        if tail_score < MIN_PART_ZIPF and nested:
            # Each further joint costs again: a word cut into many common pieces is
            # more likely an accident than a compound.
            tail_score = compound_score(tail) - COMPOUND_PENALTY if len(tail) >= 2 * MIN_TAIL else 0
        if tail_score < MIN_PART_ZIPF - 3 * COMPOUND_PENALTY:
            continue
        best = max(best, min(head_score, tail_score) - COMPOUND_PENALTY)
    return best


def rank_value(reading: Reading) -> float:
    return reading.score - (0.0 if reading.kind == "word" else UNLISTED_PENALTY)


def plausibility(word: str) -> float:
    """A listed word by its frequency or, if higher, its parts (lexicons under-count
    compounds); an unlisted word by its parts."""
    return max(_as_word(word), compound_score(word))


def _key_words(key: str) -> list[str]:
    words = list(words_with_key(key)[:TOP_WORDS])
    if key.endswith("s"):
        words += [w + "s" for w in words_with_key(key[:-1])[:TOP_WORDS]]
    return words


def _part_words(key: str) -> list[str]:
    least = SHORT_HEAD_ZIPF if len(key) == MIN_HEAD else MIN_PART_ZIPF
    return [w for w in _key_words(key) if _as_word(w) >= least]


@lru_cache(maxsize=50_000)
def _compound_spellings(key: str) -> tuple[str, ...]:
    """Real spellings of compounds whose folded form is ``key``."""
    found: set[str] = set()
    for cut in range(MIN_HEAD, len(key) - MIN_TAIL + 1):
        heads = _part_words(key[:cut])
        if not heads:
            continue
        tails = _part_words(key[cut:])
        if len(key) - cut >= 2 * MIN_TAIL:
            tails += list(_compound_spellings(key[cut:]))
        found.update(h + t for h, t in itertools.product(heads, tails))
    return tuple(found)


def _near_words(key: str) -> list[str]:
    """Common words one letter from the key, with the forms a compound part takes: a
    genitive or linking -s (styrelsernas, samarbets-)."""
    found = [w for n in near_keys(key, 1) for w in words_with_key(n)[:TOP_WORDS]]
    if key.endswith("s") and len(key) > MIN_TAIL:
        stem = key[:-1]
        found += [w + "s" for n in near_keys(stem, 1) for w in words_with_key(n)[:TOP_WORDS]]
        found += [
            w[:-1] + "s"
            for n in near_keys(stem + "e", 1)
            for w in words_with_key(n)[:TOP_WORDS]
            if w.endswith("e")
        ]
    return found


def _near_spellings(key: str) -> set[str]:
    """Common words a letter or two from the key, and two-part compounds with one part
    a letter off."""
    edits = 1 if len(key) < 7 else 2
    found = {w for near in near_keys(key, edits) for w in words_with_key(near)[:TOP_WORDS]}
    if len(key) < MIN_HEAD + MIN_TAIL:
        return found
    for cut in range(MIN_HEAD, len(key) - MIN_TAIL + 1):
        head, tail = key[:cut], key[cut:]
        heads = _part_words(head)
        if heads:
            found.update(h + t for h, t in itertools.product(heads, _near_words(tail)))
        # Two parts at most: an edit and a many-part split at once is two guesses.
        tails = _part_words(tail)
        if tails and len(head) >= MIN_HEAD + 1:
            found.update(h + t for h, t in itertools.product(_near_words(head), tails))
    return found


@lru_cache(maxsize=100_000)
def best_reading(word: str, near: bool = True) -> Reading | None:
    """The best reading of a lower-case observed word other than itself, or None.

    ``near`` allows readings that need edits outside the confusion table (a dropped or
    extra letter); without it only the table's own confusions and slips count."""
    keys = observed_keys(word)
    spellings: set[str] = set()
    for key in (*keys, *slip_keys(word)):
        spellings.update(_key_words(key))
        if len(key) >= MIN_HEAD + MIN_TAIL:
            spellings.update(_compound_spellings(key))
    if near and len(word) >= NEAR_MIN_LENGTH:
        for key in keys[:8]:
            spellings.update(_near_spellings(key))
    spellings.discard(word)
    ranked: list[tuple[tuple[float, float, float, str], Reading]] = []
    for spelling in spellings:
        cost = channel_cost(word, spelling, MAX_COST)
        if math.isinf(cost) or (not near and cost >= EDIT_COST):
            continue
        listed = zipf(spelling) > 0
        if cost >= EDIT_COST and not listed:
            # Two parts at most: an edit and a many-part split at once are two guesses.
            value = compound_score(spelling, nested=False)
        else:
            value = plausibility(spelling)
        if cost == 0:
            minimum = MIN_WORD_ZIPF if listed else MIN_COMPOUND_SCORE
        else:
            minimum = MIN_EDITED_SCORE
        score = value - cost
        if score < minimum:
            continue
        reading = Reading(spelling, round(score, 3), "word" if listed else "compound", cost)
        # Each letter put back costs a little in the ranking: where two readings are
        # about as plausible ("cybersäkerhetslagen"/"-lägen", "tjänsteman"/"-män"), the
        # one that changes less of what was printed wins. Ties go to the cheaper, then
        # the more frequent reading; the spelling settles the rest, so the choice never
        # depends on set order.
        rank = (
            rank_value(reading)
            - PUT_BACK_RANK * letters_put_back(word, spelling)
            - MERGED_RANK * abs(len(word) - len(spelling)),
            -cost,
            zipf(spelling),
            spelling,
        )
        ranked.append((rank, reading))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[0], reverse=True)
    best = ranked[0][1]
    if len(ranked) > 1 and best.cost >= EDIT_COST:
        # A reading that needs an edit is one guess among its neighbours ("insatse" is
        # insats, insatsen or insatser): how far it stands ahead of the next says how sure.
        lead = ranked[0][0][0] - ranked[1][0][0]
        return replace(best, lead=round(lead, 3))
    return best
