"""What the index holds, engine-neutral: one entry per page, with its document's fields.

Pages are the unit so a hit can name the page that matched; document-level fields
(title, date, case numbers, bodies, people) repeat on each page so that ranking and
filtering need no join. ``SCHEMA_VERSION`` changes whenever the entries change, and an
index built under another version is rebuilt from the corpus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from diarium.corpus.model import Document
from diarium.extractors.entities.dnr import document_dnr_keys
from diarium.extractors.entities.paragraphs import PROTOCOL_TYPES, find_paragraphs, paragraph_keys
from diarium.extractors.entities.pnr import pnr_digest
from diarium.extractors.masking import document_pnrs, masked_document
from diarium.index.base import UNDATED

# 4: page text, title and metadata indexed with identity numbers masked; their keyed
# hashes in a ``pnr`` field.
# 5: the deciding organ as a facet, protocol paragraphs per page, words with foreign
# diacritics also under their folded stem, two-digit case-number years in the
# document's own century.
# 6: an ``access`` term on the pages of restricted documents (index/access.py).
SCHEMA_VERSION = 6
# The ``pnr`` field's term on every document holding an identity number (no hash is
# this short): ``search --has-pnr`` for review before publication.
HAS_PNR_TERM = "any"


@dataclass
class DocFacets:
    """The per-document values filters and facets work on."""

    year: str | None
    date: str | None
    doc_type: str | None
    municipality: str | None
    organ: str | None
    body: tuple[str, ...]
    person: tuple[str, ...]

    def to_json(self) -> str:
        """The values as one JSON list, the form engines store beside each page."""
        return json.dumps(
            [
                self.year,
                self.date,
                self.doc_type,
                self.municipality,
                self.organ,
                list(self.body),
                list(self.person),
            ],
            ensure_ascii=False,
        )

    @classmethod
    def from_values(cls, values: list[Any]) -> DocFacets:
        """From the decoded list ``to_json`` wrote."""
        year, date, doc_type, municipality, organ, body, person = values
        return cls(year, date, doc_type, municipality, organ, tuple(body), tuple(person))

    def values(self, name: str) -> tuple[str, ...]:
        """A facet's values; an undated document's year is ``UNDATED``."""
        if name == "year" and not self.year:
            return (UNDATED,)
        value = getattr(self, name)
        if isinstance(value, tuple):
            return value
        return (value,) if value else ()


@dataclass
class PageEntry:
    uid: str  # "<doc id>:<page number>"
    doc_id: str
    page: int
    content: str
    title: str
    filename: str
    source: str
    document_date: str | None
    dnr_display: list[str]
    dnr_keys: list[str]
    dnr_main_keys: list[str]
    facets: DocFacets
    extra: dict[str, str] = field(default_factory=dict)
    # Keyed hashes (``pnr_digest``) of the document's identity numbers: never the digits.
    pnr_hashes: list[str] = field(default_factory=list)
    # Keys of the protocol paragraphs whose heading is on this page (``paragraph_keys``).
    paragraph_keys: list[str] = field(default_factory=list)
    access: str = "public"

    def hit_meta(self) -> dict[str, object]:
        """What a hit shows of its document, stored with each page by every engine."""
        meta: dict[str, object] = {
            "title": self.title or None,
            "document_date": self.document_date,
            "dnr": self.dnr_display,
            "doc_type": self.facets.doc_type,
            "municipality": self.facets.municipality,
            "organ": self.facets.organ,
            "body": list(self.facets.body),
        }
        if self.access != "public":
            meta["access"] = self.access
        return meta


def _unique(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return tuple(seen)


def doc_facets(doc: Document) -> DocFacets:
    date = doc.metadata.document_date
    return DocFacets(
        year=date[:4] if date else None,
        date=date,
        doc_type=doc.metadata.doc_type,
        municipality=doc.metadata.municipality,
        organ=doc.metadata.organ,
        body=_unique([e.value for e in doc.entities_of("BODY")]),
        person=_unique([e.value for e in doc.entities_of("PERSON")]),
    )


def page_entries(doc: Document, pnr_key: bytes | None = None) -> list[PageEntry]:
    """The index entries of a document: every text masked (no digit of an identity
    number becomes a term or a stored snippet), the numbers themselves only as keyed
    hashes, and those only when the home's key is given."""
    values = document_pnrs(doc)
    hashes = [pnr_digest(v, pnr_key) for v in values] if pnr_key else []
    if values:
        hashes.append(HAS_PNR_TERM)
    doc = masked_document(doc, keep_date=False)
    facets = doc_facets(doc)
    display = list(
        _unique(
            ([doc.metadata.dnr_text or doc.metadata.dnr] if doc.metadata.dnr else [])
            + [e.text for e in doc.entities_of("DNR")]
        )
    )
    year = int(date[:4]) if (date := doc.metadata.document_date) else None
    written = [(doc.metadata.dnr_text or "", doc.metadata.dnr)] if doc.metadata.dnr else []
    written += [(e.text, e.value) for e in doc.entities_of("DNR")]
    keys = list(
        _unique([k for text, value in written for k in document_dnr_keys(text, value, year)])
    )
    main = (
        document_dnr_keys(doc.metadata.dnr_text or "", doc.metadata.dnr, year)
        if doc.metadata.dnr
        else []
    )
    title = doc.metadata.title or ""
    paragraphs = page_paragraph_keys(doc)
    return [
        PageEntry(
            uid=f"{doc.id}:{page.number}",
            doc_id=doc.id,
            page=page.number,
            content=page.text,
            title=title,
            filename=doc.filename,
            source=doc.source,
            document_date=doc.metadata.document_date,
            dnr_display=display,
            dnr_keys=keys,
            dnr_main_keys=main,
            facets=facets,
            pnr_hashes=hashes,
            paragraph_keys=paragraphs.get(page.number, []),
            access=doc.access,
        )
        for page in doc.pages
    ]


def page_paragraph_keys(doc: Document) -> dict[int, list[str]]:
    """Page number → keys of the protocol paragraphs headed on it, each under the
    document's organ (or the one its heading names) and meeting date. Only protocols
    (or documents of no known type) have paragraphs: a § at a line start of a report is
    a statute."""
    if doc.metadata.doc_type not in PROTOCOL_TYPES | {None}:
        return {}
    out: dict[int, dict[str, None]] = {}
    for paragraph in find_paragraphs([p.text for p in doc.pages], doc.metadata.organ):
        # Under the document's organ and under the code its heading writes, when that
        # reads as another name ("SBN" is Stadsbyggnadsnämnden in the table, and
        # Samhällsbyggnadsnämnden in some municipalities): either citation finds it.
        organs: list[str | None] = [o for o in (doc.metadata.organ, paragraph.organ) if o]
        for organ in dict.fromkeys(organs or [None]):
            keys = paragraph_keys(paragraph.number, organ, doc.metadata.document_date)
            out.setdefault(paragraph.page, {}).update(dict.fromkeys(keys))
    return {page: list(keys) for page, keys in out.items()}
