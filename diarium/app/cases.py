"""A case (ärende): every document that holds one case number, in date order.

Registrars think in cases: the tjänsteskrivelse that opens one, the utskott's proposal,
the styrelse's decision, the fullmäktige minutes, the appeal. The index already finds the
documents holding a case number in any written form (``documents_with_dnr``); this module
keeps those that hold this very number (a body-less "2023/412" lookup also finds another
body's "KFN 2023/0412"), orders them by date and says for each where in it the case was
handled (the § of minutes) and what was decided there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from diarium.app import documents
from diarium.app.access import Viewer, visible
from diarium.app.disclosure import public_text
from diarium.app.indexes import IndexHandle
from diarium.corpus.errors import DocumentNotFoundError, UsageError
from diarium.corpus.model import Document, Entity
from diarium.extractors.entities.dnr import dnr_lookup_keys
from diarium.extractors.entities.sections import Section, decision, section_at, sections
from diarium.ingest.home import Home
from diarium.ingest.lookup import find_by_case_number


def case_key(text: str) -> str | None:
    """The case key of a case number as printed or already a key ("KS 2023/0412",
    "ks-2023-412" → "KS-2023-412"); None when ``text`` is no case number. A key reads
    back as itself, so the key a page links to finds the case it came from."""
    keys = dnr_lookup_keys(text.strip())
    return keys[0].upper() if keys else None


def _core(key: str) -> str:
    """A key without its classification suffix, lower case: "ks-2022-960"."""
    return key.split(".", 1)[0].lower()


def same_case(a: str, b: str) -> bool:
    """Two case keys name one case: equal without the classification suffix; a number
    written without its body code ("2023/412") matches the same year and serial."""
    ca, cb = _core(a), _core(b)
    if ca == cb:
        return True
    a_bodyless, b_bodyless = ca.count("-") == 1, cb.count("-") == 1
    return (a_bodyless and cb.endswith("-" + ca)) or (b_bodyless and ca.endswith("-" + cb))


def holds_case(doc: Document, key: str) -> list[Entity]:
    """The DNR mentions of ``doc`` that are case ``key``, in page order."""
    return [e for e in doc.entities_of("DNR") if same_case(e.value, key)]


@dataclass
class CaseDocument:
    id: str
    title: str
    filename: str
    document_date: str | None
    doc_type: str | None
    organ: str | None
    printed: str  # the case number as this document prints it
    page: int  # the page where the number stands first
    # The document's own case: its main number, or the number a § of minutes opens
    # with; else it only mentions the case (cites it).
    own: bool
    own_case: str | None  # the document's main case number as printed, when another
    paragraph: int | None = None  # the § of minutes that handled the case
    paragraph_title: str | None = None
    decision_kind: str | None = None  # "beslut" or "förslag"
    decision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Case:
    key: str
    printed: str
    documents: list[CaseDocument] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "printed": self.printed,
            "documents": [d.to_dict() for d in self.documents],
        }


def opens_section(doc: Document, mention: Entity, found: list[Section] | None = None) -> bool:
    """A case number in the first lines of a § is the case that § handles. ``found``:
    the document's sections, when the caller asks for many mentions."""
    if found is None:
        found = sections([p.text for p in doc.pages], doc.metadata.organ)
    at = section_at(found, mention.page, mention.start)
    if at is None or at.page != mention.page:
        return False
    return doc.pages[mention.page - 1].text.count("\n", at.start, mention.start) <= 2


def case_document(doc: Document, key: str) -> CaseDocument | None:
    """What a case page shows of one document; None when it does not hold the case."""
    mentions = holds_case(doc, key)
    md = doc.metadata
    main = bool(md.dnr) and same_case(md.dnr or "", key)
    if not mentions and not main:
        return None
    first = mentions[0] if mentions else None
    found = sections([p.text for p in doc.pages], md.organ) if mentions else []
    own = main or any(opens_section(doc, m, found) for m in mentions)
    printed = (md.dnr_text if own and md.dnr_text else None) or (first.text if first else key)
    section = section_at(found, first.page, first.start) if first else None
    found = decision(section.text if section else doc.text.replace("\f", "\n"))
    return CaseDocument(
        id=doc.id,
        title=md.title or doc.filename,
        filename=doc.filename,
        document_date=md.document_date,
        doc_type=md.doc_type,
        organ=md.organ,
        printed=printed,
        page=first.page if first else 1,
        own=own,
        own_case=None if own else (md.dnr_text or md.dnr),
        paragraph=section.number if section else None,
        paragraph_title=section.title if section else None,
        decision_kind=found.kind if found else None,
        decision=found.text if found else None,
    )


def case(
    home: Home, ref: str, handle: IndexHandle | None = None, viewer: Viewer | None = None
) -> Case:
    """The case ``ref`` (a case number in any written form, or its key): its documents
    in date order (undated last). ``DocumentNotFoundError`` when no document holds it,
    or none that ``viewer`` may see (a reader never learns of a restricted document)."""
    key = case_key(ref)
    if key is None:
        raise UsageError(
            f"{public_text(ref.strip())!r} is not a case number; write it as the document "
            "prints it, e.g. KS 2022/960"
        )
    handle = handle or IndexHandle(home)
    with handle.reading() as index:
        ids = find_by_case_number(home, key, index)
    docs = [d for d in (documents.get(home, doc_id) for doc_id in ids) if visible(d, viewer)]
    shown = [d for d in (case_document(doc, key) for doc in docs) if d is not None]
    if not shown:
        raise DocumentNotFoundError(f"no document holds case number {key}")
    shown.sort(key=lambda d: (d.document_date is None, d.document_date or "", d.title))
    printed = next((d.printed for d in shown if d.own), None)
    printed = printed or Counter(d.printed for d in shown).most_common(1)[0][0]
    return Case(key=key, printed=printed, documents=shown)
