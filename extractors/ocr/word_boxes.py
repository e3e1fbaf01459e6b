"""Where each word of an OCR'd page stands, kept compactly in the corpus record.

A searchable archive copy places an invisible text layer over the original page image
at the words' positions (``ingest/archive_pdf.py``); keeping the boxes from the one OCR
run means no second run. The boxes are one flat list of integers, four per word of the
page's ``raw_text`` (split at whitespace, in order): x0, y0, x1, y1 in ten-thousandths
of the upright page's width and height (origin top left), so they hold whatever
resolution the page was read at. About 24 bytes a word in the gzip'd record.
"""

from __future__ import annotations

from diarium.extractors.ocr.words import OcrWord

SCALE = 10_000


def _split_box(word: OcrWord) -> list[tuple[str, tuple[int, int, int, int]]]:
    """A token the paragraph-sign repair rewrote as two words (``KS §``) shares its box,
    split in proportion to the words' lengths."""
    assert word.box is not None
    left, top, right, bottom = word.box
    width, height = right - left, bottom - top
    parts = word.text.split()
    total = sum(len(p) for p in parts) or 1
    out = []
    x = float(left)
    for part in parts:
        w = width * len(part) / total
        out.append((part, (round(x), top, round(x + w), top + height)))
        x += w
    return out


def page_boxes(lines: list[list[OcrWord]], width: int, height: int) -> list[int] | None:
    """The flat box list for the page text made from ``lines`` (None if a word has no
    box or the image size is unknown)."""
    if width <= 0 or height <= 0:
        return None
    flat: list[int] = []
    for line in lines:
        for word in line:
            if word.box is None:
                return None
            for _part, (x0, y0, x1, y1) in _split_box(word):
                flat += [
                    round(x0 * SCALE / width),
                    round(y0 * SCALE / height),
                    round(x1 * SCALE / width),
                    round(y1 * SCALE / height),
                ]
    return flat


def page_confidences(lines: list[list[OcrWord]]) -> list[int]:
    """Tesseract's confidence in each word of the page text made from ``lines``, as
    whole numbers 0-100; the words a token was split into (``KS §``) share its figure."""
    return [
        max(0, min(100, round(word.confidence)))
        for line in lines
        for word in line
        for _part in word.text.split()
    ]


def unrotate(boxes: list[int], rotation: int) -> list[int]:
    """Boxes read on an image turned ``rotation`` degrees clockwise, put back on the page
    as it is stored (what the archive copy's page shows)."""
    rotation %= 360
    if not rotation:
        return boxes
    out: list[int] = []
    for i in range(0, len(boxes), 4):
        x0, y0, x1, y1 = boxes[i : i + 4]
        if rotation == 90:
            out += [y0, SCALE - x1, y1, SCALE - x0]
        elif rotation == 180:
            out += [SCALE - x1, SCALE - y1, SCALE - x0, SCALE - y0]
        else:  # 270
            out += [SCALE - y1, x0, SCALE - y0, x1]
    return out
