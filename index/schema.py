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

from corpus.model import Document
from extractors.entities.dnr import dnr_lookup_keys
from extractors.entities.pnr import pnr_digest
from extractors.masking import document_pnrs, masked_document

# 4: page text, title and metadata indexed with identity numbers masked; their keyed
# hashes in a ``pnr`` field.
# 5: an ``access`` term on the pages of restricted documents (index/access.py).
SCHEMA_VERSION = 5
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
                list(self.body),
                list(self.person),
            ],
            ensure_ascii=False,
        )

    @classmethod
    def from_values(cls, values: list[Any]) -> DocFacets:
        """From the decoded list ``to_json`` wrote."""
        year, date, doc_type, municipality, body, person = values
        return cls(year, date, doc_type, municipality, tuple(body), tuple(person))

    def values(self, name: str) -> tuple[str, ...]:
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
    access: str = "public"

    def hit_meta(self) -> dict[str, object]:
        """What a hit shows of its document, stored with each page by every engine."""
        meta: dict[str, object] = {
            "title": self.title or None,
            "document_date": self.document_date,
            "dnr": self.dnr_display,
            "doc_type": self.facets.doc_type,
            "municipality": self.facets.municipality,
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
    dnr_values = _unique(
        ([doc.metadata.dnr] if doc.metadata.dnr else []) + [e.value for e in doc.entities_of("DNR")]
    )
    display = list(
        _unique(
            ([doc.metadata.dnr_text or doc.metadata.dnr] if doc.metadata.dnr else [])
            + [e.text for e in doc.entities_of("DNR")]
        )
    )
    keys = list(_unique([k for value in dnr_values for k in dnr_lookup_keys(value)]))
    main = dnr_lookup_keys(doc.metadata.dnr) if doc.metadata.dnr else []
    title = doc.metadata.title or ""
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
            access=doc.access,
        )
        for page in doc.pages
    ]
