"""Title and municipality strategies that read the page structure (``extractors/layout``).

They run inside the ordered strategy lists of ``metadata`` (``TITLE_STRATEGIES``,
``PLACE_STRATEGIES``) and fire only for documents with positions (PDF text layers, OCR
word boxes); for plain text they return None and the text strategies decide alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diarium.extractors.entities.lexicons import municipalities

if TYPE_CHECKING:
    from diarium.extractors.entities.metadata import Place, PlaceContext, TitleContext

COVER_TITLE_LINES = 4  # a cover's name, subtitle, period and municipality
# Cover lines that are no part of a title: a photo credit, a web or mail address, a
# page counter.
_NOT_TITLE = re.compile(r"(?i)^(?:foto|bild|illustration)\b|www\.|@|https?:|^\d+\s*(?:\(\d+\))?$")


def sentence_case(line: str) -> str:
    """A line in capitals as a title is written ("ÅRSREDOVISNING 2011 UDDEVALLA KOMMUN" →
    "Årsredovisning 2011 Uddevalla kommun"): the first word and place names capitalised."""
    if not line.isupper():
        return line
    names = municipalities()
    words = []
    for n, word in enumerate(line.lower().split()):
        cap = word[:1].upper() + word[1:]
        keep = n == 0 or cap in names or cap.rstrip("s") in names or "-" in cap
        words.append(cap if keep else word)
    return " ".join(words)


def _usable(line: str) -> bool:
    from diarium.extractors.entities.metadata import _PERIOD_LINE, _address_line

    if _PERIOD_LINE.match(line):
        return True  # "2011", "januari–juni 2024": the report's period
    return bool(
        re.search(r"[A-Za-zÅÄÖåäö]{2}", line)
        and not _NOT_TITLE.search(line)
        and not _address_line().match(line)
    )


def cover_title(c: TitleContext) -> str | None:
    """A report's cover: its large lines joined in reading order, the name, the period
    and the municipality standing on separate lines ("Årsredovisning" / "2023" /
    "Hörby kommun" → "Årsredovisning 2023 Hörby kommun"); a photo credit or an address
    on the cover is no part of it."""
    if c.layout is None or not c.layout.cover:
        return None
    lines = [sentence_case(x.strip()) for x in c.layout.cover if _usable(x)]
    return " ".join(lines[:COVER_TITLE_LINES]) or None


def largest_heading(c: TitleContext) -> str | None:
    """Page one's largest line below the letterhead, where a letter, a request to another
    body or a tjänsteskrivelse puts its subject ("Begäran om medel för ..." in bold over
    the text); not a type word alone ("TJÄNSTESKRIVELSE"), a body's name or an address."""
    from diarium.extractors.entities.metadata import _is_body_name, _type_word

    if c.layout is None or not c.layout.heading:
        return None
    text = " ".join(sentence_case(x.strip()) for x in c.layout.heading if _usable(x))
    found = _type_word(text.lower()) if text else None
    if not text or len(text) < 8 or (found and len(found[0]) >= len(text) - 1):
        return None
    return None if _is_body_name(text) else text


def structure_place(c: PlaceContext) -> Place | None:
    """The organisation in the letterhead (the top-left block of page one and its logo
    text), in a running head or foot, or on the cover: "Hörby kommun" in every page's
    foot, "REGION UPPSALA" over the sender's address. The issuer writes its own name
    there; a municipality an item concerns stands in the text."""
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.metadata import _organisation_of

    if c.layout is None:
        return None
    places = (c.layout.letterhead, c.layout.running, c.layout.cover)
    for texts in places:
        for text in texts:
            for body in find_bodies(sentence_case(text)):
                org = _organisation_of(body.value)
                if org:
                    return org
    return None
