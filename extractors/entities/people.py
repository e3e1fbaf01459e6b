"""People: full names as a reader would list them.

A name is a given name (or a hyphenated pair, "Britt-Marie") followed by one to three
capitalised surnames or a particle ("de", "af", "von"), the words one space apart: two
or more spaces are a column gap in a flattened table, so "Ola Löfström    Klaus Leidecker"
is two people. A name ends before a role word or a heading ("Ordförande", "Paragraf"),
a place, a body, or the next given name ("Inger Jonsson Bernt Söderman" is two people).

A name is trusted when its given name is in the lexicon, or when the context says
"person": a party letter after or before it ("(S)", "(C) Ewa Engdahl"), a role after a
comma or before it ("Staffan Isling, regiondirektör", "borgarrådet Alf Samuelsson").
A name-shaped pair without such a cue is kept when the page ties it to a trusted name:
the same name trusted elsewhere on the page, a pair joined by "och", "respektive" or a
comma ("motion från Erland Svensson (V) och Katarina Schewenius-Lundin (Mp)"), or a cell
of a table row or signature block whose neighbours are people.

Not people: a vacant seat ("Vakant (M)"), a pseudonym ("Mattias R."), a cited author
("Winqvist, M."): none of them has a capitalised surname after the given name.
A genitive "Camilla Broos förslag" is Camilla Broo.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from diarium.extractors.entities.lexicons import (
    body_heads,
    first_names,
    function_words,
    genitive_owned_nouns,
    municipalities,
    name_particles,
    party_letters,
    person_labels,
    person_roles,
    person_stopwords,
    place_nouns,
    surnames,
    unit_heads,
)
from diarium.extractors.lexicon import zipf

# Swedish letters and those of names from the rest of Europe written in Swedish minutes.
_UP = "A-ZÅÄÖÉÜØÆÇČĆŠŽŁŚŻÍÓÚ"
_LOW = "a-zåäöéèüëáíóúøæçčćšžłńśźżğıñõôîïàâãê"
_WORD_RE = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)*"
_CANDIDATE = re.compile(_WORD_RE)
_PARTICLE = f"(?:{'|'.join(map(re.escape, name_particles()))})"
# The next surname: exactly one space (a wider gap is a column boundary).
_NEXT = re.compile(rf" (?:(?P<particle>{_PARTICLE}) )?(?P<word>{_WORD_RE})")
# "John- Jacob": a hyphenated given name broken after the hyphen.
_BROKEN_HYPHEN = re.compile(rf"- ?\n?[ \t]*(?P<word>{_WORD_RE})")
# A given name alone at a line end, its surname opening the next line.
# The second half of a double given name written without a hyphen ("RosMarie").
_JOINED = re.compile(rf"[{_UP}][{_LOW}]+")
_NEXT_LINE = re.compile(rf"[ \t]*\n[ \t]*(?P<word>{_WORD_RE})")
_PARTY_AFTER = re.compile(r"[ \t]*\((?P<party>[A-Za-zÅÄÖåäö-]{1,4})\)")
_PARTY_BEFORE = re.compile(r"\((?P<party>[A-Za-zÅÄÖåäö-]{1,4})\)[ \t]*$")
# Zipf frequency from which a capitalised word is an ordinary word rather than a rare name.
_COMMON_WORD_ZIPF = 3.0
# A middle initial, with or without its full stop, when a surname follows it.
_INITIAL = re.compile(rf" (?P<initial>[{_UP}]\.?)(?= [{_UP}][{_LOW}])")
_COMPANY_AFTER = re.compile(r"[ \t]+(?:AB|HB|KB|Ab|Aktiebolag)\b")
_BARE_PARTY_BEFORE = re.compile(r"(?:^|[ \t])(?P<party>[A-ZÅÄÖ]{1,3})[ \t]+$")
_ROLE_AFTER = re.compile(r"[ \t]*(?:\([^)\n]{1,5}\))?[ \t]*,[ \t]*(?P<role>[a-zåäö:1-9.-]+)")
_ROLE_BEFORE = re.compile(r"(?P<role>[A-Za-zÅÄÖåäö-]+)[ \t]+$")
# What may stand between two coordinated names: a party tag, a role after a comma,
# and "och" / "respektive" / "samt" / "," / "för" ("X för Y" in minutes' roll calls).
_PARTY_TAG = r"(?:\([^)\n]{1,5}\))?"
_COORDINATION = re.compile(
    rf"^[ \t]*{_PARTY_TAG}[ \t]*(?:,[ \t]*[a-zåäö ]{{0,30}}?)?[ \t]*"
    r"(?:,|och|respektive|samt|för|,[ \t]*och)[ \t]*\n?[ \t]*$"
)
# A role label beside a name (data/person_labels.txt), kept as the person's role.
LABELS = re.compile(
    "(?i)(" + "|".join(re.escape(x) for x in sorted(person_labels(), key=len, reverse=True)) + ")"
)
_CELL_GAP = re.compile(r"(?:^|\n|[ \t]{2,})$")
_CELL_END = re.compile(r"(?:[ \t]*\([^)\n]{1,5}\))?(?:[ \t]{2,}|[ \t]*\n|[ \t]*$)")


@dataclass(frozen=True)
class PersonMatch:
    start: int
    end: int
    text: str
    value: str
    attrs: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class _Candidate:
    start: int
    end: int
    words: list[str]
    known: bool
    attrs: dict[str, str]
    cue: bool  # a party letter or a role next to it


def _strip_genitive(surname: str, following: str) -> str:
    """'Broos förslag' → 'Broo': a surname in -s followed by a lower-case noun, also with
    the owner's party letters between when the noun is one a member owns ("Maria
    Rönnbäcks (C) motion"; "Anna Ejstes (MP) ersätter" keeps its s)."""
    nxt = re.match(r"[ \t]*(\([A-Za-zÅÄÖåäö-]{1,4}\)[ \t]*)?\n?[ \t]*([a-zåäö]+)", following)
    if (
        nxt
        and nxt.group(2) not in function_words()
        and (not nxt.group(1) or nxt.group(2) in genitive_owned_nouns())
        and surname.endswith("s")
        and not surname.endswith(("ss", "us"))
    ):
        return surname[:-1]
    return surname


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    """Lower-case endings of body names ("nämnden", "styrelsens", "kommun"): never a name."""
    heads = {h.lower() for h in body_heads()} | {"kommun", "kommuns", "kansli", "kontor"}
    heads |= set(unit_heads())
    return tuple(sorted(heads | {h + "s" for h in heads}))


