"""Regions of a document: running heads and feet, the cover, the letterhead, the heading.

Each is read from positions and font sizes, the way the eye finds them:

* running lines: the same text at the top or bottom of most pages ("Sammanträdesprotokoll
  2023-05-10  Kommunstyrelsen", "Hörby kommun  Box 1  242 21 Hörby"), page numbers aside;
* a cover: a first page of few lines, some far larger than the document's body text;
* a letterhead: the block at the top left of page one (sender, logo text, address);
* the heading: page one's largest line below the letterhead, where a letter or a
  tjänsteskrivelse puts its subject.
"""

from __future__ import annotations

import re
from collections import Counter

from diarium.extractors.layout.lines import Line

RUNNING_ZONE = 0.12  # share of the page height at the top and the bottom
LETTERHEAD_ZONE = 0.2  # share of page one's height that holds the letterhead
COVER_LINES = 14  # a cover has at most this many lines
COVER_SIZE = 1.35  # ... one of them at least this many times the body size
COVER_WORDS = 60  # ... and few words: a letter's first page has its text under the heading
_DIGITS = re.compile(r"\d+")


def body_size(pages: list[list[Line]]) -> float:
    """The commonest font size of the document's lines: its body text."""
    sizes = Counter(round(line.size) for lines in pages for line in lines)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def running_lines(pages: list[list[Line]], heights: list[float]) -> set[str]:
    """Texts (digits as ``#``) standing in the top or bottom zone of at least half the
    pages, and of two at least: the running heads and feet."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=False):
        keys = {_key(line.text) for line in lines if in_zone(line, height)}
        seen.update(keys)
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, count in seen.items() if count >= need and key.strip("# ()/-")}


def in_zone(line: Line, height: float) -> bool:
    """Whether a line stands in the top or bottom zone where running heads and feet do."""
    return bool(height) and (
        line.bottom < height * RUNNING_ZONE or line.top > height * (1 - RUNNING_ZONE)
    )


def running_of(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    """The running heads and feet among a page's lines."""
    if not running:
        return []
    return [ln for ln in lines if in_zone(ln, height) and _key(ln.text) in running]


def cover(lines: list[Line], body: float, runners: list[Line]) -> list[Line]:
    """Page one's large lines when it is a cover (few lines, one at least
    ``COVER_SIZE`` times the body size), in reading order; else nothing. ``runners`` are
    its running heads and feet."""
    own = [ln for ln in lines if not any(ln is r for r in runners)]
    if not own or len(own) > COVER_LINES or not body:
        return []
    if sum(len(ln.text.split()) for ln in own) > COVER_WORDS:
        return []
    if max(ln.size for ln in own) < body * COVER_SIZE:
        return []
    return [ln for ln in own if ln.size >= body * 1.15]


def letterhead(lines: list[Line], width: float, height: float) -> list[Line]:
    """The lines of page one's top-left block: sender, logo text, address."""
    if not height:
        return []
    return [
        ln
        for ln in lines
        if ln.bottom <= height * LETTERHEAD_ZONE and (not width or ln.x0 < width * 0.45)
    ]


HEADING_ZONE = 0.55  # a subject heading stands in the upper part of page one


def heading(lines: list[Line], body: float, exclude: list[Line], height: float = 0.0) -> list[Line]:
    """Page one's largest line (and the lines of that size right under it) in its upper
    part that is larger than the body text and not part of the letterhead or running
    lines (a signature at the foot is no heading)."""
    candidates = [
        ln
        for ln in lines
        if not any(ln is x for x in exclude) and (not height or ln.top < height * HEADING_ZONE)
    ]
    if not candidates or not body:
        return []
    largest = max(ln.size for ln in candidates)
    if largest < body * 1.1:
        return []
    first = next(n for n, ln in enumerate(candidates) if ln.size == largest)
    out = [candidates[first]]
    for ln in candidates[first + 1 : first + 3]:
        if abs(ln.size - largest) > 0.6 or ln.top - out[-1].bottom > largest * 1.2:
            break
        out.append(ln)
    return out
