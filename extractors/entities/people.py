"""People: full names as a reader would list them.

A name starts with a known Swedish given name (or a hyphenated pair, "Britt-Marie"),
followed by one to three capitalised surnames or a particle ("de", "af", "von"). It is
trusted on the name lexicon, and also without it where the context says "person":
a party letter "(S)", a role word after a comma, a label such as "Handläggare".
A genitive "Camilla Broos förslag" is Camilla Broo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.entities.lexicons import first_names, municipalities

_CAP = r"[A-ZÅÄÖÉÜ][a-zåäöéüë]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüë]+)?"
_PARTICLE = r"(?:de|af|von|van|der|la|di)"
NAME = re.compile(
    rf"(?<![\w-])(?P<first>{_CAP})(?P<rest>(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP}){{1,3}})"
    rf"(?:[ \t]*\((?P<party>[A-ZÅÄÖ]{{1,3}}|MP|KD|SD|FP)\))?"
)
LABELS = re.compile(
    r"(?i)(handläggare|ordförande|sekreterare|justerare|kommundirektör|förvaltningschef|"
    r"avdelningschef|enhetschef|rektor|vice ordförande|kontaktperson|ansvarig|föredragande)"
)
# Words that start capitalised in running text but never begin a person's name.
_NOT_NAMES = frozenset({"Kommun", "Region", "Stockholms", "Södertörns"})


@dataclass(frozen=True)
class PersonMatch:
    start: int
    end: int
    text: str
    value: str
    attrs: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


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
_CANDIDATE = re.compile(rf"(?<![\w-]){_CAP}")


def _strip_genitive(surname: str, following: str) -> str:
    """'Broos förslag' → 'Broo': a surname in -s followed by a lower-case noun."""
    nxt = re.match(r"[ \t]+([a-zåäö]+)", following)
    if (
        nxt
        and nxt.group(1) not in _FUNCTION_WORDS
        and surname.endswith("s")
        and not surname.endswith(("ss", "us"))
    ):
        return surname[:-1]
    return surname


def find_people(text: str) -> list[PersonMatch]:
    names = first_names()
    places = set(municipalities())
    found: list[PersonMatch] = []
    covered_to = 0
    for cand in _CANDIDATE.finditer(text):
        if cand.start() < covered_to:
            continue
        first = cand.group()
        if first in _NOT_NAMES or not (
            first in names or all(part in names for part in first.split("-"))
        ):
            continue
        m = NAME.match(text, cand.start())
        if not m:
            continue
        taken: list[str] = []
        for word in m["rest"].split():
            if taken and (word in names or word in places):
                break  # the next person in a list, or a place after the name
            if word in places:
                break
            taken.append(word)
        if not taken or taken[-1] in _PARTICLE_WORDS:
            continue
        end = m.start("rest") + m["rest"].index(taken[-1]) + len(taken[-1])
        if "\n" in text[m.start() : end]:
            continue
        surname = _strip_genitive(taken[-1], text[end : end + 30])
        value = " ".join([first, *taken[:-1], surname])
        attrs: dict[str, str] = {}
        if m["party"] and end == m.end("rest"):
            attrs["party"] = m["party"]
        role = LABELS.search(text[end : end + 30].split("\n", 1)[0]) or LABELS.search(
            text[max(0, m.start() - 30) : m.start()].rsplit("\n", 1)[-1]
        )
        if role:
            attrs["role"] = role.group(1).lower()
        found.append(PersonMatch(m.start(), end, text[m.start() : end], value, attrs))
        covered_to = end
    return found


_PARTICLE_WORDS = frozenset(_PARTICLE.strip("(?:)").split("|"))
