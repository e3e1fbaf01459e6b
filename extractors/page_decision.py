"""The one place that decides where a page's text comes from.

Phase 1 (``triage``) sees only the text layer and the page's make-up; it keeps a good
text layer, sends image pages without usable text to OCR, and sends scans whose text
layer does not read as Swedish to OCR for comparison. Phase 2 (``choose``) compares
both candidates by the same quality score once OCR has run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diarium.extractors.page_quality import Quality

# A text layer this Swedish is kept even on a scanned page (a good earlier OCR).
GOOD_TEXT = 0.85
# Below this share of image area a page is born-digital: there is nothing to OCR.
SCAN_COVERAGE = 0.5
MIN_CHARS = 20
# OCR must beat the text layer by this margin before we replace it.
OCR_MARGIN = 0.03


@dataclass
class Triage:
    needs_ocr: bool
    reason: str


def triage(mode: str, text_quality: Quality, chars: int, image_coverage: float) -> Triage:
    if mode == "never":
        return Triage(False, "OCR disabled (--ocr never)")
    if mode == "always":
        return Triage(True, "OCR forced (--ocr always)")
    if chars < MIN_CHARS:
        if image_coverage > 0.0:
            return Triage(True, "no text layer on a page with images")
        return Triage(False, "empty page")
    if image_coverage >= SCAN_COVERAGE and text_quality.score < GOOD_TEXT:
        return Triage(True, f"scanned page whose text layer scores {text_quality.score:.2f}")
    if text_quality.score < GOOD_TEXT:
        return Triage(False, "weak text layer but no image to OCR; kept for normalization")
    return Triage(False, f"text layer reads as Swedish ({text_quality.score:.2f})")


def choose(text_quality: Quality, ocr_quality: Quality, text_chars: int) -> tuple[str, str]:
    """(method, reason) once both candidates exist."""
    if text_chars < MIN_CHARS:
        return "ocr", "no usable text layer"
    if ocr_quality.score >= text_quality.score + OCR_MARGIN:
        return "ocr", (
            f"OCR scores {ocr_quality.score:.2f} against the text layer's {text_quality.score:.2f}"
        )
    return "text", (
        f"text layer kept: {text_quality.score:.2f} against OCR {ocr_quality.score:.2f}"
    )


def as_record(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
