"""One word as Tesseract read it: its text (which later steps may rewrite), the
confidence Tesseract gave it (0-100) and where it stands in the image."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OcrWord:
    text: str
    confidence: float
    # left, top, width, height in pixels of the image Tesseract read.
    box: tuple[int, int, int, int] | None = None
