"""One word as Tesseract read it: its text (which later steps may rewrite), the
confidence Tesseract gave it (0-100) and, when read in-process, where it stands on the
page picture (left, top, right, bottom in pixels), so a later step can look again;
why the page's reading order already knows it is no text (rotated margin text,
``reading_order``), and, for an unsure word, each letter's alternative readings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OcrWord:
    text: str
    confidence: float
    box: tuple[int, int, int, int] | None = None
    junk: str | None = None
    # For a word Tesseract was unsure of, read in process: each letter's readings with
    # their confidences, best first (``word_choices``).
    choices: list[list[tuple[str, float]]] | None = None
