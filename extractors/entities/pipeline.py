"""Running the entity rules over a document's pages.

Each page goes through the rule components of ``spacy_pipeline`` (one per entity type,
in order); character offsets are kept for the document JSON. Dates without a
year need the document's year, and a prefix-less case number needs the document's own
body prefix, so the document is read once for context before its pages are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from diarium.corpus.model import Entity, Metadata
from diarium.extractors.entities import bodies as bodies_module
from diarium.extractors.entities import dnr_shape, spacy_pipeline
from diarium.extractors.entities import metadata as meta
from diarium.extractors.entities.dates import find_dates
from diarium.extractors.entities.dnr import DnrMatch, find_bare, label_pattern
from diarium.extractors.entities.dnr_layout import dnr_from_layout
from diarium.extractors.entities.organ import organ_with_evidence
from diarium.extractors.layout import DocumentLayout

# A label that announces a case number (data/dnr_labels.txt), possibly on the next line.
# A compound label names the number's other uses too: "Dnr/målnr/löpnr:" (Skatteverket).
DNR_LABEL = re.compile(rf"(?i){label_pattern()}(?:/[^\W\d]+)*[.:]?[ \t]*\n?[ \t]*")
# After a label that ends its line (a form field or a column heading) the number stands
# in one of the next lines: "Diarienummer:" over "Stadsledningskontoret   0451/23".
HEADING_LINES = 4
# Under a column heading the first numbered row may come after this many rows without one.
COLUMN_LINES = 16
# Unlabelled numbers of a labelled series are taken from this many years before it on.
SERIES_YEARS = 15
# What may follow a heading label on its line: other field labels of the same header.
HEADING_REST = re.compile(
    r"(?i)\b(?:datum|sid(?:a)?|nr|sammanträdesdatum|beslutad av|gäller för|ansvarig|"
    r"handläggare|referens|ärende|rubrik|(?:och )?paragraf(?: för)?|beslutet|dokumentnamn)\b|"
    r"\d+\s*\(\s*\d+\s*\)|[:.()/ \t]"  # and page counters: "Sid 1 (8)"
)
# A label that announces the document's date, also glued to it ("Sammanträdesdatum2019-01-28").
DATE_LABEL = re.compile(
    r"(?i)\b(?:datum|sammanträdesdatum|beslutsdatum|mötesdatum|protokollsdatum)(?![^\W\d])"
    r"[.:]?[ \t]*\n?[ \t]*"
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class EntityExtraction:
    entities: list[Entity] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)


def _document_year(pages: list[str]) -> int | None:
    """The year yearless and two-digit-year dates are read in: the header's date.

    A date after a header label (Datum, Sammanträdesdatum) on the first page, else the
    year most of the first page's dates have (not the first date written, which may be an
    "Anslaget till och med" or a cited decision), else the commonest year in the text.
    """
    first = pages[0] if pages else ""
    dates = find_dates(first)
    labels = {m.end() for m in DATE_LABEL.finditer(first)}
    for d in dates:
        if d.start in labels:
            return int(d.values[0][:4])
    if dates:
        years = Counter(int(d.values[0][:4]) for d in dates)
        return max(years, key=lambda y: years[y])  # ties: the first written
    counts = Counter(int(y) for text in pages for y in YEAR.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _heads_a_column(rest: str) -> bool:
    """What follows a label on its line is nothing, or only more column headings
    ("Beteckning   Föredragande"): capitalised words and no number."""
    words = rest.split()
    return all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words)


def _lines_below(text: str, line_end: int, count: int) -> int:
    """Where the ``count``-th non-blank line after the one ending at ``line_end`` ends."""
    end, lines = line_end, 0
    while lines < count and end < len(text):
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt < 0 else nxt
        lines += bool(text[end + 1 : nxt].strip())  # blank lines do not count
        end = nxt
    return end


def _dnr_windows(text: str) -> list[tuple[int, int, bool, int]]:
    """Where a label says a case number stands: (start, end, heading, column end).

    Inline ("Dnr 0133/25", "dnr" at a line end with the number on the next line) the
    number starts where the label ends. A label that ends its line among other field
    labels ("Datum Dnr", "Beslutad av:  Gäller för:  Diarienummer:") heads a field or a
    column: the first number in the next few lines is its value, or, further down to the
    column end, the first number of a distinctive series (an agenda's first items, "Val
    av justerare", carry none).
    """
    windows = []
    for m in DNR_LABEL.finditer(text):
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        rest = DNR_LABEL.sub("", text[m.end() : line_end]) if m.end() <= line_end else ""
        # A heading is written as one ("Dnr", "Beteckning"); a lower-case label ending a
        # line of prose ("... planens\nbeteckning") only takes a number right after it.
        ends_line = m.end() > line_end or _heads_a_column(HEADING_REST.sub("", rest))
        if ends_line and m[0][:1].isupper():
            start = min(m.end(), line_end + 1)
            field_end = _lines_below(text, line_end, HEADING_LINES)
            column_end = _lines_below(text, line_end, COLUMN_LINES)
            windows.append((start, field_end, True, column_end))
        else:
            end = min(len(text), m.end() + 25)
            windows.append((m.end(), end, False, end))
    return windows


def _series_readers() -> tuple[Callable[[str], list[DnrMatch]], ...]:
    """What reads a number's series: the known formats first, then any registry's shape."""
    return (find_bare, dnr_shape.distinctive_numbers)


def _same_series(pages: list[str], dnrs: list[Entity]) -> list[Entity]:
    """Digit-only numbers of the series the document's labelled numbers belong to.

    A document whose labelled numbers read "Dnr 0133/25" writes its other numbers of the
    same registry the same way, also without a label: "(0065/24)" after an agenda item
    or a row under a "Beteckning" column heading. The series is read by a known format,
    or, for a registry not in the data, by its shape (``dnr_shape.signature``).
    """
    shapes, years, readers = set(), [], set()
    for e in dnrs:
        if not e.attrs.get("labelled"):
            continue
        for reader in _series_readers():
            whole = [m for m in reader(e.text) if m.text == e.text and m.shape]
            if whole:
                shapes.add(whole[0].shape)
                years.append(int(whole[0].parts.year))
                readers.add(reader)
                break
    if not shapes:
        return []
    # A registry's numbers of one series span the years around the labelled ones.
    first, last = min(years) - SERIES_YEARS, max(years) + 1
    spans = [(e.page, e.start, e.end) for e in dnrs]
    added: list[Entity] = []
    for number, text in enumerate(pages, start=1):
        for reader in _series_readers():
            if reader not in readers:
                continue  # only the readers that read a labelled number's series
            for m in reader(text):
                if m.shape not in shapes or not first <= int(m.parts.year) <= last:
                    continue
                if any(p == number and m.start < b and a < m.end for p, a, b in spans):
                    continue
                spans.append((number, m.start, m.end))
                attrs = {"found_by": "same_series"}
                added.append(Entity("DNR", m.text, m.parts.key(), number, m.start, m.end, attrs))
    return added


def _years_of_known_days(dates: list[Entity]) -> list[Entity]:
    """A yearless "den 18 oktober" in a document that writes "den 18 oktober 2012" is that day."""
    years: dict[str, set[str]] = {}
    for e in dates:
        if not e.attrs.get("inferred"):
            years.setdefault(e.value[5:], set()).add(e.value[:4])
    out = []
    for e in dates:
        known = years.get(e.value[5:], set())
        if e.attrs.get("inferred") and len(known) == 1 and e.value[:4] not in known:
            e = Entity(
                e.type, e.text, f"{next(iter(known))}{e.value[4:]}", e.page, e.start, e.end, e.attrs
            )
        out.append(e)
    return out


def _page_entities(number: int, text: str, year: int | None) -> list[Entity]:
    context = {
        "year": year,
        "dnr_label_ends": _dnr_windows(text),
        "date_label_ends": [m.end() for m in DATE_LABEL.finditer(text)],
    }
    found: list[Entity] = []
    for m in spacy_pipeline.run(text, context):
        label, value, facts = m.label, m.value, dict(m.facts)
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


def _with_layout_numbers(dnrs: list[Entity], placed: list[Entity]) -> list[Entity]:
    """The text rules' case numbers and those the layout placed under a case-number
    column or label (``dnr_layout``) where no text rule read one. Where the text rules
    read a number across a cell's edge ("Bostäder AB 2023-00187" for a cell
    "2023-00187"), the cell's number stands."""
    out = list(dnrs)
    for e in placed:
        overlapping = [d for d in out if d.page == e.page and d.start < e.end and e.start < d.end]
        if any(d.start < e.start or d.end > e.end for d in overlapping):
            out = [d for d in out if not any(d is o for o in overlapping)]
            overlapping = []
        if not overlapping:
            out.append(e)
    return out


