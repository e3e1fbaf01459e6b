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
    genitive_owned_nouns,
    municipalities,
    party_letters,
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
_PARTICLE = r"(?:de|af|von|van|der|den|la|di|da|du|le)"
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
LABELS = re.compile(
    r"(?i)(handläggare|ordförande|sekreterare|justerare|kommundirektör|förvaltningschef|"
    r"avdelningschef|enhetschef|rektor|vice ordförande|kontaktperson|ansvarig|föredragande)"
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


_FUNCTION_WORDS = frozenset(
    [
        "och",
        "samt",
        "eller",
        "som",
        "i",
        "på",
        "har",
        "är",
        "var",
        "att",
        "med",
        "för",
        "till",
        "från",
        "om",
        "den",
        "det",
        "de",
        "vid",
    ]
)


def _strip_genitive(surname: str, following: str) -> str:
    """'Broos förslag' → 'Broo': a surname in -s followed by a lower-case noun, also with
    the owner's party letters between when the noun is one a member owns ("Maria
    Rönnbäcks (C) motion"; "Anna Ejstes (MP) ersätter" keeps its s)."""
    nxt = re.match(r"[ \t]*(\([A-Za-zÅÄÖåäö-]{1,4}\)[ \t]*)?\n?[ \t]*([a-zåäö]+)", following)
    if (
        nxt
        and nxt.group(2) not in _FUNCTION_WORDS
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


def _is_given(word: str, names: frozenset[str]) -> bool:
    if word in names or ("-" in word and all(p in names for p in word.split("-"))):
        return True
    if word != (folded := _fold(word)) and len(folded) == len(word):
        return _is_given(folded, names)
    return False


def _blocked(word: str, places: dict[str, str]) -> bool:
    """A word that cannot be part of a person's name."""
    return (
        word in person_stopwords()
        or word in places
        or word.lower().endswith(_heads())
        or word.rstrip("s") in places
        or (len(word) > 8 and word.lower().endswith(person_roles()[1]))
    )


def _is_role(word: str) -> bool:
    words, suffixes = person_roles()
    low = word.lower()
    return low in words or (len(low) > 5 and low.endswith(suffixes))


def _party(token: str) -> str | None:
    return token.upper() if token.upper() in party_letters() else None


def _candidate(text: str, m: re.Match[str], names: frozenset[str], places: dict[str, str]):
    """The name starting at ``m`` (a capitalised word), or None."""
    start, first = m.start(), m.group()
    if start and (text[start - 1] == "-" or text[start - 1].isupper()):
        return None
    glued = bool(start) and text[start - 1].isalnum()
    pos = m.end()
    broken = _BROKEN_HYPHEN.match(text, pos) if text[pos : pos + 1] == "-" else None
    if broken and _is_given(first, names) and _is_given(broken["word"], names):
        first, pos = f"{first}-{broken['word']}", broken.end()
    joined = _JOINED.match(text, pos)
    if joined and (
        (_is_given(first, names) and _is_given(joined.group(), names))
        or _is_given(first + joined.group().lower(), names)
    ):
        first, pos = first + joined.group(), joined.end()  # "RosMarie", "MonaLisa"
    known = _is_given(first, names) or (joined is not None and pos == joined.end())
    if not known and (glued or text[pos : pos + 1] != " " or not _NEXT.match(text, pos)):
        return None  # most capitalised words: no given name, no surname after them
    if _blocked(first, places):
        return None
    words = [first]
    role_next = False
    initial = _INITIAL.match(text, pos) if known else None
    if initial:  # "Eva R Stensson", "Bengt J. Jönsson"
        words.append(initial["initial"])
        pos = initial.end()
    while len(words) < 4:
        nxt = _NEXT.match(text, pos)
        if not nxt and len(words) == 1 and known:
            # "... utses Roger\nSamuelsson." / "Björn\nCelind (C)"
            nxt = _NEXT_LINE.match(text, pos)
            if nxt and not re.match(r"[ \t]*(?:\(|[.,;:]|$|\n|[ \t]+[a-zåäö])", text[nxt.end() :]):
                nxt = None
        if not nxt:
            break
        word = nxt["word"]
        if re.match(r"-[ \t\n]", text[nxt.end() : nxt.end() + 2]):
            break  # "Nina Simonen Kultur- och föreningsnämnden": a compound's first half
        if _is_role(word):
            # "Maria Olsson Utredare", "Ingemar Karlsson Kommunsekreterare"
            role_next = True
            break
        if _blocked(word, places) and not (len(words) == 1 and word in surnames()):
            break  # a place after a name, but "Lisa Berg", "Per Lund" are names
        if _is_given(word, names) and (len(words) >= 2 or not known):
            break  # the next person in a flattened list
        if nxt.groupdict().get("particle"):
            words.append(nxt["particle"])
        words.append(word)
        pos = nxt.end()
    if len(words) < 2 or (initial and len(words) < 3):
        return None
    if _COMPANY_AFTER.match(text, pos):
        return None  # "Gejhammar Management AB": a company, not a person
    place = re.match(r"[ \t]+([a-zåäö]+)", text[pos : pos + 20])
    if words[-1].endswith("s") and place and place.group(1) in place_nouns():
        return None  # "Olof Palmes gata", "Karl Johans torg"
    attrs: dict[str, str] = {}
    cue = False
    after = _PARTY_AFTER.match(text, pos)
    if after and _party(after["party"]):
        attrs["party"], cue = _party(after["party"]), True
    line_before = text[max(0, start - 40) : start].rsplit("\n", 1)[-1]
    before = _PARTY_BEFORE.search(line_before)
    if before and _party(before["party"]):
        attrs.setdefault("party", _party(before["party"]) or "")
        cue = True
    bare = _BARE_PARTY_BEFORE.search(line_before)
    # The weak cues (a bare letter before, a role word after without a comma) vouch for an
    # unknown given name only when it is no common Swedish word ("M Stora Torget",
    # "Ekonomi Personal Controller").
    weak_ok = known or zipf(first) < _COMMON_WORD_ZIPF
    if bare and weak_ok and _party(bare["party"]) and bare["party"].isupper():
        # "S Ulla Lätt V Madeléne Jensen": party letters without brackets before each name
        attrs.setdefault("party", bare["party"])
        cue = True
    role = _ROLE_AFTER.match(text, pos)
    role_before = _ROLE_BEFORE.search(line_before)
    if (
        (role_next and weak_ok)
        or (role and _is_role(role["role"]))
        or (role_before and _is_role(role_before["role"]))
    ):
        cue = True
    label = LABELS.search(text[pos : pos + 30].split("\n", 1)[0]) or LABELS.search(line_before)
    if label:
        attrs["role"] = label.group(1).lower()
    return _Candidate(start, pos, words, known, attrs, cue)


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
    names = first_names()
    places = municipalities()
    trusted: list[_Candidate] = []
    pending: list[_Candidate] = []
    covered_to = 0
    for m in _CANDIDATE.finditer(text):
        if m.start() < covered_to:
            continue
        c = _candidate(text, m, names, places)
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