def _fold(word: str) -> str:
    """'Madeléne' → 'Madelene': given names are listed without their accents (å, ä and ö
    are letters of their own, not accented ones, and stay)."""
    return "".join(c if c in "åäöÅÄÖ" else unicodedata.normalize("NFKD", c)[0] for c in word)


@lru_cache(maxsize=65_536)
def _is_given(word: str) -> bool:
    """A given name of the lexicon, a hyphenated pair of them, or one written with an
    accent the lexicon lists without. Cached: the same capitalised words recur."""
    names = first_names()
    if word in names or ("-" in word and all(p in names for p in word.split("-"))):
        return True
    if not word.isascii() and word != (folded := _fold(word)) and len(folded) == len(word):
        return _is_given(folded)
    return False


@lru_cache(maxsize=65_536)
def _blocked(word: str) -> bool:
    """A word that cannot be part of a person's name."""
    places = municipalities()
    return (
        word in person_stopwords()
        or word in places
        or word.lower().endswith(_heads())
        or word.rstrip("s") in places
        or (len(word) > 8 and word.lower().endswith(person_roles()[1]))
    )


@lru_cache(maxsize=16_384)
def _is_role(word: str) -> bool:
    words, suffixes = person_roles()
    low = word.lower()
    return low in words or (len(low) > 5 and low.endswith(suffixes))


