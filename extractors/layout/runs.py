"""Text runs: pieces of text with a box and a font size, the atoms of a page's layout.

pypdfium2 groups a text layer's characters into rectangles (``PdfTextPage.get_rect``):
a run of characters on one baseline in one font without a wide gap. Each rectangle's
first character is found by position (``get_index``) and its text is the page text from
there to the next rectangle's first character, so the page's text is read once and no
call is made per character. The font size is the loose box height of that first
character (``get_charbox(loose=True)``: the font's ascent to descent, whatever the
glyph), which is what tells a cover's title from its body text.

OCR'd pages carry word boxes instead (``extractors/ocr/word_boxes.py``); each word is a
run whose size is its box height.

Coordinates are PDF points with the origin at the page's top left (y grows downwards).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium


@dataclass(frozen=True)
class Run:
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font height in points
    text: str
    # Where the run's text stands in the page's raw text (newlines as "\n"), -1 unknown.
    start: int = -1

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def runs_from_textpage(textpage: pdfium.PdfTextPage, page_height: float) -> list[Run]:
    """The text runs of a born-digital page, in the text layer's order."""
    text = textpage.get_text_range()
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    starts: list[int] = []
    for left, bottom, _right, top in rects:
        half = (top - bottom) / 2 + 0.5
        index = textpage.get_index(left + 0.3, bottom + half - 0.5, 1.5, half)
        starts.append(index if isinstance(index, int) and index >= 0 else -1)
    # The page's raw text has "\r\n" as "\n": an index moves back one for each pair before it.
    pairs = [i for i in range(len(text) - 1) if text[i] == "\r" and text[i + 1] == "\n"]
    runs: list[Run] = []
    for n, (left, bottom, right, top) in enumerate(rects):
        start = starts[n]
        if start < 0:
            continue
        end = next((s for s in starts[n + 1 :] if s > start), len(text))
        # Spaces at the ends are kept: they tell "Magnus" + "Gabrielsson" from "månda" + "gen".
        piece = text[start:end].replace("\r", "").split("\n")[0]
        if not piece.strip():
            continue
        box = textpage.get_charbox(start, loose=True)
        size = (box[3] - box[1]) if box else (top - bottom)
        runs.append(
            Run(
                round(left, 1),
                round(page_height - top, 1),
                round(right, 1),
                round(page_height - bottom, 1),
                round(size, 1),
                piece,
                start - bisect_left(pairs, start),
            )
        )
    return runs


def runs_from_words(
    raw_text: str, words: list[int], width: float, height: float, scale: int = 10_000
) -> list[Run]:
    """Runs of an OCR'd page: one per word of ``raw_text`` (split at whitespace), from the
    flat box list of ``extractors/ocr/word_boxes.py`` (ten-thousandths of the page)."""
    tokens = raw_text.split()
    if len(words) != 4 * len(tokens):
        return []  # boxes of another text than this one: no layout rather than a wrong one
    runs = []
    for n, token in enumerate(tokens):
        x0, y0, x1, y1 = words[4 * n : 4 * n + 4]
        top, bottom = y0 * height / scale, y1 * height / scale
        runs.append(Run(x0 * width / scale, top, x1 * width / scale, bottom, bottom - top, token))
    return runs


def pack(runs: list[Run], width: float, height: float) -> dict[str, Any]:
    """The runs as the corpus record keeps them (``Page.layout``): the page size and, per
    run, its box and font size in whole points and where its text stands in the page's
    raw text (the text is not stored twice)."""
    return {
        "width": round(width, 1),
        "height": round(height, 1),
        "runs": [
            [
                round(r.x0),
                round(r.top),
                round(r.x1),
                round(r.bottom),
                round(r.size),
                r.start,
                len(r.text),
            ]
            for r in runs
        ],
    }


def unpack(record: dict[str, Any] | None, raw_text: str) -> tuple[list[Run], float, float]:
    """The runs of a stored page, their texts cut from the page's ``raw_text``."""
    if not record:
        return [], 0.0, 0.0
    runs = []
    for x0, top, x1, bottom, size, start, length in record.get("runs") or []:
        text = raw_text[start : start + length]
        if text.strip():
            runs.append(Run(x0, top, x1, bottom, size, text, start))
    return runs, float(record.get("width") or 0), float(record.get("height") or 0)
