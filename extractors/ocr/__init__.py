"""OCR of single PDF pages with Tesseract.

The reading itself (Tesseract, Pillow, pdfium) loads on first use, so a command that only
asks whether OCR is available (`diarium check`) does not pay for it."""

from __future__ import annotations

from typing import Any

from diarium.extractors.ocr.availability import OcrUnavailableError, check_ocr_available

__all__ = ["OcrResult", "OcrUnavailableError", "check_ocr_available", "ocr_pdf_page"]


def __getattr__(name: str) -> Any:
    if name in {"OcrResult", "ocr_pdf_page"}:
        from diarium.extractors.ocr import tesseract

        return getattr(tesseract, name)
    raise AttributeError(name)