def _party(token: str) -> str | None:
    return token.upper() if token.upper() in party_letters() else None


# --- reading a name at a capitalised word --------------------------------------------


@dataclass
class _Name:
    """A name being read: its words so far, where it ends, and what was seen on the way."""

    start: int
    end: int
    words: list[str]
    known: bool  # the given name is in the lexicon
    initial: bool = False
    role_next: bool = False  # a role word ended it ("Maria Olsson Utredare")


def _given_name(text: str, m: re.Match[str]) -> _Name | None:
    """The given name at ``m``, also when a text layer broke it after its hyphen ("John-
    Jacob") or wrote a double name as one ("RosMarie"). None for a word inside a compound
    or after a capital ("-Nilsson", "ÅSA"), and for an unknown word that no surname
    follows with exactly one space: most capitalised words."""
    start, first = m.start(), m.group()
    before = text[start - 1] if start else ""
    if before == "-" or before.isupper():
        return None
    pos = m.end()
    after = text[pos : pos + 1]
    joined = None
    if after == "-":
        broken = _BROKEN_HYPHEN.match(text, pos)
        if broken and _is_given(first) and _is_given(broken["word"]):
            first, pos = f"{first}-{broken['word']}", broken.end()
            after = text[pos : pos + 1]
    if after.isupper():
        joined = _JOINED.match(text, pos)
        if joined and (
            (_is_given(first) and _is_given(joined.group()))
            or _is_given(first + joined.group().lower())
        ):
            first, pos = first + joined.group(), joined.end()  # "RosMarie", "MonaLisa"
        else:
            joined = None
    known = joined is not None or _is_given(first)
    glued = before.isalnum()
    if not known and (glued or text[pos : pos + 1] != " " or not _NEXT.match(text, pos)):
        return None
    if _blocked(first):
        return None
    return _Name(start, pos, [first], known)


def _middle_initial(text: str, name: _Name) -> None:
    """A middle initial, with or without its full stop, before a surname: "Eva R
    Stensson", "Bengt J. Jönsson"."""
    initial = _INITIAL.match(text, name.end) if name.known else None
    if initial:
        name.words.append(initial["initial"])
        name.end, name.initial = initial.end(), True


def _surnames(text: str, name: _Name) -> None:
    """Up to three surnames or particles one space apart; for a lone known given name at
    a line end, the surname opening the next line ("... utses Roger\nSamuelsson."). The
    name ends before a compound's first half ("Kultur- och ..."), a role word, a place or
    body, or the next person's given name in a flattened list."""
    while len(name.words) < 4:
        nxt = _NEXT.match(text, name.end)
        if not nxt and len(name.words) == 1 and name.known:
            nxt = _NEXT_LINE.match(text, name.end)
            if nxt and not _SURNAME_LINE_END.match(text, nxt.end()):
                nxt = None
        if not nxt:
            return
        word = nxt["word"]
        if text[nxt.end() : nxt.end() + 1] == "-" and text[nxt.end() + 1 : nxt.end() + 2] in (
            " ",
            "\t",
            "\n",
        ):
            return  # "Nina Simonen Kultur- och föreningsnämnden": a compound's first half
        if _is_role(word):
            name.role_next = True  # "Maria Olsson Utredare", "Ingemar Karlsson Kommunsekreterare"
            return
        if _blocked(word) and not (len(name.words) == 1 and word in surnames()):
            return  # a place after a name, but "Lisa Berg", "Per Lund" are names
        if _is_given(word) and (len(name.words) >= 2 or not name.known):
            return  # the next person in a flattened list
        particle = nxt.groupdict().get("particle")  # the next line's word has none
        if particle:
            name.words.append(particle)
        name.words.append(word)
        name.end = nxt.end()


_SURNAME_LINE_END = re.compile(r"[ \t]*(?:\(|[.,;:]|$|\n|[ \t]+[a-zåäö])")


