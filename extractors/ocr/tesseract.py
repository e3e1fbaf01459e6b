"""Reading one PDF page with Tesseract.

The page's picture (``page_image``: the stored scan, or a rendering) is made inside the
worker and handed in memory to this process's engine (``engine_for``: Tesseract in
process, or the command-line fallback). Tesseract's words come back in reading order,
line by line. Pages read with low confidence are checked for rotation (OSD) and read
again upright.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from extractors.ocr.engine import Reading, engine_for
from extractors.ocr.junk import Junk, find_junk, without_junk
from extractors.ocr.page_image import NOTE_KEY, page_image
from extractors.ocr.paragraph_sign import restore_paragraph_signs

# Below this mean word confidence a page may be sideways or upside down: ask OSD.
ROTATION_CHECK_CONFIDENCE = 70.0


@dataclass
class OcrResult:
    text: str
    mean_confidence: float
    rotation: int = 0
    seconds: float = 0.0
    words: int = 0
    notes: list[str] = field(default_factory=list)
    paragraph_signs: int = 0
    junk: Junk = field(default_factory=Junk)

    @property
    def clean_text(self) -> str:
        """The text without the junk (leaders, stamps, signatures): what is indexed."""
        return without_junk(self.text, {"ocr_junk": self.junk.as_record()})


def _text_from_reading(reading: Reading) -> tuple[str, float, int, int, Junk]:
    """The page text with paragraph signs restored, its mean word confidence, its word
    count, the number of signs restored and the junk found in it."""
    signs = restore_paragraph_signs(reading.lines)
    text, junk = find_junk(reading.lines)
    return text, round(reading.mean_confidence, 1), len(reading.confidences), signs, junk


def ocr_pdf_page(
    pdf_path: str, index: int, *, lang: str = "swe", dpi: int = 300, timeout: float = 120.0
) -> OcrResult:
    """OCR page ``index`` (0-based). Raises on failure or timeout; callers record it."""
    started = time.perf_counter()
    deadline = started + timeout
    engine = engine_for(lang)
    image, _source = page_image(pdf_path, index, dpi)
    try:
        reading = engine.read(image, dpi, timeout)
        text, confidence, words, signs, junk = _text_from_reading(reading)
        rotation = 0
        notes: list[str] = [image.info[NOTE_KEY]] if NOTE_KEY in image.info else []
        if confidence < ROTATION_CHECK_CONFIDENCE:
            rotation = engine.orientation(image, max(1.0, deadline - time.perf_counter()))
            if rotation:
                turned = image.rotate(-rotation, expand=True)
                image.close()
                image = turned
                reading = engine.read(image, dpi, max(1.0, deadline - time.perf_counter()))
                text, confidence, words, signs, junk = _text_from_reading(reading)
                notes.append(f"page rotated by {rotation} degrees before OCR")
        seconds = round(time.perf_counter() - started, 2)
        return OcrResult(text, confidence, rotation, seconds, words, notes, signs, junk)
    finally:
        image.close()
