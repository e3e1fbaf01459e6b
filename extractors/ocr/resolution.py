"""How finely to read a page: from a small picture of it, the height of its text lines.

Tesseract's line recogniser scales every text line to a fixed height before reading it,
so pixels beyond what the letters need only cost layout analysis and binarisation time.
A small picture of the page (about 100 dpi: a stored scan shrunk, or a cheap rendering)
shows where the ink is. Its rows with ink form runs, one per text line; their median
height is the page's text size. The page is then read at the resolution that gives its
lines ``TARGET_LINE_PIXELS``: lower for large print, higher for small print, within
``MIN_DPI``..``MAX_DPI``. A page whose small picture has no line of ink is blank and is
not read at all; the white margins around the ink are cut off before reading.

Measured on the shared scans (bench/bench_ocr_quality.py --dpi): CER is the same at 150
and 300 dpi for 10-12 pt print; docs/ocr.md has the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

PROBE_DPI = 100
# A text line (ascender to descender) this many pixels high reads as well as at 300 dpi.
TARGET_LINE_PIXELS = 26
MIN_DPI = 150
MAX_DPI = 400
DPI_STEP = 25
# Grey levels this much darker than the page's paper are ink.
INK_CONTRAST = 60
# A row belongs to a text line when this share of its pixels (in a column strip) is ink.
ROW_INK_SHARE = 0.01
# Runs of rows shorter than this (points) are specks or rules; taller, pictures or bars.
MIN_LINE_PT, MAX_LINE_PT = 4.0, 40.0
# Fewer line runs than this on the whole page: blank (a speck or a punched hole).
MIN_LINES = 1
# Vertical strips the page is cut into, so two columns' lines do not merge.
STRIPS = 4
# What is kept around the ink when the margins are cut (points).
MARGIN_PT = 18.0


@dataclass
class PagePlan:
    """What the small picture says: blank or not, the text's line height (points), the
    resolution to read at, and the box of ink (fractions of the page: left, top, right,
    bottom) to read."""

    blank: bool
    line_pt: float | None
    dpi: int
    ink_box: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)


def _ink(probe: Image.Image) -> np.ndarray:
    grey = np.asarray(probe.convert("L"), dtype=np.int16)
    paper = int(np.percentile(grey, 90))
    return grey < paper - INK_CONTRAST


def _line_heights(ink: np.ndarray) -> list[int]:
    heights: list[int] = []
    width = ink.shape[1]
    for k in range(STRIPS):
        strip = ink[:, k * width // STRIPS : (k + 1) * width // STRIPS]
        rows = strip.mean(axis=1) >= ROW_INK_SHARE
        padded = np.concatenate(([False], rows, [False]))
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        heights.extend(int(end - start) for start, end in zip(edges[::2], edges[1::2], strict=True))
    return heights


def _ink_box(ink: np.ndarray, margin_px: int) -> tuple[float, float, float, float]:
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    height, width = ink.shape
    top = max(0, rows[0] - margin_px) / height
    bottom = min(height, rows[-1] + 1 + margin_px) / height
    left = max(0, cols[0] - margin_px) / width
    right = min(width, cols[-1] + 1 + margin_px) / width
    return (left, top, right, bottom)


def plan(probe: Image.Image, probe_dpi: float, default_dpi: int) -> PagePlan:
    """The plan for a page from its small picture at ``probe_dpi``."""
    ink = _ink(probe)
    px_per_pt = probe_dpi / 72
    lines = [h for h in _line_heights(ink) if MIN_LINE_PT <= h / px_per_pt <= MAX_LINE_PT]
    if len(lines) < MIN_LINES:
        return PagePlan(True, None, default_dpi)
    line_pt = float(np.median(lines)) / px_per_pt
    wanted = TARGET_LINE_PIXELS * 72 / line_pt
    dpi = int(min(MAX_DPI, max(MIN_DPI, round(wanted / DPI_STEP) * DPI_STEP)))
    return PagePlan(False, round(line_pt, 1), dpi, _ink_box(ink, int(MARGIN_PT * px_per_pt)))
