"""Reading order of a page from Tesseract's own layout analysis.

Tesseract (page segmentation "auto") cuts a page into blocks, says what each block is
(flowing text, heading, caption, vertical text, picture, rule) and reads them one block
after the other, column by column. That order is right for running text and for real
columns, and wrong for two layouts every Swedish archive is full of:

* **side headings**: forms and older protocols put each heading in a narrow left
  column (`§ 5 STYRELSE / säte, sammansättning`) beside the body it labels. Tesseract
  reads the whole heading column first and the bodies after, so every `§` heading is
  parted from its text. Such a page is read row by row instead: each heading right before
  the body lines that start beside it.
* **rotated margin text**: a form's imprint printed up the margin (`Lantmäteriet Bl 0551`)
  or a filing stamp turned sideways is read as vertical text in the middle of the page.
  It goes to the end of the page, marked as junk (kept in the raw text, not indexed).

Each layout is a small named strategy; ``arrange`` tries them in order and the page's
notes say which one applied. The blocks come from the in-process engine; the command-line
fallback gives no block types, so its pages keep Tesseract's order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from diarium.extractors.ocr.words import OcrWord

# Tesseract's block kinds (tesserocr.PT); only these matter here.
VERTICAL_TEXT = 7
# A side heading is at most this many lines, and no wider than this share of the text.
HEADING_LINES = 6
HEADING_WIDTH = 0.4
# The heading column is sparse: its blocks cover at most this share of the height from
# the first heading to the last (a real text column is dense).
HEADING_COVER = 0.5
# At least this many side headings make the layout (one could be a stray caption).
MIN_HEADINGS = 2
ROTATED_REASON = "rotated margin text"

Line = list[OcrWord]
Box = tuple[int, int, int, int]


@dataclass
class Block:
    """One of Tesseract's blocks: its kind (tesserocr.PT), its box, its lines of words,
    and whether its text runs up or down the page."""

    kind: int
    box: Box
    lines: list[Line] = field(default_factory=list)
    rotated: bool = False
    # The page's skew as Tesseract measured it (radians; negative when lines rise to the
    # right): rows are compared after taking it out.
    skew: float = 0.0

    @property
    def words(self) -> list[OcrWord]:
        return [w for line in self.lines for w in line]


@dataclass
class Arranged:
    """Lines in reading order (an empty line between blocks) and what was done."""

    lines: list[Line]
    note: str | None = None


def _line_box(line: Line) -> Box:
    boxes = [w.box for w in line if w.box is not None]
    if not boxes:
        return (0, 0, 0, 0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _joined(blocks: list[Block]) -> list[Line]:
    """Blocks' lines one after the other, an empty line between blocks."""
    out: list[Line] = []
    for block in blocks:
        if out:
            out.append([])
        out.extend(block.lines)
    return out


def _line_height(blocks: list[Block]) -> float:
    heights = [_line_box(line)[3] - _line_box(line)[1] for b in blocks for line in b.lines]
    return float(median(heights)) if heights else 0.0


def rotated_text_last(blocks: list[Block]) -> tuple[list[Block], list[Block], str | None]:
    """Text running up or down the page (a margin imprint, a stamp turned sideways) is
    not part of the page's reading: it goes last, its words marked as junk."""
    rotated = [b for b in blocks if b.rotated or b.kind == VERTICAL_TEXT]
    if not rotated:
        return blocks, [], None
    for block in rotated:
        for word in block.words:
            word.junk = ROTATED_REASON
    kept = [b for b in blocks if b not in rotated]
    return kept, rotated, f"{len(rotated)} block(s) of rotated margin text put last"


def _side_headings(blocks: list[Block]) -> list[Block]:
    """The blocks of a heading column left of the body, when the page has one."""
    if len(blocks) < MIN_HEADINGS + 1:
        return []
    left = min(b.box[0] for b in blocks)
    right = max(b.box[2] for b in blocks)
    width = max(1, right - left)
    short = [
        b
        for b in blocks
        if len(b.lines) <= HEADING_LINES and (b.box[2] - b.box[0]) <= HEADING_WIDTH * width
    ]
    # The column: short blocks starting at the page's left edge of text.
    height = _line_height(blocks) or 1.0
    column = [b for b in short if b.box[0] - left <= 2 * height]
    if len(column) < MIN_HEADINGS:
        return []
    gutter = max(b.box[2] for b in column)
    body = [b for b in blocks if b not in column and b.box[0] > gutter]
    top = min(b.box[1] for b in column)
    bottom = max(b.box[3] for b in column)
    # Bodies beside the headings: text right of the gutter over the headings' rows.
    beside = [b for b in body if b.box[1] < bottom and b.box[3] > top]
    if not beside:
        return []
    body_left = min(b.box[0] for b in beside)
    # Everything in the band left of the bodies, headings or not, must be sparse: a band
    # of running text (the left column of a two-column page) is dense. A block running
    # across into the bodies (a full-width paragraph between the items) is no part of it.
    band = [b for b in blocks if b.box[2] <= body_left and b.box[1] < bottom and b.box[3] > top]
    if any(len(b.lines) > HEADING_LINES for b in band):
        return []
    covered = sum(b.box[3] - b.box[1] for b in band)
    if covered > HEADING_COVER * max(1, bottom - top):
        return []  # a dense column of text, not headings
    return column


def side_headings_by_rows(blocks: list[Block]) -> tuple[list[Line], str] | None:
    """A heading column beside the body (forms, older protocols): each heading comes
    right before the first body line that starts beside it, or below it."""
    headings = _side_headings(blocks)
    if not headings:
        return None
    tolerance = _line_height(blocks) / 2
    slope = math.tan(blocks[0].skew)

    def level(x: int, y: int) -> float:
        """How far down the page a point is, the page's skew taken out."""
        return y - x * slope

    units: list[tuple[float, int, int, list[Line]]] = []
    for k, block in enumerate(blocks):
        if block in headings:
            units.append((level(*block.box[:2]) - tolerance, 0, k, block.lines))
        else:
            for line in block.lines:
                units.append((level(*_line_box(line)[:2]), 1, k, [line]))
    units.sort(key=lambda u: (u[0], u[1]))
    out: list[Line] = []
    previous = -1
    for _top, _kind, k, lines in units:
        if out and k != previous:
            out.append([])
        out.extend(lines)
        previous = k
    return out, f"layout: {len(headings)} side headings, read row by row"


Strategy = Callable[[list[Block]], "tuple[list[Line], str] | None"]
# Tried in order on the page's text blocks; the first that applies decides the order.
STRATEGIES: list[Strategy] = [side_headings_by_rows]


def arrange(blocks: list[Block]) -> Arranged:
    """The page's lines in reading order, and a note when that is not Tesseract's."""
    text, rotated, note = rotated_text_last(blocks)
    notes = [note] if note else []
    lines: list[Line] | None = None
    for strategy in STRATEGIES:
        found = strategy(text)
        if found is not None:
            lines, why = found
            notes.append(why)
            break
    if lines is None:
        lines = _joined(text)
    if rotated:
        lines = [*lines, [], *_joined(rotated)] if lines else _joined(rotated)
    return Arranged(lines, "; ".join(notes) or None)
