"""Which decisions a document cites, and which cite it, resolved against the archive.

Two kinds of reference, both from what extraction finds:

* a case number that is not the document's own (a DNR entity whose case differs from
  ``Metadata.dnr`` and that does not open a § of minutes, where each § states the case
  it handles): it leads to that case's page;
* an organ, a meeting date and a § ("KS 2023-09-26 § 198", ``extractors/entities/
  citations.py``): it leads to the minutes of that organ of that day holding that §.

"Hänvisas från" is the same question asked the other way: the documents that hold this
document's case number, or this meeting's date, are the candidates (found through the
index), and those whose references resolve here are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from diarium.app import documents, search
from diarium.app.access import Viewer, visible
from diarium.app.cases import case_key, opens_section, same_case
from diarium.app.indexes import IndexHandle
from diarium.corpus.errors import DiariumError
from diarium.corpus.model import Document
from diarium.extractors.entities.citations import (
    ParagraphCitation,
    organ_name,
    paragraph_citations,
    same_organ,
)
from diarium.extractors.entities.sections import sections
from diarium.ingest.home import Home
from diarium.ingest.lookup import find_by_case_number

CANDIDATES = 50  # documents looked at per reverse lookup


@dataclass
class Reference:
    """One reference from a document (``source_*``) to a case or to minutes."""

    text: str  # as written in the citing document
    kind: str  # "diarienummer" or "paragraf"
    source_id: str
    source_title: str
    source_page: int
    case_key: str | None = None  # a case-number reference: the case
    target_id: str | None = None  # a § reference: the minutes it resolved to
    target_title: str | None = None
    target_page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _title(doc: Document) -> str:
    return doc.metadata.title or doc.filename


def case_references(doc: Document) -> list[Reference]:
    """Case numbers ``doc`` cites: not its own, not a § opening's; one per case."""
    own = doc.metadata.dnr
    seen: set[str] = set()
    out = []
    found = sections([p.text for p in doc.pages], doc.metadata.organ)
    for e in doc.entities_of("DNR"):
        key = case_key(e.value)
        if key is None or (own and same_case(key, own)) or opens_section(doc, e, found):
            continue
        core = key.split(".")[0].lower()
        if core in seen:
            continue
        seen.add(core)
        out.append(Reference(e.text, "diarienummer", doc.id, _title(doc), e.page, case_key=key))
    return out


def _paragraph_mentions(doc: Document) -> list[tuple[int, ParagraphCitation]]:
    return [(p.number, c) for p in doc.pages for c in paragraph_citations(p.text)]


def _on_date(home: Home, date: str, handle: IndexHandle, text: str = "") -> list[str]:
    """Ids of documents dated ``date`` (or, with ``text``, whose text matches it)."""
    query = (
        search.SearchQuery(text=text, limit=CANDIDATES)
        if text
        else search.SearchQuery(date_from=date, date_to=date, limit=CANDIDATES)
    )
    try:
        return [hit.id for hit in search.search(home, query, handle).hits]
    except DiariumError:
        return []


def _minutes_paragraph(doc: Document, cited: ParagraphCitation) -> int | None:
    """The page of ``doc`` where § ``cited.paragraph`` opens, when ``doc`` is that
    organ's minutes of that day; else None."""
    md = doc.metadata
    if md.document_date != cited.date:
        return None
    if not same_organ(cited.organ, md.organ):
        return None
    found = [
        s for s in sections([p.text for p in doc.pages], md.organ) if s.number == cited.paragraph
    ]
    return found[0].page if found else None


def paragraph_references(
    home: Home, doc: Document, handle: IndexHandle, viewer: Viewer | None = None
) -> list[Reference]:
    """§ citations in ``doc``, each resolved to the minutes it names when the archive
    holds them (``target_id`` None otherwise)."""
    out = []
    for page, cited in _paragraph_mentions(doc):
        ref = Reference(cited.text, "paragraf", doc.id, _title(doc), page)
        for doc_id in _on_date(home, cited.date, handle):
            if doc_id == doc.id:
                continue
            target = documents.get(home, doc_id)
            if not visible(target, viewer):
                continue
            target_page = _minutes_paragraph(target, cited)
            if target_page is not None:
                ref.target_id, ref.target_title, ref.target_page = (
                    doc_id,
                    _title(target),
                    target_page,
                )
                break
        out.append(ref)
    return out


def references(
    home: Home, doc: Document, handle: IndexHandle | None = None, viewer: Viewer | None = None
) -> list[Reference]:
    """Hänvisar till: what ``doc`` cites, cases first, then § citations (only documents
    ``viewer`` may see are linked)."""
    handle = handle or IndexHandle(home)
    return case_references(doc) + paragraph_references(home, doc, handle, viewer)


@lru_cache(maxsize=12)
def _month_name(month: int) -> str:
    from diarium.extractors.entities.dates import MONTHS

    return next(word for word, n in MONTHS.items() if n == month)


def _date_query(date: str) -> str:
    """The meeting date as the phrases a citation writes it in: ISO and "26 september 2023"."""
    year, month, day = date.split("-")
    return f'"{date}" OR "{int(day)} {_month_name(int(month))} {year}"'


def referenced_by(
    home: Home, doc: Document, handle: IndexHandle | None = None, viewer: Viewer | None = None
) -> list[Reference]:
    """Hänvisas från: documents citing ``doc``'s case number, or citing a § of ``doc``
    when it is minutes (organ, date and the § all match)."""
    handle = handle or IndexHandle(home)
    out: list[Reference] = []
    own = doc.metadata.dnr
    if own:
        with handle.reading() as index:
            ids = find_by_case_number(home, own, index)[:CANDIDATES]
        for doc_id in ids:
            if doc_id == doc.id:
                continue
            other = documents.get(home, doc_id)
            if not visible(other, viewer):
                continue
            out += [r for r in case_references(other) if same_case(r.case_key or "", own)]
    md = doc.metadata
    numbers = {s.number: s.page for s in sections([p.text for p in doc.pages], md.organ)}
    if numbers and md.document_date and organ_name(md.organ or "") is not None:
        for doc_id in _on_date(home, md.document_date, handle, _date_query(md.document_date)):
            if doc_id == doc.id:
                continue
            other = documents.get(home, doc_id)
            if not visible(other, viewer):
                continue
            for page, cited in _paragraph_mentions(other):
                if _minutes_paragraph(doc, cited) is not None:
                    out.append(
                        Reference(
                            cited.text, "paragraf", other.id, _title(other), page,
                            target_id=doc.id, target_title=_title(doc),
                            target_page=numbers[cited.paragraph],
                        )
                    )
    return out
