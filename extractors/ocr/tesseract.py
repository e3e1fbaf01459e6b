"""Reading one PDF page with Tesseract.

The page's picture (``page_image``: the stored scan, or a rendering) is made inside the
worker and handed in memory to this process's engine (``engine_for``: Tesseract in
process, or the command-line fallback). Tesseract's words come back in reading order,
line by line, in the reading order the page's layout calls for (``reading_order.arrange``:
side headings row by row, rotated margin text last). Pages read with low confidence are
checked for rotation (OSD) and read again upright.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field

from PIL import Image

from diarium.extractors.ocr.engine import SEGMENTATION, Engine, Reading, engine_for
from diarium.extractors.ocr.junk import Junk, find_junk, without_junk
from diarium.extractors.ocr.leaders import erase_leaders
from diarium.extractors.ocr.page_image import NOTE_KEY, PagePicture, page_image, page_picture
from diarium.extractors.ocr.paragraph_sign import Reread, restore_paragraph_signs
from diarium.extractors.ocr.reading_order import arrange
from diarium.extractors.ocr.resolution import PagePlan
from diarium.extractors.ocr.unsure_signs import restore_unsure_signs
from diarium.extractors.ocr.word_boxes import page_boxes, page_confidences, unrotate
from diarium.extractors.ocr.word_choices import Look, mend_unsure_words
from diarium.extractors.ocr.words import OcrWord

# Below this mean word confidence a page may be sideways or upside down: ask OSD.
ROTATION_CHECK_CONFIDENCE = 70.0
# Words Tesseract is this unsure of, made only of punctuation, are speckle noise; they
# are dropped after the paragraph signs are put back (an unsure `$` before a number is
# a sign, not a speck).
NOISE_CONFIDENCE = 40.0
_PUNCT_ONLY = re.compile(r"^[\W_]+$")
# Dotted leaders are erased from the picture before it is read (``leaders``); a switch
# so the benchmark can measure what that wins.
ERASE_LEADERS = os.environ.get("DIARIUM_OCR_LEADERS", "erase") != "keep"
# Unsure unknown words are mended from Tesseract's letter alternatives (``word_choices``);
# DIARIUM_OCR_MEND=off for the benchmark's comparison.
MEND_WORDS = os.environ.get("DIARIUM_OCR_MEND", "on") != "off"


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
    # Four integers per word of ``text`` (extractors/ocr/word_boxes.py), on the page
    # as stored (rotation undone); None when they could not be kept.
    boxes: list[int] | None = None
    # Tesseract's confidence (0-100) in each word of ``text``, in the order of ``boxes``.
    confidences: list[int] | None = None

    @property
    def clean_text(self) -> str:
        """The text without the junk (leaders, stamps, signatures): what is indexed."""
        return without_junk(self.text, {"ocr_junk": self.junk.as_record()})


def _text_from_reading(
    reading: Reading, reread: Reread | None = None
) -> tuple[str, float, int, int, Junk]:
    """The page text with paragraph signs restored, its mean word confidence, its word
    count, the number of signs restored and the junk found in it."""
    return _read_page(reading, reread)[:5]  # type: ignore[return-value]


def _read_page(
    reading: Reading,
    reread: Reread | None = None,
    size: tuple[int, int] = (0, 0),
    look: Look | None = None,
) -> tuple[str, float, int, int, Junk, list[int] | None, list[int] | None]:
    """``_text_from_reading``, the words' boxes on a picture of ``size``
    (``word_boxes.page_boxes``), one quadruple per word of the text, and Tesseract's
    confidence in each of those words."""
    signs = restore_paragraph_signs(reading.lines, reread)
    if reread is not None:
        restore_unsure_signs(reading.lines, reread)
    if MEND_WORDS:
        mend_unsure_words(reading.lines, look)
    lines = [[w for w in line if not _speck(w)] for line in reading.lines]
    lines = [line for k, line in enumerate(lines) if line or not reading.lines[k]]
    confidences = [w.confidence for line in lines for w in line]
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    text, junk = find_junk(lines)
    boxes = page_boxes(lines, *size)
    if boxes is not None and len(boxes) != 4 * len(text.split()):
        boxes = None  # never a box on the wrong word
    sure = page_confidences(lines)
    kept = sure if len(sure) == len(text.split()) else None
    return text, round(mean, 1), len(confidences), signs, junk, boxes, kept


def _speck(word: OcrWord) -> bool:
    return (
        word.confidence < NOISE_CONFIDENCE
        and not word.text.startswith("§")
        and _PUNCT_ONLY.match(word.text) is not None
    )


def _picture(pdf_path: str, index: int, dpi: int | None) -> PagePicture:
    if dpi is None:
        return page_picture(pdf_path, index)
    image, source = page_image(pdf_path, index, dpi)  # a resolution asked for: no plan
    notes = [image.info[NOTE_KEY]] if NOTE_KEY in image.info else []
    return PagePicture(image, dpi, source, PagePlan(False, None, dpi), notes)


# The layouts a page can be read with: "auto" is Tesseract's layout analysis put in the
# order the page calls for (``reading_order.arrange``); "tesseract" keeps Tesseract's own block
# order; the others read the whole page as one column or one block (for comparison).
LAYOUTS = ("auto", "tesseract", *(k for k in SEGMENTATION if k != "auto"))


def _read(
    engine: Engine, image: Image.Image, dpi: int, timeout: float, layout: str
) -> tuple[Reading, str | None]:
    """The page read with ``layout``, and a note when the order is not Tesseract's."""
    reading = engine.read(image, dpi, timeout, "auto" if layout == "tesseract" else layout)
    if layout != "auto" or not reading.blocks:
        return reading, None
    arranged = arrange(reading.blocks)
    reading.lines = arranged.lines
    return reading, arranged.note


