"""Turning per-page extraction results into a finished ``Document``.

Every page passes through the normalizer, then the whole document through entity
extraction. The same two steps rebuild a stored document from its ``raw_text`` when the
normalizer or the entity rules improve, so no PDF has to be read again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from diarium import installed_version
from diarium.corpus.model import Document, Metadata, Page, Provenance
from diarium.extractors.entities import extract_entities
from diarium.extractors.layout import Run, analyse, runs_from_words, unpack
from diarium.extractors.normalize import normalize_text
from diarium.extractors.ocr.junk import without_junk
from diarium.extractors.pages import PageWork

_LIBRARIES = ("pypdfium2", "pdfplumber", "tesserocr", "pytesseract", "spacy", "wordfreq", "ftfy")


@lru_cache(maxsize=1)
def library_versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in _LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


def normalized_page(work: PageWork) -> Page:
    # OCR junk named in the decision (leaders, stamps, signatures) stays in raw_text only.
    result = normalize_text(without_junk(work.raw_text, work.decision))
    return Page(
        number=work.number,
        text=result.text,
        raw_text=work.raw_text,
        method=work.method,
        decision=work.decision,
        normalization={k: v for k, v in result.counts.items() if v},
        error=work.error,
        words=work.words,
        word_confidences=work.word_confidences,
        layout=work.layout,
    )


def page_layout(page: Page) -> tuple[list[Run], float, float]:
    """Where a page's text stands: its text runs, or its OCR words' boxes (in a unit page,
    since only proportions matter there)."""
    if page.layout:
        return unpack(page.layout, page.raw_text)
    if page.words:
        return runs_from_words(page.raw_text, page.words, 595.0, 842.0), 595.0, 842.0
    return [], 0.0, 0.0


def with_entities(doc: Document) -> Document:
    layout = analyse([page_layout(page) for page in doc.pages])
    found = extract_entities([page.text for page in doc.pages], layout)
    return replace(doc, entities=found.entities, metadata=found.metadata or Metadata())


def assemble_document(doc_id: str, source: str, filename: str, works: list[PageWork]) -> Document:
    pages = [normalized_page(work) for work in sorted(works, key=lambda w: w.number)]
    extractors = dict(library_versions())
    if any(page.method == "ocr" for page in pages):
        extractors["tesseract"] = _tesseract_version()
    doc = Document(
        id=doc_id,
        source=source,
        filename=filename,
        pages=pages,
        metadata=Metadata(),
        provenance=Provenance(
            diarium_version=installed_version(),
            extracted_at=datetime.now(UTC).isoformat(timespec="seconds"),
            extractors=extractors,
        ),
    )
    return with_entities(doc)


def renormalize(doc: Document) -> Document:
    """Re-run normalization and entities from the stored raw text (no PDF, no OCR)."""
    pages = [
        normalized_page(
            PageWork(
                number=p.number,
                raw_text=p.raw_text,
                method=p.method,
                decision=p.decision,
                needs_ocr=False,
                error=p.error,
                words=p.words,
                layout=p.layout,
            )
        )
        for p in doc.pages
    ]
    provenance = replace(
        doc.provenance,
        diarium_version=installed_version(),
        extractors={**doc.provenance.extractors, **library_versions()},
    )
    return with_entities(replace(doc, pages=pages, provenance=provenance))


@lru_cache(maxsize=1)
def _tesseract_version() -> str:
    try:
        from diarium.extractors.ocr.availability import binding_available

        if binding_available():
            import tesserocr

            return str(tesserocr.tesseract_version().split()[1])
        import pytesseract

        return str(pytesseract.get_tesseract_version())
    except Exception:  # the version is provenance only; never fail a document over it
        return "unknown"
