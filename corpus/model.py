"""The document model every stage shares.

The JSON produced by ``Document.to_dict`` is the public contract of ``diarium extract
--json`` and the on-disk corpus format, so fields are only ever added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from diarium.corpus.errors import UsageError

ENTITY_TYPES = ("DATE", "DNR", "PERSON", "BODY", "PNR")
PAGE_METHODS = ("text", "ocr", "none")


@dataclass
class Entity:
    """One mention, with offsets into the normalized text of its page."""

    type: str
    text: str
    value: str
    page: int
    start: int
    end: int
    # Extra facts about the mention (``inferred`` for dates whose year came from
    # context, ``role``/``party`` for people, ...). Kept open so extractors can grow.
    attrs: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            type=data["type"],
            text=data["text"],
            value=data["value"],
            page=data["page"],
            start=data["start"],
            end=data["end"],
            attrs=dict(data.get("attrs") or {}),
        )


@dataclass
class Page:
    number: int
    text: str
    raw_text: str
    method: str = "text"
    # Why the page's text came from where it did: quality scores of the candidates,
    # OCR confidence, the reason. Filled by the page-decision step.
    decision: dict[str, Any] = field(default_factory=dict)
    # Counts of repairs by kind, filled by the normalizer.
    normalization: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    # OCR'd pages: where each word of ``raw_text`` stands on the page, four integers a
    # word (extractors/ocr/word_boxes.py); what a searchable archive copy is made from.
    words: list[int] | None = None
    # OCR'd pages: Tesseract's confidence (0-100) in each word of ``raw_text``, in the
    # order of ``words``: where a word may need a second look, or a reader a warning.
    # None on pages stored before it was kept.
    word_confidences: list[int] | None = None
    # Text-layer pages: where the text runs stand, {"width", "height", "runs": [[x0, top,
    # x1, bottom, size, start, length], ...]} in points, the text at raw_text[start:][:length]
    # (extractors/layout/runs.py); the page structure the entity rules read (cover,
    # letterhead, columns) is rebuilt from it.
    layout: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Page:
        return cls(
            number=data["number"],
            text=data["text"],
            raw_text=data.get("raw_text", data["text"]),
            method=data.get("method", "text"),
            decision=dict(data.get("decision") or {}),
            normalization=dict(data.get("normalization") or {}),
            error=data.get("error"),
            words=data.get("words"),
            word_confidences=data.get("word_confidences"),
            layout=data.get("layout"),
        )


@dataclass
class Metadata:
    title: str | None = None
    document_date: str | None = None
    doc_type: str | None = None
    municipality: str | None = None
    organisation: str | None = None
    # The body that decided or authored the document (a protocol's organ, a letterhead's
    # sender), as against every body the text mentions (BODY entities).
    organ: str | None = None
    # The document's own main case number (canonical key) and as written.
    dnr: str | None = None
    dnr_text: str | None = None
    # Why each fact was chosen: field → the name of the strategy that found it
    # (extractors/entities/metadata.py), shown by `diarium extract --explain`.
    evidence: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        known = {k: data.get(k) for k in cls.__dataclass_fields__}
        known["evidence"] = known.get("evidence") or {}  # documents stored before it
        return cls(**known)


@dataclass
class Provenance:
    diarium_version: str
    extracted_at: str
    extractors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        return cls(
            diarium_version=data.get("diarium_version", "unknown"),
            extracted_at=data.get("extracted_at", ""),
            extractors=dict(data.get("extractors") or {}),
        )


@dataclass
class Document:
    id: str
    source: str
    filename: str
    pages: list[Page]
    metadata: Metadata
    provenance: Provenance
    entities: list[Entity] = field(default_factory=list)
    # The id of the first document of this one's near-identical copies (ingest/
    # versions.py); None before grouping, the own id for a group's head.
    group: str | None = None
    # Access class: "public", or "restricted" (sekretess: only officers and up see it);
    # kept here, the source of truth, so a reindex keeps it.
    access: str = "public"
    access_reason: str | None = None  # the ground given, e.g. "OSL 26:1"

    @property
    def n_pages(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\f".join(page.text for page in self.pages)

    def entities_of(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.type == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "filename": self.filename,
            "n_pages": self.n_pages,
            "pages": [asdict(p) for p in self.pages],
            "text": self.text,
            "metadata": asdict(self.metadata),
            "entities": [asdict(e) for e in self.entities],
            "provenance": asdict(self.provenance),
            "group": self.group,
            "access": self.access,
            "access_reason": self.access_reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            source=data["source"],
            filename=data["filename"],
            pages=[Page.from_dict(p) for p in data["pages"]],
            metadata=Metadata.from_dict(data.get("metadata") or {}),
            provenance=Provenance.from_dict(data.get("provenance") or {}),
            entities=[Entity.from_dict(e) for e in data.get("entities") or []],
            group=data.get("group"),
            access=data.get("access") or "public",
            access_reason=data.get("access_reason"),
        )


def ground_for_secrecy(access: str, reason: str | None) -> str | None:
    """The legal ground a document's access class keeps: required for "restricted" (a
    secrecy decision names its ground, e.g. ``OSL 26:1``), none for "public". Checked
    here once for every way a class is set (ingest, watch, classify)."""
    ground = (reason or "").strip() or None
    if access == "restricted" and not ground:
        raise UsageError('give the ground for secrecy with --reason, e.g. --reason "OSL 26:1"')
    return ground if access == "restricted" else None
