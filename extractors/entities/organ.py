"""The organ of a document: the body that decided it (a protocol's meeting body) or wrote it
(a tjänsteskrivelse's or a letter's sending office or authority).

A registrar finds a protocol's organ in a labelled field ("Organ  Kommunstyrelsens
arbetsutskott", "Beslutsinstans: Kommunfullmäktige") or in the header over the meeting
date; an authority's decision by the authority speaking of itself ("Länsstyrelsen anser
..."). A tjänsteskrivelse is written by an office for an organ: its organ is the office
in its letterhead, after "Från", or under the signature ("Socialkontoret"), not the
nämnd its "Förslag till beslut" or its "Mottagare" names. The strategies are tried in
order, the first that answers wins and is recorded as evidence. The answer is then folded
to the fullest name the document writes for the same organ, so one organ is one facet
value ("Samarbetskommittén" → "Södertörnskommunernas samarbetskommitté").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from diarium.corpus.model import Entity
from diarium.extractors.entities.lexicons import (
    deciding_organs,
    office_heads,
    organ_labels,
    recipient_labels,
    sender_labels,
)
from diarium.extractors.entities.strategies import first_of

# Document types an office writes for an organ to decide on (the kinds of doc_types.tsv).
OFFICE_WRITTEN = ("tjänsteskrivelse", "tjänsteutlåtande")
# Document types of a meeting: their organ is the body that met, whatever office a field
# names ("Förvaltning: Socialförvaltningen" in a notice).
MEETING_KINDS = ("protokoll", "protokollsutdrag", "kallelse", "minnesanteckningar")
SIGNATURE_LINES = 8  # last non-empty lines of the last page that hold the signature


@dataclass
class OrganContext:
    """The pages, the document's type if known, and the bodies found on its pages."""

    pages: list[str]
    kind: str | None = None
    bodies: Sequence[Entity] = field(default_factory=list)

    @property
    def first(self) -> str:
        return self.pages[0] if self.pages else ""


def _labelled(labels: Sequence[str]) -> re.Pattern[str]:
    """A label at a line start or after a column gap, and the rest of its line."""
    alternatives = "|".join(re.escape(x).replace(r"\ ", r"[ \t]+") for x in labels)
    return re.compile(
        rf"(?m)(?:^|(?<=[ \t]{{2}}))[ \t]*(?:{alternatives})[ \t]*:?[ \t]+(?P<rest>[^\n]+)"
    )


@lru_cache(maxsize=1)
def _organ_label() -> re.Pattern[str]:
    return _labelled(organ_labels())


@lru_cache(maxsize=1)
def _sender_label() -> re.Pattern[str]:
    return _labelled(sender_labels())


@lru_cache(maxsize=1)
def _recipient_line() -> re.Pattern[str]:
    """A line that is a recipient label, with or without its value ("Mottagare",
    "Till: Socialnämnden")."""
    alternatives = "|".join(re.escape(x).replace(r"\ ", r"[ \t]+") for x in recipient_labels())
    return re.compile(rf"(?im)^[ \t]*(?:{alternatives})(?![\wåäö])(?P<rest>[ \t:]*)")


def _body_after_label(pattern: re.Pattern[str], page: str) -> str | None:
    from diarium.extractors.entities.bodies import find_bodies

    for m in pattern.finditer(page):
        found = find_bodies(m["rest"])
        if found and found[0].start <= 2:
            return found[0].value.split(" i ")[0]
    return None


def _is_office(value: str) -> bool:
    return value.lower().endswith(office_heads())


def _addressed(text: str, start: int) -> bool:
    """The body stands on a recipient's line, or on the line after a recipient label
    that ends its line ("Mottagare" over "Kommunstyrelsen")."""
    line_start = text.rfind("\n", 0, start) + 1
    if _recipient_line().match(text, line_start):
        return True
    before = text[:line_start].rstrip("\n")
    previous = before[before.rfind("\n") + 1 :]
    label = _recipient_line().match(previous)
    return bool(label) and label.end() == len(previous.rstrip())


def _header_bodies(c: OrganContext, lines: int) -> list[tuple[int, str]]:
    """(offset, value) of the bodies in the first lines of page one, less the addressees."""
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import _offset_after_lines

    header = c.first[: _offset_after_lines(c.first, lines)]
    return [(b.start, b.value) for b in find_bodies(header) if not _addressed(c.first, b.start)]


# --- the office that wrote a tjänsteskrivelse ------------------------------------------


def _sender_field(c: OrganContext) -> str | None:
    """A field that names the sending office: "Från: Socialkontoret", "Handläggande
    förvaltning   Samhällsbyggnadsförvaltningen" (``data/sender_labels.txt``); not in
    minutes or a notice, whose organ is the body that met."""
    if c.kind in MEETING_KINDS:
        return None
    return _body_after_label(_sender_label(), c.first)


def _office_in_letterhead(c: OrganContext) -> str | None:
    """An office in a tjänsteskrivelse's header, beside the officer's name and the date:
    "Lena Bergström / Socialkontoret / 2018-08-28 SN 18/0098" (not an addressee
    after "Mottagare" or "Till")."""
    from diarium.extractors.entities.metadata import LETTERHEAD_LINES

    if c.kind not in OFFICE_WRITTEN:
        return None
    return next((v for _, v in _header_bodies(c, LETTERHEAD_LINES) if _is_office(v)), None)


_OWN_WRITING = re.compile(rf"(?i)s\s+(?:{'|'.join(OFFICE_WRITTEN)})")


