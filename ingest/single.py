"""Extracting one file in this process, for ``diarium extract``: the same steps as an
ingest run, without the store, the index or a worker pool."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import DiariumError
from corpus.model import Document
from extractors.document import assemble_document
from extractors.pages import PageOptions, ocr_page, triage_pages
from ingest.discover import sniff_pdf
from ingest.executor import worker_initializer
from ingest.hashing import file_sha256
from ingest.pipeline import ensure_ocr_ready


def extract_file(path: Path, options: PageOptions) -> Document:
    if not path.is_file():
        raise DiariumError(f"{path}: no such file")
    problem = sniff_pdf(path)
    if problem:
        raise DiariumError(f"{path}: {problem}")
    ensure_ocr_ready(options)
    worker_initializer()
    from extractors.text_layer import PdfReadError

    doc_id = file_sha256(path)
    try:
        works = triage_pages(str(path), options)
    except PdfReadError as exc:
        raise DiariumError(f"{path}: {exc}") from exc
    works = [ocr_page(str(path), w, options) if w.needs_ocr else w for w in works]
    # The id must be the hash of the bytes that were read (see ingest.pipeline).
    if file_sha256(path) != doc_id:
        from ingest.pipeline import CHANGED_WHILE_READ

        raise DiariumError(f"{path}: {CHANGED_WHILE_READ}")
    return assemble_document(doc_id, str(path), path.name, works)