COVER_CHARS = 300  # a first page with fewer letters than this is a cover


def _dated_page(pages: list[str]) -> str:
    """Where the document's date stands: page one, or, behind a cover that carries only
    the name ("Delegationsreglemente Kommunstyrelsen"), page two's document fields
    ("Fastställt av: Kommunstyrelsen Datum: 25 mars 2015")."""
    first = pages[0] if pages else ""
    if len(pages) > 1 and sum(c.isalpha() for c in first) < COVER_CHARS and not find_dates(first):
        return f"{first}\n{pages[1]}"
    return first


def extract_entities(pages: list[str], layout: DocumentLayout | None = None) -> EntityExtraction:
    """Entities and metadata of a document's pages; ``layout`` (``extractors/layout``)
    is where its text stands, None for plain text, whose rules then read the text alone."""
    bodies_module.forget_texts()
    year = _document_year(pages)
    found: list[Entity] = []
    for number, text in enumerate(pages, start=1):
        found += _page_entities(number, text, year)
    dnrs = [e for e in found if e.type == "DNR"]
    dnrs = _with_layout_numbers(dnrs, dnr_from_layout(pages, layout))
    dnrs = _with_document_prefix(dnrs + _same_series(pages, dnrs))
    dates = _years_of_known_days([e for e in found if e.type == "DATE"])
    people = [e for e in found if e.type == "PERSON"]
    bodies = [e for e in found if e.type == "BODY"]
    first = pages[0] if pages else ""
    evidence: dict[str, str] = {}
    kind, evidence["doc_type"] = meta.doc_type_with_evidence(first)
    (municipality, organisation), evidence["municipality"] = meta.municipality_with_evidence(
        pages, bodies, layout
    )
    main = next((d for d in dnrs if d.attrs.get("labelled")), dnrs[0] if dnrs else None)
    if main is not None:
        evidence["dnr"] = main.attrs.get("found_by") or (
            "labelled_known_format" if main.attrs.get("labelled") else "known_format"
        )
    date, evidence["document_date"] = meta.document_date_with_evidence(_dated_page(pages), dates)
    people_one = {p.value for p in people if p.page == 1}
    title, evidence["title"] = meta.title_with_evidence(
        first, kind, people_one, organisation, date, pages, layout
    )
    if not organisation and (organisation := meta.organisation_from_title(title)):
        evidence["municipality"] = "organisation_from_title"
    organ, evidence["organ"] = organ_with_evidence(pages, kind, bodies)
    metadata = Metadata(
        title=title,
        document_date=date,
        doc_type=kind or ("other" if pages else None),
        municipality=municipality,
        organisation=organisation,
        organ=organ,
        dnr=main.value if main else None,
        dnr_text=main.text if main else None,
        evidence={k: v for k, v in evidence.items() if v},
    )
    pnrs = [e for e in found if e.type == "PNR"]
    entities = sorted(
        dnrs + dates + people + bodies + pnrs, key=lambda e: (e.page, e.start, e.type)
    )
    return EntityExtraction(entities, metadata)
