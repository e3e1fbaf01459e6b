"""Dotted leaders taken off the page picture before Tesseract reads it.

Forms and protocols are full of dotted leaders: the lines a typewriter filled in
(`Föreningens firma är ....Stenålderns....`), the signature lines (`Ordförande
..........`), the dotted rules of a table of contents. Tesseract's layout analysis takes
a row of dots with typed words on it for a picture, or for noise, and leaves the words on
it unread: on the 1983 form of ../shared/dev/scans every typed fill-in on a leader was
lost. The dots say nothing a reader needs (the reference transcriptions leave them out),
so they are erased from the picture Tesseract reads; the stored page keeps them.

A dot is a small blob of ink (at most about 1.6 pt across, a typewriter's full stop);
a leader is a row of at least ``MIN_DOTS`` such blobs on one baseline, each close to the
next. The dots over `i`, `ä` and `ö` and the full stops of running text never make such a
row, and what touches a letter is part of the letter's blob and stays.
"""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image
from scipy import ndimage

# Darker than this (of 255) is ink.
INK = 160
# A dot is at most this many points across (a typewriter's full stop is about 1 pt).
DOT_PT = 1.6
# A leader: at least this many dots on one baseline, each at most this many dot sizes
# from the next.
MIN_DOTS = 8
MAX_GAP_DOTS = 7.0
# Of the gaps between a leader's dots, at least this share is within 0.6-1.6 times
# their median; fewer than this share of its dots have ink right under them.
REGULAR = 0.8
RESTING = 0.3


def _rows(dots: list[tuple[float, float, int]], tolerance: float) -> list[list[int]]:
    """Dots (centre y, centre x, label) grouped by baseline, each group left to right."""
    rows: list[list[tuple[float, float, int]]] = []
    for dot in sorted(dots):
        if rows and dot[0] - rows[-1][-1][0] <= tolerance:
            rows[-1].append(dot)
        else:
            rows.append([dot])
    return [[label for _y, _x, label in sorted(row, key=lambda d: d[1])] for row in rows]


def _is_leader(
    run: list[int], centres: dict[int, tuple[float, float]], ink: np.ndarray, dot: float
) -> bool:
    """Enough dots, evenly spaced (speckle noise is not), and most with nothing right
    under them (the dots of `ä` and `ö` sit on their letters; typed words sit on top of
    a leader, not under it)."""
    if len(run) < MIN_DOTS:
        return False
    xs = [centres[label][1] for label in run]
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    middle = float(np.median(gaps))
    even = sum(1 for g in gaps if 0.6 * middle <= g <= 1.6 * middle)
    if even < REGULAR * len(gaps):
        return False
    reach = round(dot) + 1
    resting = 0
    for label in run:
        cy, cx = centres[label]
        below = ink[int(cy + dot / 2) + 1 : int(cy + dot / 2) + 1 + reach, int(cx)]
        resting += bool(below.any())
    return resting < RESTING * len(run)


def erase_leaders(image: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    """The picture with its dotted leaders whitened, and how many dots went (the same
    picture, untouched, when it has none)."""
    pixels = np.asarray(image.convert("L") if image.mode != "L" else image)
    ink = pixels < INK
    labels, count = ndimage.label(ink)
    if not count:
        return image, 0
    dot = max(2.0, dpi / 72 * DOT_PT)
    centres: dict[int, tuple[float, float]] = {}
    dots: list[tuple[float, float, int]] = []
    for label, found in enumerate(ndimage.find_objects(labels), start=1):
        if found is None:
            continue
        ys, xs = found
        height, width = ys.stop - ys.start, xs.stop - xs.start
        if height <= dot and width <= dot and height * width >= 2:
            cy, cx = (ys.start + ys.stop) / 2, (xs.start + xs.stop) / 2
            centres[label] = (cy, cx)
            dots.append((cy, cx, label))
    erase: list[int] = []
    for row in _rows(dots, tolerance=dot / 2):
        run = [row[0]]
        for label in [*row[1:], 0]:
            if label and centres[label][1] - centres[run[-1]][1] <= MAX_GAP_DOTS * dot:
                run.append(label)
                continue
            if _is_leader(run, centres, ink, dot):
                erase += run
            run = [label]
    if not erase:
        return image, 0
    gone = np.zeros(count + 1, dtype=bool)
    gone[erase] = True
    cleaned = pixels.copy()
    cleaned[gone[labels]] = 255
    return Image.fromarray(cleaned, mode="L"), len(erase)
