"""Reading one PDF page with Tesseract.

The page's picture (``page_image``: the stored scan, or a rendering) is made inside the
worker and written as an uncompressed PGM: handing pytesseract a PIL image makes it
PNG-encode the noisy scan first, which costs more than a second per page. Tesseract's
word boxes rebuild lines and paragraphs in reading order. Pages read with low confidence
are checked for rotation (OSD) and read again upright.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import pytesseract

from extractors.ocr.junk import Junk, find_junk, without_junk
from extractors.ocr.page_image import NOTE_KEY, page_image
from extractors.ocr.paragraph_sign import restore_paragraph_signs
from extractors.ocr.word_boxes import page_boxes, unrotate
from extractors.ocr.words import OcrWord

# Below this mean word confidence a page may be sideways or upside down: ask OSD.
ROTATION_CHECK_CONFIDENCE = 70.0
# Words Tesseract is this unsure of, made only of punctuation, are speckle noise.
NOISE_CONFIDENCE = 40.0
_PUNCT_ONLY = re.compile(r"^[\W_]+$")


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

    @property
    def clean_text(self) -> str:
        """The text without the junk (leaders, stamps, signatures): what is indexed."""
        return without_junk(self.text, {"ocr_junk": self.junk.as_record()})


def _lines_from_data(data: dict[str, list[Any]]) -> tuple[list[list[OcrWord]], list[float]]:
    """Tesseract's words in reading order, one list per line; an empty list stands for
    the blank line between two of Tesseract's paragraphs."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        conf = float(data["conf"][i])
        if not word or conf < 0:
            continue
        if conf < NOISE_CONFIDENCE and _PUNCT_ONLY.match(word):
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        box = (int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
               int(data["height"][i]))
        lines.setdefault(key, []).append(OcrWord(word, conf, box))
        confidences.append(conf)
    out: list[list[OcrWord]] = []
    previous: tuple[int, int] | None = None
    for (block, par, _line), line_words in lines.items():
        if previous is not None and (block, par) != previous:
            out.append([])  # a blank line between paragraphs
        out.append(line_words)
        previous = (block, par)
    return out, confidences


def _text_from_data(data: dict[str, list[Any]]) -> tuple[str, float, int, int, Junk]:
    """The page text with paragraph signs restored, its mean word confidence, its word
    count, the number of signs restored and the junk found in it."""
    text, mean, count, signs, junk, _boxes = _read_data(data)
    return text, mean, count, signs, junk


def _read_data(
    data: dict[str, list[Any]],
) -> tuple[str, float, int, int, Junk, list[int] | None]:
    """``_text_from_data`` and the words' boxes (``word_boxes.page_boxes``)."""
    lines, confidences = _lines_from_data(data)
    signs = restore_paragraph_signs(lines)
    text, junk = find_junk(lines)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    # Tesseract's level-1 row is the page: the image's size.
    page_rows = [i for i, level in enumerate(data["level"]) if int(level) == 1]
    width = int(data["width"][page_rows[0]]) if page_rows else 0
    height = int(data["height"][page_rows[0]]) if page_rows else 0
    boxes = page_boxes(lines, width, height)
    if boxes is not None and len(boxes) != 4 * len(text.split()):
        boxes = None  # never a box on the wrong word
    return text, round(mean, 1), len(confidences), signs, junk, boxes


def _read(
    image_path: str, lang: str, timeout: float
) -> tuple[str, float, int, int, Junk, list[int] | None]:
    data = pytesseract.image_to_data(
        image_path,
        lang=lang,
        config="--psm 3",
        output_type=pytesseract.Output.DICT,
        timeout=timeout,
    )
    return _read_data(data)


def _orientation(image_path: str, timeout: float) -> int:
    try:
        osd = pytesseract.image_to_osd(
            image_path, output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except pytesseract.TesseractError:
        return 0  # too little text to tell; keep the page as it is
    return int(osd.get("rotate", 0)) % 360


def ocr_pdf_page(
    pdf_path: str, index: int, *, lang: str = "swe", dpi: int = 300, timeout: float = 120.0
) -> OcrResult:
    """OCR page ``index`` (0-based). Raises on failure or timeout; callers record it."""
    started = time.perf_counter()
    deadline = started + timeout
    image, _source = page_image(pdf_path, index, dpi)
    fd, path = tempfile.mkstemp(suffix=".pgm", prefix="diarium-page-")
    os.close(fd)
    try:
        image.save(path)
        text, confidence, words, signs, junk, boxes = _read(path, lang, timeout)
        rotation = 0
        notes: list[str] = [image.info[NOTE_KEY]] if NOTE_KEY in image.info else []
        if confidence < ROTATION_CHECK_CONFIDENCE:
            remaining = max(1.0, deadline - time.perf_counter())
            rotation = _orientation(path, remaining)
            if rotation:
                image.rotate(-rotation, expand=True).save(path)
                remaining = max(1.0, deadline - time.perf_counter())
                text, confidence, words, signs, junk, boxes = _read(path, lang, remaining)
                notes.append(f"page rotated by {rotation} degrees before OCR")
        seconds = round(time.perf_counter() - started, 2)
        if boxes is not None:
            boxes = unrotate(boxes, rotation)
        return OcrResult(text, confidence, rotation, seconds, words, notes, signs, junk, boxes)
    finally:
        image.close()
        os.unlink(path)
