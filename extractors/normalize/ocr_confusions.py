"""Words mangled by OCR engines that knew no Swedish: "Sodertdrns", "férslag", "f6r".

This module decides, page by page and word by word, whether to repair; the reading
itself comes from ``ocr_readings`` (lexicon candidates ranked by plausibility minus OCR
channel cost). Only a page that is evidently mangled is touched. An unknown word is
repaired when its reading beats the word as it stands (which may be a sound compound);
a word the lexicon already knows only by a much more frequent word ("for" → "för"),
and not amid English words. Capitalised words that may be names, abbreviations, codes,
numbers, case numbers, e-mail addresses and URLs are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import wordfreq

from diarium.extractors.entities.lexicons import first_names, surnames
from diarium.extractors.lexicon import hunspell_available, hunspell_knows, zipf
from diarium.extractors.normalize.folded_lexicon import fold, observed_keys, words_with_key
from diarium.extractors.normalize.ocr_channel import EDIT_COST, channel_cost
from diarium.extractors.normalize.ocr_hunspell import hunspell_reading
from diarium.extractors.normalize.ocr_page_evidence import PageEvidence, page_evidence
from diarium.extractors.normalize.ocr_readings import (
    PUT_BACK_RANK,
    UNLISTED_PENALTY,
    Reading,
    best_reading,
    letters_put_back,
    plausibility,
    rank_value,
)
from diarium.extractors.normalize.ocr_word_pairs import pair_reading

if TYPE_CHECKING:
    from diarium.extractors.normalize.pipeline import Change

# Characters that can stand inside a mangled word.
_IN_WORD = r"A-Za-zÅÄÖåäöéèÉ£#&!0-9"
# A word may end in "!" only where no sentence ends: before a lower-case word, the "!"
# is a misread l or i ("til! hållbar").
# A word may follow a slash or a hyphen after letters ("benamning/beskrivning",
# "IT-anvindare"): each part is a word of its own. After a hyphen only a lower-case part,
# so double names ("Bengt-Pahlsson") stay whole names; never after digits ("2019/KS").
TOKEN = re.compile(
    rf"(?:(?<![\w@./:#&£-])|(?<=[A-Za-zåäö]/)|(?<=[A-Za-zåäö]-)(?=[a-zåäö#&é]))"
    rf"[{_IN_WORD}]*[A-Za-zåäöéèÉ][{_IN_WORD}]*"
    r"(?:(?<!!)|(?= [a-zåäö]))(?![\w@£#&]|[.:][\w]|/\d)"
)
# Party letters and other short capitals: (SD), (KD), EU; with digits, codes: E4, RUF5.
ABBREVIATION = re.compile(r"^[A-ZÅÄÖ]{1,4}\d{0,3}$")
PROTECTED = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b[A-ZÅÄÖ]{1,5}[-/ ]?\d{4}\S*")
# A page is "mangled" when this many words, and this share of them, are unknown words
# whose confusion candidates are known Swedish words.
MANGLED_MIN_WORDS = 3
MANGLED_MIN_SHARE = 0.02
UNKNOWN_SHARE = 0.10
# A known word is replaced only by a candidate this much more frequent (Zipf units);
# on a page that evidently lost its å/ä/ö (many put back, few kept) by less.
KNOWN_WORD_MARGIN = 1.4
LOST_PAGE_MARGIN = 0.3
LOST_PAGE_MIN_REPAIRS = 5
LOST_PAGE_RATIO = 2.0
# A page with this many words that kept their å/ä/ö is repaired only on evidence of a
# failed engine (letters put back, signs no Swedish word has), never on edits alone.
KEPT_PAGE_MIN_WORDS = 5
# The prior decides short words only: long ones ("innebar", "ersatta") are as often
# real inflections as words that lost a letter.
PRIOR_MAX_LENGTH = 6
SWEDISH = frozenset("åäö")
# A count of years ("65 år", "46–65 år"), not a year ("2020 är").
COUNT = re.compile(r"(?<!\d)\d{1,3}$")
YEAR_AFTER = re.compile(r" (?:1[89]|20)\d\d\b")
SENTENCE_END = re.compile(r"[.!?]")
DATA = Path(__file__).resolve().parent / "data"
# A rare "word" is as suspect as an unknown one: OCR garbage often happens to be one.
RARE_ZIPF = 2.6
RARE_MARGIN = 2.0
EDIT_MARGIN = 1.0
COMPOUND_MARGIN = 0.5
SHORT_WORD = 3
# Characters no Swedish word contains: where they stand inside a word, OCR failed.
STRONG_SIGNS = frozenset("éè6048£#&!1")
NAME_MAX_LENGTH = 12
# A capitalised word read by Hunspell alone must be at least this long (a compound)
# unless the frequency list knows the reading.
NAME_MIN_COMPOUND = 8
ENGLISH_MIN_ZIPF = 3.0
# Short English words ("fran", "fore") are too often Swedish words that lost å/ä/ö.
ENGLISH_MIN_LENGTH = 5
# A capitalised word is read with an edit outside the confusion table only as a very
# common word (Beslhutat → Beslutat), never as a rarer one a name may resemble.
NAME_EDIT_MIN_SCORE = 1.5
# A reading that needs an edit must rank this far ahead of the next reading.
EDIT_LEAD = 1.0
# A listed name at a sentence start stays only when it is no common word ("Hall").
NAME_WORD_ZIPF = 3.5
# Words this common ("var", "har", "man") are not read by the page's spellings alone.
COMMON_ZIPF = 6.0
PAGE_KEYS = 8
# A spelling the page shows counts this much more likely than the lexicon says (Zipf).
PAGE_BONUS = 0.5


@lru_cache(maxsize=1)
def listed_names() -> frozenset[str]:
    return first_names() | surnames()


def _restore_case(original: str, new: str) -> str:
    if original.isupper() and sum(c.isalpha() for c in original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _is_english(word: str) -> bool:
    """Clearly English (much more common there and rare in Swedish): "for" in
    "Centre for Research" stays "for"; "vision" and "program" are Swedish too. OCR
    garbage ("kNl") is no English word: an English word here is a common one."""
    lower = word.lower()
    swedish = zipf(lower)
    english = wordfreq.zipf_frequency(lower, "en")
    return swedish < 4.0 and english > swedish + 1.0 and english >= ENGLISH_MIN_ZIPF


def _fixable_unknown(token: str) -> str | None:
    """The repair of a word the lexicon does not know (or hardly knows)."""
    if ABBREVIATION.match(token):
        return None
    lower = token.lower()
    if lower.isalpha():
        if zipf(lower) >= RARE_ZIPF:
            return None
        if len(lower) >= ENGLISH_MIN_LENGTH and _is_english(lower):
            return None  # "stakeholders" is no mangled Swedish word
    if hunspell_available():
        return _with_second_lexicon(token)
    found = best_reading(lower)
    if not found or not _beats_the_word_itself(lower, found):
        return None
    if found.cost >= EDIT_COST and len(token) <= SHORT_WORD and not token.islower():
        return None  # "kNl": too short to tell garbage from a misprint
    if _maybe_a_name(token, found):
        return None
    return found.word


def _with_second_lexicon(token: str) -> str | None:
    """The same judgement with Hunspell beside wordfreq. A word Hunspell accepts as it
    stands stays ("utsänts", "grundskoleorganisation") unless a listed word reads from it
    by free confusions alone ("Radslag" is "Rådslag"). A reading the frequency list lacks
    must be one Hunspell accepts, or, without edits, of a word whose signs (é, 6, #)
    prove damage: no invented compounds such as "behövsområden". The word's own letters
    put back by free confusions, when Hunspell accepts the result, beat a listed word
    that needs an edit ("anhoriges" is "anhöriges", not "anhörigas")."""
    lower = token.lower()
    found = best_reading(lower)
    valid = lower.isalpha() and (hunspell_knows(token) or hunspell_knows(lower))
    if valid and (found is None or found.cost > 0 or found.kind != "word"):
        return None
    if found is not None and not _confirmed(token, found):
        found = None
    if found is not None and found.cost >= EDIT_COST and SWEDISH & set(lower):
        found = None  # it kept its å/ä/ö: no engine without them misread it ("avröja")
    # Spelling the word out against Hunspell costs up to a few hundred look-ups: only
    # where the frequency list found no reading that needs no edit and Hunspell accepts.
    settled = found is not None and _free_and_accepted(token, found)
    spelled = hunspell_reading(token) if _spellable(lower) and not settled else None
    # Where Hunspell rejects the word and accepts a free reading of it, the word's own
    # plausibility as an accidental compound ("namn" + "den") no longer counts.
    confirmed = [r for r in (spelled, found) if r is not None and _free_and_accepted(token, r)]
    confirmed = [r for r in confirmed if not _maybe_a_name_spelled(token, r)]
    confirmed = [r for r in confirmed if r.score >= _own_score(lower) + RARE_MARGIN]
    if confirmed:
        return max(confirmed, key=lambda r: (_put_back_rank(lower, r), r.word)).word
    if not found or not _beats_the_word_itself(lower, found):
        return None
    if found.cost >= EDIT_COST and len(token) <= SHORT_WORD and not token.islower():
        return None
    if found.lead < EDIT_LEAD:
        return None  # an edit to one of several words about as likely: no evidence
    if _maybe_a_name(token, found):
        return None
    return found.word


def _spellable(lower: str) -> bool:
    """Letters, or letters and the signs an engine prints for å/ä/ö ("f6rhinder"): a
    sign word too is spelled out against Hunspell, so no compound Hunspell rejects
    ("förhänder") is read where it accepts one ("förhinder")."""
    return lower.isalpha() or (
        _has_strong_sign(lower) and all(c.isalpha() or c in STRONG_SIGNS for c in lower)
    )


def _put_back_rank(lower: str, reading: Reading) -> float:
    return _listed_first(reading.word) - PUT_BACK_RANK * letters_put_back(lower, reading.word)


def _own_score(lower: str) -> float:
    """A rare listed word ("riis") stands unless a reading is clearly more plausible."""
    own = zipf(lower)
    return own if own > 0 else -RARE_MARGIN


def _listed_first(word: str) -> float:
    """Plausibility, a listed word before an unlisted compound ("Södertörn" is no
    "söder" + "torn")."""
    return plausibility(word) - (0.0 if zipf(word) > 0 else UNLISTED_PENALTY)


def _free_and_accepted(token: str, reading: Reading) -> bool:
    return reading.cost == 0 and _hunspell_accepts(token, reading.word)


def _confirmed(token: str, found: Reading) -> bool:
    if zipf(found.word) > 0 or _hunspell_accepts(token, found.word):
        return True
    return found.cost == 0 and _has_strong_sign(token.lower())


def _hunspell_accepts(token: str, word: str) -> bool:
    return hunspell_knows(_restore_case(token, word)) or hunspell_knows(word)


def _maybe_a_name_spelled(token: str, spelled: Reading) -> bool:
    """A capitalised word read by Hunspell alone may be a name Hunspell happens to
    build ("Hollmark" → "Höllmark"): only a word Hunspell accepts, and a short one only
    when the frequency list knows it too."""
    if not token[:1].isupper() or token.isupper():
        return False
    if _has_strong_sign(token.lower()):
        return False
    if not _hunspell_accepts(token, spelled.word):
        return True
    return len(token) < NAME_MIN_COMPOUND and zipf(spelled.word) == 0


def _beats_the_word_itself(lower: str, found: Reading) -> bool:
    """A rare listed word is as suspect as an unknown one, but a reading must beat it
    clearly; an unlisted word may be a sound compound ("verksamhetsplaner"), which a
    listed reading beats only by ranking higher, and a reading that needs an edit
    outside the confusion table only by ranking clearly higher."""
    if not lower.isalpha():
        return True
    own = zipf(lower)
    if own > 0:
        # A listed word ("vxl") is not read as another one by an edit outside the table,
        # nor as a compound less plausible than its own parts ("transportslag").
        return (
            found.cost < EDIT_COST
            and found.score >= own + RARE_MARGIN
            and rank_value(found) > plausibility(lower)
        )
    own = plausibility(lower)
    if own == 0:
        return True
    if found.cost >= EDIT_COST:
        margin = EDIT_MARGIN
    else:
        margin = COMPOUND_MARGIN if found.kind != "word" else 0.0
    return rank_value(found) > own - UNLISTED_PENALTY + margin


def _maybe_a_name(token: str, found: Reading) -> bool:
    """A capitalised unknown word may be a name ("Hollmark", "Mander"): a/o → å/ä/ö
    alone is weak evidence, an accidental compound ("höll" + "mark") is no proof, and a
    name a letter away from a Swedish word is no misprint of it. Long compounds
    ("Sodertornssamarbetet") are not names; signs no name has (é, 6, £) settle it."""
    if not token[:1].isupper() or token.isupper() or len(token) >= NAME_MAX_LENGTH:
        return False
    lower = token.lower()
    if _has_strong_sign(lower):
        return False
    if found.cost >= EDIT_COST:
        return found.score < NAME_EDIT_MIN_SCORE
    return not _strong_change(lower, found.word) and found.kind != "word"


def _strong_change(old: str, new: str) -> bool:
    """True when the repair replaces more than a/o by å/ä/ö: a sign no name explains."""
    if len(old) != len(new) or STRONG_SIGNS & set(old):
        return True
    return any(a != b and a not in "ao" for a, b in zip(old, new, strict=True))


@dataclass(frozen=True)
class Site:
    """One word of a mangled page, with what the page says around it."""

    text: str
    tokens: list[re.Match[str]]
    index: int
    fixes: dict[int, str | None]  # each word's lexicon reading, by start
    margin: float  # how much more frequent a known word's reading must be
    evidence: PageEvidence

    @property
    def word(self) -> str:
        return self.tokens[self.index].group()

    def neighbour(self, step: int) -> str | None:
        """The word ``step`` words away as it will read after repair, in lower case;
        None across punctuation, a number or the page's edge."""
        j = self.index + step
        if not 0 <= j < len(self.tokens):
            return None
        first, second = sorted((self.tokens[self.index], self.tokens[j]), key=lambda m: m.start())
        if self.text[first.end() : second.start()].strip():
            return None
        other = self.tokens[j]
        return (self.fixes.get(other.start()) or other.group()).lower()


def _name_as_printed(site: Site) -> str | None:
    """A given name or surname of the lists the people rules use stays as printed
    ("Holm", "Berg"): a name is no misprint of a word, whatever the lexicon says. At a
    sentence start only a name that is no common word."""
    word = site.word
    if not word[:1].isupper() or word.isupper() or word not in listed_names():
        return None
    start = site.tokens[site.index].start()
    if _sentence_start(site.text, start) and zipf(word.lower()) >= NAME_WORD_ZIPF:
        return None
    return word


def _listed_name_spelling(site: Site) -> str | None:
    """A capitalised word that is a listed name but for its å/ä/ö ("Asa", "Goran",
    "Holmstr6m", "Méns") is that name, on a page that evidently lost its letters; only when one
    listed name fits, and never for a word the lexicon knows well ("Sara" stays). A
    word with a sign no Swedish word has may lead with it ("6hman" is "Öhman")."""
    word = site.word
    lower = word.lower()
    signed = _has_strong_sign(lower)  # "Méns", "6hman": damage beyond doubt
    if (site.margin != LOST_PAGE_MARGIN and not signed) or word.isupper():
        return None
    if not (word[:1].isupper() or (signed and not word[:1].isalpha())):
        return None
    if zipf(lower) >= NAME_WORD_ZIPF:
        return None
    keys = (fold(lower),) if lower.isalpha() else observed_keys(lower)[:PAGE_KEYS]
    found = {_names_by_fold()[key] for key in keys if key in _names_by_fold()}
    return found.pop() if len(found) == 1 and word not in found else None


@lru_cache(maxsize=1)
def _names_by_fold() -> dict[str, str]:
    """Folded spelling → the one listed name with å/ä/ö that has it (ambiguous ones and
    those that are also names as folded are left out)."""
    names = listed_names()
    grouped: dict[str, set[str]] = {}
    plain = {name.lower() for name in names}
    for name in names:
        if SWEDISH & set(name.lower()):
            grouped.setdefault(fold(name.lower()), set()).add(name)
    return {key: next(iter(found)) for key, found in grouped.items()
            if len(found) == 1 and key not in plain}  # fmt: skip


def _word_pair(site: Site) -> str | None:
    """The neighbouring word picks between two words printed alike ("i var kommun" is
    "i vår kommun", "att starka" is "att stärka"); only by lost letters, never an edit."""
    lower = site.word.lower()
    if not lower.isalpha():
        return None
    reading = pair_reading(lower, site.neighbour(-1), site.neighbour(1))
    if reading is None or channel_cost(lower, reading) > 0:
        return None
    return site.word if reading == lower else reading


def _page_spelling(site: Site) -> str | None:
    """A word the page spells elsewhere with its å/ä/ö (printed so, or unmistakable by
    its signs) is spelled so here: "stod" on a page that prints "stöd" and "st6d". Not
    the most common words ("var", "har", "man"), whose two readings both fill any page:
    their neighbours decide."""
    lower = site.word.lower()
    if zipf(lower) >= COMMON_ZIPF:
        return None
    keys = observed_keys(lower)[:PAGE_KEYS]
    spelling = site.evidence.spelling_of(keys, lower)
    if spelling is None or channel_cost(lower, spelling) > 0:
        return None
    # What the page shows outweighs general frequency, but not by much: "ar" on a page
    # that once prints "år" is still more likely "är".
    rivals = [zipf(w) for key in keys for w in words_with_key(key)[:2] if w != spelling]
    if zipf(spelling) + PAGE_BONUS < max(rivals, default=0.0):
        return None
    return spelling


def _lexicon_reading(site: Site) -> str | None:
    """The word's own reading (ocr_readings, Hunspell), or for a word the lexicon knows
    the much more frequent word it may have been. A part of a slash group ("Dnr/malnr")
    is often an abbreviation: only lost letters put back, no edit."""
    m = site.tokens[site.index]
    new = site.fixes[m.start()]
    if new is None:
        new = _known_word_repair(site.word, site.tokens, site.index, site.fixes, site.margin)
    if new is None:
        return None
    new = _with_printed_ending(site.word.lower(), new)
    text = site.text
    slashed = text[m.start() - 1 : m.start()] == "/" or text[m.end() : m.end() + 1] == "/"
    if slashed and channel_cost(site.word.lower(), new.lower()) > 0:
        return None
    return new


@lru_cache(maxsize=1)
def _kept_endings() -> tuple[str, ...]:
    lines = (DATA / "ocr_kept_endings.txt").read_text(encoding="utf-8").splitlines()
    endings = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
    return tuple(sorted(endings, key=len, reverse=True))


def _printed_ending(word: str, new: str | None) -> str | None:
    return _with_printed_ending(word.lower(), new) if new else None


def _with_printed_ending(lower: str, new: str) -> str:
    """The reading with a suffix such as "-skapet" as printed, where the reading put a
    letter into it ("anhorigskapet" read "anhörigskåpet" is "anhörigskapet")."""
    for ending in _kept_endings():
        if lower.endswith(ending) and len(new) == len(lower) and len(lower) > len(ending):
            if new[-len(ending) :].lower() != ending:
                return new[: -len(ending)] + ending
            return new
    return new


# In order: the first strategy with an opinion decides (the word itself means "keep").
STRATEGIES: tuple[Callable[[Site], str | None], ...] = (
    _name_as_printed,
    _listed_name_spelling,
    _word_pair,
    _page_spelling,
    _lexicon_reading,
)


def _decide(site: Site) -> str | None:
    for strategy in STRATEGIES:
        found = strategy(site)
        if found is not None:
            return found
    return None


def repair_ocr_confusions(text: str) -> tuple[str, list[Change]]:
    protected = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
    tokens = [m for m in TOKEN.finditer(text) if not any(s <= m.start() < e for s, e in protected)]
    if not tokens:
        return text, []
    if not _looks_mangled(tokens):
        return text, []
    fixes = {m.start(): _printed_ending(m.group(), _fixable_unknown(m.group())) for m in tokens}
    repairable = {start for start, new in fixes.items() if new}
    for i, m in enumerate(tokens):
        if fixes[m.start()] and _in_a_name(tokens, i, text, repairable):
            fixes[m.start()] = None
    fixable = sum(1 for v in fixes.values() if v)
    mangled = fixable >= MANGLED_MIN_WORDS and fixable / len(tokens) >= MANGLED_MIN_SHARE
    if not mangled or _kept_its_letters(tokens, fixes):
        return text, []
    from diarium.extractors.normalize.pipeline import Change

    margin = LOST_PAGE_MARGIN if _lost_its_letters(tokens, fixes) else KNOWN_WORD_MARGIN
    evidence = page_evidence(tokens, fixes)
    changes: list[Change] = []
    pieces: list[str] = []
    cursor = 0
    for i, m in enumerate(tokens):
        word = m.group()
        new = _decide(Site(text, tokens, i, fixes, margin, evidence))
        if new is None:
            continue
        new = _in_context(new, text, m.start(), m.end())
        new = _restore_case(word, new)
        if not word[:1].isalpha() and _sentence_start(text, m.start()):
            new = new[:1].upper() + new[1:]  # "#ndrad" at a sentence start is "Ändrad"
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


def _lost_its_letters(tokens: list[re.Match[str]], fixes: dict[int, str | None]) -> bool:
    """The page prior: a page whose repairs put back many å/ä/ö while few words kept
    theirs came from an engine that lost them all, so an ambiguous word ("for", "pa",
    "ar", "innebar") there most likely lost its letter too."""
    lost = sum(1 for m in tokens if _adds_swedish(m.group(), fixes.get(m.start())))
    kept = sum(1 for m in tokens if SWEDISH & set(m.group()))
    return lost >= LOST_PAGE_MIN_REPAIRS and lost >= LOST_PAGE_RATIO * kept


def _kept_its_letters(tokens: list[re.Match[str]], fixes: dict[int, str | None]) -> bool:
    """A page whose words keep their å/ä/ö and whose would-be repairs neither put one
    back nor remove a sign no Swedish word has is clean text full of names and
    abbreviations (an attendance list: "Fihn", "tjg"), not the output of an engine
    without Swedish: its "repairs" would only be guesses at names."""
    kept = sum(1 for m in tokens if SWEDISH & set(m.group()))
    if kept < KEPT_PAGE_MIN_WORDS:
        return False
    evidence = sum(
        1
        for m in tokens
        if _adds_swedish(m.group(), fixes.get(m.start()))
        or (fixes.get(m.start()) and _has_strong_sign(m.group().lower()))
    )
    return evidence < MANGLED_MIN_WORDS


def _adds_swedish(word: str, new: str | None) -> bool:
    return bool(new) and not SWEDISH & set(word.lower()) and bool(SWEDISH & set(new or ""))


@lru_cache(maxsize=1)
def _year_words() -> frozenset[str]:
    lines = (DATA / "year_context.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _is_words() -> frozenset[str]:
    lines = (DATA / "is_context.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _in_context(new: str, text: str, start: int, end: int) -> str:
    """ "är" after a number or a word of time ("per", "varje", "tre"), before a year
    ("år 2010"), or ending a sentence ("per invånare och år.") is "år": "är" ends a
    sentence only after a pronoun or the like ("som det är.")."""
    if new.lower() != "är":
        return new
    before = text[max(0, start - 30) : start].split()
    after_a_word = bool(before) and before[-1].lower() not in _is_words()
    if (
        (before and (before[-1].lower() in _year_words() or COUNT.search(before[-1])))
        or YEAR_AFTER.match(text, end)
        or (after_a_word and SENTENCE_END.match(text, end))
    ):
        return "år" if new == "är" else "År"
    return new


def _sentence_start(text: str, start: int) -> bool:
    """After a full stop, or at the start of a paragraph or heading; a line break alone
    is where a sentence wraps ("… att\n#r" is "att\när")."""
    before = text[:start].rstrip(" \t")
    if not before or before[-1] in ".!?":
        return True
    if not before.endswith("\n"):
        return False
    previous = before.rstrip()
    return not previous or before.count("\n", len(previous)) > 1 or previous[-1] in ".!?:"


def _changes_a_letter(lower: str, new: str) -> bool:
    """True when the reading replaces a printed letter other than a/o (i → ä, d → ö)."""
    if len(lower) != len(new):
        return True
    return any(a != b and a.isalpha() and a not in "ao" for a, b in zip(lower, new, strict=True))


def _known_word_repair(
    word: str,
    tokens: list[re.Match[str]],
    i: int,
    fixes: dict[int, str | None],
    margin: float = 1.4,
) -> str | None:
    """A known word on a mangled page: "for" → "för" when Swedish surrounds it. A word
    that already has å/ä/ö and that Hunspell accepts stays ("rött", "utsänts")."""
    lower = word.lower()
    own = zipf(lower)
    if own == 0 or ABBREVIATION.match(word):
        return None
    if SWEDISH & set(lower) and hunspell_knows(lower):
        return None
    found = best_reading(lower, near=False)
    # Judged by listed frequency alone: a known word is no guess to be outscored by a
    # reading whose plausibility rests on its parts or inflection.
    if not found or found.kind != "word":
        return None
    prior_applies = (
        found.cost == 0
        and word.islower()
        and len(word) <= PRIOR_MAX_LENGTH
        and not _changes_a_letter(lower, found.word)
    )
    if not prior_applies:
        # The prior speaks for lost letters, not slips or names, nor for an i or d that
        # is a letter in its own right as often as a lost ä/ö ("ligga", "gilla").
        margin = KNOWN_WORD_MARGIN
    if zipf(found.word) < own + margin + found.cost:
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
