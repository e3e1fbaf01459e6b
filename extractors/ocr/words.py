"""One word as Tesseract read it: its text (which later steps may rewrite) and the
confidence Tesseract gave it (0-100)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OcrWord:
    text: str
    confidence: float