def _too_short(text: str, name: _Name) -> bool:
    """A given name alone, or an initial with one word: no full name."""
    return len(name.words) < 2 or (name.initial and len(name.words) < 3)


def _a_company(text: str, name: _Name) -> bool:
    """Capitalised words before "AB": "Gejhammar Management AB"."""
    return bool(_COMPANY_AFTER.match(text, name.end))


def _a_street(text: str, name: _Name) -> bool:
    """A genitive name before a place noun: "Olof Palmes gata", "Karl Johans torg"."""
    place = _PLACE_NOUN_AFTER.match(text, name.end)
    return bool(name.words[-1].endswith("s") and place and place.group(1) in place_nouns())


_PLACE_NOUN_AFTER = re.compile(r"[ \t]+([a-zåäö]+)")

# Name-shaped words that are no person's name, tried in order.
REFUSALS = (_too_short, _a_company, _a_street)


# --- what vouches for a name: the cues beside it -------------------------------------


@dataclass
class _Context:
    """The name, the text of its line before it, and whether a weak cue may vouch for
    it: only for a known given name or one that is no common Swedish word ("M Stora
    Torget", "Ekonomi Personal Controller")."""

    name: _Name
    line_before: str
    weak_ok: bool


def _party_after(text: str, c: _Context) -> dict[str, str] | None:
    """Party letters in brackets after the name: "Ewa Engdahl (C)"."""
    after = _PARTY_AFTER.match(text, c.name.end)
    party = _party(after["party"]) if after else None
    return {"party": party} if party else None


def _party_before(text: str, c: _Context) -> dict[str, str] | None:
    """Party letters in brackets before the name: "(C) Ewa Engdahl"."""
    before = _PARTY_BEFORE.search(c.line_before)
    party = _party(before["party"]) if before else None
    return {"party": party} if party else None


def _bare_party_before(text: str, c: _Context) -> dict[str, str] | None:
    """Party letters without brackets before each name: "S Ulla Lätt V Madeléne Jensen"."""
    bare = _BARE_PARTY_BEFORE.search(c.line_before)
    if bare and c.weak_ok and _party(bare["party"]) and bare["party"].isupper():
        return {"party": bare["party"]}
    return None


def _role_word_after(text: str, c: _Context) -> dict[str, str] | None:
    """A role word right after the name: "Maria Olsson Utredare"."""
    return {} if c.name.role_next and c.weak_ok else None


def _role_after_comma(text: str, c: _Context) -> dict[str, str] | None:
    """A role after a comma: "Staffan Isling, regiondirektör"."""
    role = _ROLE_AFTER.match(text, c.name.end)
    return {} if role and _is_role(role["role"]) else None


def _role_before(text: str, c: _Context) -> dict[str, str] | None:
    """A role word before the name: "borgarrådet Alf Samuelsson"."""
    role = _ROLE_BEFORE.search(c.line_before)
    return {} if role and _is_role(role["role"]) else None


# Every cue is tried: each may add what it knows (the party); any one vouches for the name.
CUES = (
    _party_after,
    _party_before,
    _bare_party_before,
    _role_word_after,
    _role_after_comma,
    _role_before,
)


def _candidate(text: str, m: re.Match[str]) -> _Candidate | None:
    """The name starting at ``m`` (a capitalised word), or None: the given name, a middle
    initial and the surnames are read in turn, the refusals tried, then the cues beside
    it and a role label ("Handläggare: Anna Berg") noted."""
    name = _given_name(text, m)
    if name is None:
        return None
    _middle_initial(text, name)
    _surnames(text, name)
    if any(refuse(text, name) for refuse in REFUSALS):
        return None
    line_before = text[max(0, name.start - 40) : name.start].rsplit("\n", 1)[-1]
    context = _Context(name, line_before, name.known or zipf(name.words[0]) < _COMMON_WORD_ZIPF)
    attrs: dict[str, str] = {}
    cue = False
    for read in CUES:
        found = read(text, context)
        if found is not None:
            cue = True
            for key, value in found.items():
                attrs.setdefault(key, value)
    label = LABELS.search(text[name.end : name.end + 30].split("\n", 1)[0]) or LABELS.search(
        line_before
    )
    if label:
        attrs["role"] = label.group(1).lower()
    return _Candidate(name.start, name.end, name.words, name.known, attrs, cue)


