"""Running the entity rules over a document's pages.

A spaCy ``blank("sv")`` pipeline hosts the rules as components, so each finding becomes
a span of ``doc.ents`` on a real tokenization; character offsets are kept for the
document JSON. Dates without a year need the document's year, and a prefix-less case
number needs the document's own body prefix, so the pages are read in two passes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.model import Entity, Metadata
from extractors.entities import metadata as meta
from extractors.entities.bodies import find_bodies
from extractors.entities.dates import find_dates
from extractors.entities.dnr import find_bare, find_structured
from extractors.entities.people import find_people

# A label that announces a case number, possibly on the next line.
DNR_LABEL = re.compile(
    r"(?i)\b(?:dnr|diarienummer|diarienr|ärendenummer|ärende\s*nr|vårt\s+dnr|er\s+beteckning|"
    r"beteckning)\b[.:]?[ \t]*\n?[ \t]*"
)
DATE_LABEL = re.compile(r"(?i)\b(?:datum|sammanträdesdatum|beslutsdatum)\b[.:]?[ \t]*\n?[ \t]*")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class EntityExtraction:
    entities: list[Entity] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)


def _dnr_entities(pages: list[str]) -> list[Entity]:
    found: list[Entity] = []
    for number, text in enumerate(pages, start=1):
        spans: list[tuple[int, int]] = []
        for m in find_structured(text):
            labelled = bool(DNR_LABEL.search(text[max(0, m.start - 30) : m.start]))
            found.append(
                Entity(
                    "DNR",
                    m.text,
                    m.parts.key(),
                    number,
                    m.start,
                    m.end,
                    {"labelled": True} if labelled else {},
                )
            )
            spans.append((m.start, m.end))
        for label in DNR_LABEL.finditer(text):
            for m in find_bare(text, label.end(), min(len(text), label.end() + 20)):
                if m.start == label.end() and all(m.end <= s or m.start >= e for s, e in spans):
                    found.append(
                        Entity(
                            "DNR", m.text, m.parts.key(), number, m.start, m.end, {"labelled": True}
                        )
                    )
    return found


def _document_year(pages: list[str]) -> int | None:
    for text in pages[:1]:
        for m in find_dates(text):
            return int(m.values[0][:4])
    counts = Counter(int(y) for text in pages for y in YEAR.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _date_entities(pages: list[str], year: int | None) -> list[Entity]:
    found: list[Entity] = []
    for number, text in enumerate(pages, start=1):
        labels = {m.end() for m in DATE_LABEL.finditer(text)}
        for d in find_dates(text, year):
            attrs: dict[str, object] = {}
            if d.inferred:
                attrs["inferred"] = True
            if len(d.values) > 1:
                attrs["range"] = [d.values[0], d.values[-1]]
            if d.start in labels:
                attrs["labelled"] = True
            for value in d.values:
                found.append(Entity("DATE", d.text, value, number, d.start, d.end, dict(attrs)))
    return found


def _with_document_prefix(dnrs: list[Entity]) -> list[Entity]:
    """Give prefix-less numbers the body prefix the document's own numbers carry."""
    prefixes = Counter(e.value.split("-")[0] for e in dnrs if not e.value[:1].isdigit())
    if len(prefixes) != 1:
        return dnrs
    prefix = next(iter(prefixes))
    return [
        Entity(e.type, e.text, f"{prefix}-{e.value}", e.page, e.start, e.end, e.attrs)
        if e.value[:1].isdigit() and e.value.count("-") == 1
        else e
        for e in dnrs
    ]


def extract_entities(pages: list[str]) -> EntityExtraction:
    year = _document_year(pages)
    dnrs = _with_document_prefix(_dnr_entities(pages))
    dates = _date_entities(pages, year)
    people: list[Entity] = []
    bodies: list[Entity] = []
    for number, text in enumerate(pages, start=1):
        people += [
            Entity("PERSON", p.text, p.value, number, p.start, p.end, dict(p.attrs))
            for p in find_people(text)
        ]
        bodies += [
            Entity("BODY", b.text, b.value, number, b.start, b.end) for b in find_bodies(text)
        ]
    first = pages[0] if pages else ""
    kind = meta.doc_type(first)
    municipality, organisation = meta.municipality(pages, bodies)
    main = next((d for d in dnrs if d.attrs.get("labelled")), dnrs[0] if dnrs else None)
    metadata = Metadata(
        title=meta.title(first, kind, {p.value for p in people if p.page == 1}),
        document_date=meta.document_date(dates),
        doc_type=kind or ("other" if pages else None),
        municipality=municipality,
        organisation=organisation,
        dnr=main.value if main else None,
        dnr_text=main.text if main else None,
    )
    entities = sorted(dnrs + dates + people + bodies, key=lambda e: (e.page, e.start, e.type))
    return EntityExtraction(entities, metadata)