def _office_names_its_writing(c: OrganContext) -> str | None:
    """An office that names the tjänsteskrivelse its own: "kommunstyrelsens förvaltnings
    tjänsteutlåtande", "Socialkontorets tjänsteskrivelse daterad 2018-08-28"."""
    from diarium.extractors.entities.bodies import find_bodies

    if c.kind not in OFFICE_WRITTEN:
        return None
    for page in c.pages[:2]:
        for b in find_bodies(page):
            if _is_office(b.value) and _OWN_WRITING.match(page, b.end - 1):
                return b.value
    return None


def _office_under_signature(c: OrganContext) -> str | None:
    """An office alone on one of the last lines, under the officer who signs
    ("Anna Andersson / Socialchef / Socialförvaltningen")."""
    if c.kind not in OFFICE_WRITTEN:
        return None
    found = _signature_block(c)
    return found if found and _is_office(found) else None


# --- the organ that decided, or the authority that wrote --------------------------------


def _organ_field(c: OrganContext) -> str | None:
    """A field that names the deciding organ: "Organ   Kommunstyrelsens arbetsutskott" in
    the notice block of minutes, "Beslutsinstans: Kommunfullmäktige", "Beslutad av:
    Kommunstyrelsen"."""
    return _body_after_label(_organ_label(), c.first)


def _deciding_organ_in_header(c: OrganContext) -> str | None:
    """The deciding organ a minute or agenda names in its header ("Kommunstyrelsen",
    "Arbetsmarknads- och socialnämnden" over "Sammanträdesdatum")."""
    return _organ(c.first) if c.pages else None


def _letterhead_sender(c: OrganContext) -> str | None:
    """A body in the first three lines is the letterhead's sender: "Skatteverket",
    "Socialförvaltningen", "Länsstyrelsen i Stockholms län"."""
    first = c.first
    for start, value in _header_bodies(c, 3):
        # At the start of its line: not a place in "Plats och tid: Regionkontoret".
        if not first[first.rfind("\n", 0, start) + 1 : start].strip():
            return value
    return None


def _authority_speaking(c: OrganContext) -> str | None:
    """A state authority that speaks of itself on page one ("Länsstyrelsen anser att ...",
    "JO kritiserar ..."): it wrote the document, whatever bodies its header addresses."""
    from diarium.extractors.entities.metadata import _authority_speech

    if not c.pages or not _authority_speech().search(c.first):
        return None
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import PlaceContext, _authority_speaks

    place = _authority_speaks(PlaceContext(c.pages, find_bodies(c.first), [], []))
    return place[1] if place else None


def _signature_block(c: OrganContext) -> str | None:
    """A body alone on one of the last lines, where the sender signs ("KOMMUNSTYRELSEN",
    "Socialförvaltningen" under the officer's name); not one the decision is sent to
    ("Beslutet ska skickas till" over "Stockholms stad")."""
    from diarium.extractors.entities.bodies import find_bodies

    if not c.pages:
        return None
    page = c.pages[-1]
    ends = [m.end() for m in re.finditer(r"[^\n]*\S[^\n]*", page)][-SIGNATURE_LINES:]
    for end in reversed(ends):
        start = page.rfind("\n", 0, end) + 1
        line = page[start:end].strip()
        found = find_bodies(line)
        if found and len(found[0].text) >= len(line) - 2 and not _addressed(page, start):
            return found[0].value
    return None


ORGAN_STRATEGIES: tuple[Callable[[OrganContext], str | None], ...] = (
    _sender_field,
    _office_in_letterhead,
    _office_names_its_writing,
    _office_under_signature,
    _organ_field,
    _authority_speaking,
    _deciding_organ_in_header,
    _letterhead_sender,
    _signature_block,
)


def _fullest_name(organ: str, bodies: Sequence[Entity]) -> str:
    """The fullest name the document writes for the organ: a short form ("Samarbetskommittén",
    "styrelsen") is the same organ as a name that ends in it after an owner in the genitive
    ("Södertörnskommunernas samarbetskommitté"). When several owners fit, the short form
    stays: it does not say which one is meant."""
    stem = _stem(organ)
    if " " in organ or len(stem) < 4:
        return organ
    fuller = {
        b.value
        for b in bodies
        if " " in b.value
        and " i " not in b.value
        and b.value.split()[0].endswith("s")
        and _stem(b.value.split()[-1]) == stem
        and len(b.value.split()) == 2
    }
    return fuller.pop() if len(fuller) == 1 else organ


_DEFINITE_ENDINGS = ("en", "et", "n")


def _stem(name: str) -> str:
    """An organ's head without its definite ending: "samarbetskommittén" → "samarbetskommitté"."""
    low = name.lower()
    for ending in _DEFINITE_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 3:
            return low[: -len(ending)]
    return low


def organ_with_evidence(
    pages: list[str], kind: str | None = None, bodies: Sequence[Entity] = ()
) -> tuple[str | None, str]:
    """The organ that decided or authored the document, and the strategy that found it."""
    organ, evidence = first_of(ORGAN_STRATEGIES, OrganContext(pages, kind, bodies))
    if organ:
        organ = _fullest_name(organ, bodies)
    return organ, evidence


def organ(pages: list[str], kind: str | None = None, bodies: Sequence[Entity] = ()) -> str | None:
    return organ_with_evidence(pages, kind, bodies)[0]


def _organ(first_page: str) -> str | None:
    """The deciding organ a minute or agenda names in its header (not one it is sent to)."""
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import LETTERHEAD_LINES, _offset_after_lines

    header = first_page[: _offset_after_lines(first_page, LETTERHEAD_LINES)]
    for b in find_bodies(header):
        organ = b.value.split(" i ")[0]  # "Kommunfullmäktige i Nässjö kommun"
        if organ.lower().endswith(deciding_organs()) and not _addressed(first_page, b.start):
            return organ
    return None
