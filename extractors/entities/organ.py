"""The organ of a document: the body that decided it (a protocol's meeting body) or wrote it
(a letter's or a tjänsteskrivelse's sending office).

A registrar finds it in a labelled field ("Beslutsinstans: Kommunfullmäktige"), in the
header of minutes over the meeting date, in the letterhead, in an authority speaking of
itself ("Länsstyrelsen anser ..."), or in the signature block. The strategies are tried in
that order; the first that answers wins and is recorded as evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from diarium.extractors.entities.lexicons import deciding_organs, organ_labels
from diarium.extractors.entities.strategies import first_of


@lru_cache(maxsize=1)
def _organ_label() -> re.Pattern[str]:
    labels = "|".join(re.escape(x).replace(r"\ ", r"[ \t]+") for x in organ_labels())
    return re.compile(rf"(?m)(?:^|(?<=[ \t]{{2}}))[ \t]*(?:{labels})[ \t]*:?[ \t]+(?P<rest>[^\n]+)")


def _organ_field(pages: list[str]) -> str | None:
    """A field that names the deciding organ: "Organ   Kommunstyrelsens arbetsutskott" in
    the notice block of minutes, "Beslutsinstans: Kommunfullmäktige", "Beslutad av:
    Kommunstyrelsen"."""
    from diarium.extractors.entities.bodies import find_bodies

    for m in _organ_label().finditer(pages[0] if pages else ""):
        found = find_bodies(m["rest"])
        if found and found[0].start <= 2:
            return found[0].value.split(" i ")[0]
    return None


def _deciding_organ_in_header(pages: list[str]) -> str | None:
    """The deciding organ a minute or agenda names in its header ("Kommunstyrelsen",
    "Arbetsmarknads- och socialnämnden" over "Sammanträdesdatum")."""
    return _organ(pages[0]) if pages else None


def _letterhead_sender(pages: list[str]) -> str | None:
    """A body in the first three lines is the letterhead's sender: "Skatteverket",
    "Socialförvaltningen", "Länsstyrelsen i Stockholms län"."""
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import _offset_after_lines

    first = pages[0] if pages else ""
    for b in find_bodies(first[: _offset_after_lines(first, 3)]):
        # At the start of its line: not a place in "Plats och tid: Regionkontoret".
        if not first[first.rfind("\n", 0, b.start) + 1 : b.start].strip():
            return b.value
    return None


def _authority_speaking(pages: list[str]) -> str | None:
    """A state authority that speaks of itself on page one ("Länsstyrelsen anser att ...",
    "JO kritiserar ..."): it wrote the document, whatever bodies its header addresses."""
    from diarium.extractors.entities.metadata import _authority_speech

    if not pages or not _authority_speech().search(pages[0]):
        return None
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import PlaceContext, _authority_speaks

    place = _authority_speaks(PlaceContext(pages, find_bodies(pages[0]), [], []))
    return place[1] if place else None


def _signature_block(pages: list[str]) -> str | None:
    """A body alone on one of the last lines, where the sender signs ("KOMMUNSTYRELSEN",
    "Socialförvaltningen" under the officer's name)."""
    from diarium.extractors.entities.bodies import find_bodies

    if not pages:
        return None
    lines = [ln.strip() for ln in pages[-1].splitlines() if ln.strip()][-8:]
    for line in reversed(lines):
        found = find_bodies(line)
        if found and len(found[0].text) >= len(line) - 2:
            return found[0].value
    return None


ORGAN_STRATEGIES = (
    _organ_field,
    _authority_speaking,
    _deciding_organ_in_header,
    _letterhead_sender,
    _signature_block,
)


def organ_with_evidence(pages: list[str]) -> tuple[str | None, str]:
    """The organ that decided or authored the document, and the strategy that found it."""
    return first_of(ORGAN_STRATEGIES, pages)


def organ(pages: list[str]) -> str | None:
    return organ_with_evidence(pages)[0]


def _organ(first_page: str) -> str | None:
    """The deciding organ a minute or agenda names in its header."""
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import LETTERHEAD_LINES, _offset_after_lines

    header = first_page[: _offset_after_lines(first_page, LETTERHEAD_LINES)]
    for b in find_bodies(header):
        organ = b.value.split(" i ")[0]  # "Kommunfullmäktige i Nässjö kommun"
        if organ.lower().endswith(deciding_organs()):
            return organ
    return None