def _value(text: str, c: _Candidate) -> str:
    surname = _strip_genitive(c.words[-1], text[c.end : c.end + 30])
    return " ".join([*c.words[:-1], surname])


def _is_cell(text: str, c: _Candidate) -> bool:
    """The name fills a cell of a flattened table: a gap or a line break on both sides."""
    return bool(
        _CELL_GAP.search(text[max(0, c.start - 2) : c.start]) and _CELL_END.match(text, c.end)
    )


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _neighbour_lines(text: str, c: _Candidate) -> tuple[int, int]:
    """From the previous non-blank line to the next one: the rows around a table cell."""
    start, end = _line_span(text, c.start)
    prev = text[:start].rstrip()
    prev_start = _line_span(text, len(prev) - 1)[0] if prev else start
    rest = len(text) - len(text[end:].lstrip())
    next_end = _line_span(text, rest)[1] if rest < len(text) else end
    return prev_start, next_end


def _tied(text: str, c: _Candidate, trusted: list[_Candidate], values: set[str]) -> bool:
    """A name-shaped pair without its own cue that the page ties to trusted names."""
    if _value(text, c) in values:
        return True
    for t in trusted:
        if 0 <= c.start - t.end <= 60 and _COORDINATION.match(text[t.end : c.start]):
            return True
        if 0 <= t.start - c.end <= 60 and _COORDINATION.match(text[c.end : t.start]):
            return True
    if _is_cell(text, c):
        lo, hi = _neighbour_lines(text, c)
        return any(lo <= t.start < hi and _is_cell(text, t) for t in trusted)
    return False


def _split_run_together(text: str, found: list[_Candidate]) -> list[_Candidate]:
    """Two names a text layer ran together with one space ("Patrik Köhler Nedzad Talovic")
    are split where the tail is a name found on its own elsewhere on the page."""
    values = {_value(text, c) for c in found}
    out: list[_Candidate] = []
    for c in found:
        for k in range(2, len(c.words) - 1):
            tail = " ".join(c.words[k:])
            if tail in values:
                cut = text.index(c.words[k], c.start + len(c.words[0]))
                head_end = text.rindex(c.words[k - 1], c.start, cut) + len(c.words[k - 1])
                out.append(_Candidate(c.start, head_end, c.words[:k], True, {}, c.cue))
                out.append(_Candidate(cut, c.end, c.words[k:], True, dict(c.attrs), c.cue))
                break
        else:
            out.append(c)
    return out


def find_people(text: str) -> list[PersonMatch]:
    trusted: list[_Candidate] = []
    pending: list[_Candidate] = []
    covered_to = 0
    for m in _CANDIDATE.finditer(text):
        if m.start() < covered_to:
            continue
        c = _candidate(text, m)
        if c is None:
            continue
        if c.known or c.cue:
            trusted.append(c)
            covered_to = c.end
        else:
            pending.append(c)
    # Names without a cue of their own, tied to trusted ones; a tie may chain
    # ("A, B och C" where only A carries a party letter).
    for _ in range(3):
        values = {_value(text, t) for t in trusted}
        taken = [
            c
            for c in pending
            if all(c.end <= t.start or c.start >= t.end for t in trusted)
            and _tied(text, c, trusted, values)
        ]
        if not taken:
            break
        trusted += taken
        pending = [c for c in pending if c not in taken]
    trusted = _split_run_together(text, trusted)
    trusted.sort(key=lambda c: c.start)
    return [
        PersonMatch(c.start, c.end, text[c.start : c.end], _value(text, c), c.attrs)
        for c in trusted
    ]
