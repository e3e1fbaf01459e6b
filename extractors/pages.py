"""Per-page extraction in two phases, both safe to run in a worker process.

``triage_pages`` reads every text layer and decides which pages need OCR (milliseconds
a page); ``ocr_page`` renders and reads one page and keeps the better candidate
(seconds). Splitting them lets the ingest scheduler spread OCR pages of all documents
over all workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diarium.extractors.ocr import OcrUnavailableError, check_ocr_available, ocr_pdf_page
from diarium.extractors.page_decision import as_record, choose, triage
from diarium.extractors.page_quality import assess
from diarium.extractors.text_layer import read_text_layer

__all__ = [
    "OcrUnavailableError",
    "PageOptions",
    "PageWork",
    "check_ocr_available",
    "ocr_page",
    "triage_pages",
]


@dataclass
class PageOptions:
    ocr: str = "auto"  # auto | always | never
    ocr_lang: str = "swe"
    page_timeout: float = 120.0
    dpi: int | None = None  # None: the resolution each page's text needs


@dataclass
class PageWork:
    number: int  # 1-based
    raw_text: str  # the chosen text, before normalization
    method: str  # "text" | "ocr" | "none"
    decision: dict[str, Any] = field(default_factory=dict)
    needs_ocr: bool = False
    error: str | None = None
    # OCR'd pages: the words' boxes (extractors/ocr/word_boxes.py).
    words: list[int] | None = None
    # ... and Tesseract's confidence in each of those words (0-100).
    word_confidences: list[int] | None = None
    # Text-layer pages: where the text runs stand (extractors/layout/runs.py ``pack``).
    layout: dict[str, Any] | None = None


def triage_pages(pdf_path: str, options: PageOptions) -> list[PageWork]:
    works = []
    for page in read_text_layer(pdf_path):
        quality = assess(page.text)
        verdict = triage(options.ocr, quality, page.chars, page.image_coverage)
        method = "text" if page.chars else "none"
        works.append(
            PageWork(
                number=page.number,
                raw_text=page.text,
                method=method,
                decision=as_record(
                    reason=verdict.reason,
                    text_quality=quality.score,
                    text_quality_detail=quality.to_dict(),
                    image_coverage=round(page.image_coverage, 3),
                ),
                needs_ocr=verdict.needs_ocr,
                layout=page.layout,
            )
        )
    return works


def ocr_page(pdf_path: str, work: PageWork, options: PageOptions) -> PageWork:
    """Never raises: a failed or timed-out page keeps its text layer (often empty) and
    records the error, so the document is still stored."""
    decision = dict(work.decision)
    try:
        result = ocr_pdf_page(
            pdf_path,
            work.number - 1,
            lang=options.ocr_lang,
            dpi=options.dpi,
            timeout=options.page_timeout,
        )
    except Exception as exc:  # one bad page must not cost the document
        message = str(exc).strip() or type(exc).__name__
        if "timeout" in message.lower():
            message = f"OCR exceeded --page-timeout {options.page_timeout:g} s"
        decision["reason"] = f"OCR failed: {message}"
        return PageWork(
            work.number, work.raw_text, work.method, decision, False, f"OCR failed: {message}"
        )
    text_quality = assess(work.raw_text)
    ocr_quality = assess(result.clean_text)
    text_chars = sum(1 for c in work.raw_text if not c.isspace())
    if options.ocr == "always":
        method, reason = "ocr", "OCR forced (--ocr always)"
    else:
        method, reason = choose(text_quality, ocr_quality, text_chars)
    decision.update(
        as_record(
            reason=reason,
            triage_reason=work.decision.get("reason"),
            ocr_quality=ocr_quality.score,
            ocr_confidence=result.mean_confidence,
            ocr_seconds=result.seconds,
            rotation=result.rotation or None,
            notes=result.notes or None,
        )
    )
    if method == "ocr":
        # What OCR read goes into raw_text whole; the junk in it (leaders, stamps,
        # signatures) is named here, and left out of the page text (``without_junk``).
        decision.update(
            as_record(
                paragraph_signs=result.paragraph_signs or None,
                ocr_junk=result.junk.as_record(),
            )
        )
    text = result.text if method == "ocr" else work.raw_text
    words = result.boxes if method == "ocr" else None
    confidences = result.confidences if method == "ocr" and words is not None else None
    layout = None if method == "ocr" else work.layout
    return PageWork(
        work.number,
        text,
        method if text.strip() else "none",
        decision,
        False,
        words=words,
        word_confidences=confidences,
        layout=layout,
    )
