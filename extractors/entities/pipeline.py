"""Running the entity rules over a document's pages.

Each page goes through the spaCy pipeline of ``spacy_pipeline`` (rule components on
``blank("sv")``); character offsets are kept for the document JSON. Dates without a
year need the document's year, and a prefix-less case number needs the document's own
body prefix, so the document is read once for context before its pages are read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.model import Entity, Metadata
from extractors.entities import metadata as meta
from extractors.entities import spacy_pipeline
from extractors.entities.dates import find_dates

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


def _document_year(pages: list[str]) -> int | None:
    for text in pages[:1]:
        for m in find_dates(text):
            return int(m.values[0][:4])
    counts = Counter(int(y) for text in pages for y in YEAR.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _page_entities(number: int, text: str, year: int | None) -> list[Entity]:
    context = {
        "year": year,
        "dnr_label_ends": [
            (m.end(), min(len(text), m.end() + 20)) for m in DNR_LABEL.finditer(text)
        ],
        "date_label_ends": [m.end() for m in DATE_LABEL.finditer(text)],
    }
    found: list[Entity] = []
    for label, value, facts in spacy_pipeline.mentions(spacy_pipeline.run(text, context)):
        start, end, written = facts.pop("start"), facts.pop("end"), facts.pop("text")
        attrs = {k: v for k, v in facts.items() if v not in (None, False)}
        if label == "DATE":
            # A range or a list of days is one mention and one entity per day.
            for day in attrs.pop("days"):
                found.append(Entity("DATE", written, day, number, start, end, dict(attrs)))
        else:
            found.append(Entity(label, written, value, number, start, end, attrs))
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
    found: list[Entity] = []
    for number, text in enumerate(pages, start=1):
        found += _page_entities(number, text, year)
    dnrs = _with_document_prefix([e for e in found if e.type == "DNR"])
    dates = [e for e in found if e.type == "DATE"]
    people = [e for e in found if e.type == "PERSON"]
    bodies = [e for e in found if e.type == "BODY"]
    first = pages[0] if pages else ""
    kind = meta.doc_type(first)
    municipality, organisation = meta.municipality(pages, bodies)
    main = next((d for d in dnrs if d.attrs.get("labelled")), dnrs[0] if dnrs else None)
    date = meta.document_date(first, dates)
    people_one = {p.value for p in people if p.page == 1}
    title = meta.title(first, kind, people_one, organisation, date, pages)
    organisation = organisation or meta.organisation_from_title(title)
    metadata = Metadata(
        title=title,
        document_date=date,
        doc_type=kind or ("other" if pages else None),
        municipality=municipality,
        organisation=organisation,
        dnr=main.value if main else None,
        dnr_text=main.text if main else None,
    )
    entities = sorted(dnrs + dates + people + bodies, key=lambda e: (e.page, e.start, e.type))
    return EntityExtraction(entities, metadata)
