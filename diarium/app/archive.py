"""Searchable archive copies of OCR'd documents (``ingest/archive_pdf.py``): exported to
a file, written into the home during ingest, or served on the document page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from diarium.app.access import Viewer
from diarium.app.documents import OriginalFiles, _stored, find
from diarium.corpus.errors import DiariumError, DocumentNotFoundError, UsageError
from diarium.corpus.model import Document
from diarium.ingest.archive_pdf import ArchiveReport, archive_path, write_archive_pdf
from diarium.ingest.home import Home


def has_ocr_words(doc: Document) -> bool:
    return any(p.method == "ocr" and p.words for p in doc.pages)


def _original(
    home: Home, doc_id: str, originals: OriginalFiles | None, viewer: Viewer | None = None
) -> tuple[Document, Path]:
    """The document and its verified original, as ``viewer`` may see them (a restricted
    document is unknown to a reader; one holding identity numbers is refused)."""
    doc = _stored(home, doc_id, viewer)
    if not has_ocr_words(doc):
        raise DocumentNotFoundError(
            f"{doc.filename} has no OCR'd page with word positions (born-digital, or "
            "ingested before they were kept): its original PDF is already searchable, "
            "or ingest it again with --force"
        )
    return doc, (originals or OriginalFiles()).path(home, doc_id, viewer)


def export_pdf(home: Home, ref: str, out: Path) -> ArchiveReport:
    """Write the searchable copy of the one document ``ref`` names (id, id prefix or
    case number) to ``out``."""
    docs = find(home, ref, unmasked=True)
    if len(docs) > 1:
        ids = ", ".join(d.id[:12] for d in docs[:5])
        raise UsageError(f"{ref!r} names {len(docs)} documents ({ids} ...); give an id")
    doc, original = _original(home, docs[0].id, None)
    return write_archive_pdf(original, doc, out)


def searchable_pdf(
    home: Home, doc_id: str, originals: OriginalFiles, viewer: Viewer | None = None
) -> bytes:
    """The copy for the web: the one written at ingest when it is there, else made now
    in a scratch file (a few tenths of a second) and not kept: the server writes
    nothing into the home."""
    doc, original = _original(home, doc_id, originals, viewer)
    stored = archive_path(home.archive_dir, doc.id)
    if stored.is_file():
        return stored.read_bytes()
    with tempfile.TemporaryDirectory(prefix="diarium-archive-") as tmp:
        out = Path(tmp) / "copy.pdf"
        try:
            write_archive_pdf(original, doc, out)
        except Exception as exc:  # a PDF pikepdf cannot rewrite
            raise DiariumError(f"cannot make a searchable copy of {doc.filename}: {exc}") from exc
        return out.read_bytes()