def ocr_pdf_page(
    pdf_path: str,
    index: int,
    *,
    lang: str = "swe",
    dpi: int | None = None,
    timeout: float = 120.0,
    layout: str = "auto",
) -> OcrResult:
    """OCR page ``index`` (0-based), at the resolution its text needs unless ``dpi`` is
    given, in the reading order of ``layout`` (one of ``LAYOUTS``). Raises on failure or
    timeout; callers record it."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown OCR layout {layout!r}; one of {', '.join(LAYOUTS)}")
    started = time.perf_counter()
    deadline = started + timeout
    engine = engine_for(lang)
    picture = _picture(pdf_path, index, dpi)
    notes = list(picture.notes)
    if picture.image is None:
        return OcrResult("", 0.0, seconds=round(time.perf_counter() - started, 2), notes=notes)
    image = picture.image
    if picture.plan.line_pt:
        notes.append(f"read at {picture.dpi} dpi for lines of {picture.plan.line_pt:g} pt")
    if ERASE_LEADERS:
        cleaned, dots = erase_leaders(image, picture.dpi)
        if dots:
            image.close()
            image = cleaned
            notes.append(f"{dots} leader dots erased before OCR")
    def read_all(seconds: float) -> tuple:
        """One reading of the page as it now stands, its words re-read where unsure."""
        reading, arranged = _read(engine, image, picture.dpi, seconds, layout)
        page = _read_page(
            reading,
            lambda box: engine.reread_word(image, box),
            image.size,
            lambda box: engine.letter_choices(image, box),
        )
        return (arranged, *page)

    try:
        arranged, text, confidence, words, signs, junk, boxes, sure = read_all(timeout)
        rotation = 0
        if confidence < ROTATION_CHECK_CONFIDENCE:
            rotation = engine.orientation(image, max(1.0, deadline - time.perf_counter()))
            if rotation:
                turned = image.rotate(-rotation, expand=True)
                image.close()
                image = turned
                left = max(1.0, deadline - time.perf_counter())
                arranged, text, confidence, words, signs, junk, boxes, sure = read_all(left)
                notes.append(f"page rotated by {rotation} degrees before OCR")
        if arranged:
            notes.append(arranged)
        seconds = round(time.perf_counter() - started, 2)
        if boxes is not None:
            boxes = unrotate(boxes, rotation)
        return OcrResult(
            text, confidence, rotation, seconds, words, notes, signs, junk, boxes, sure
        )
    finally:
        image.close()
