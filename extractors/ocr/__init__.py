"""OCR of single PDF pages with Tesseract."""

from extractors.ocr.availability import OcrUnavailableError, check_ocr_available
from extractors.ocr.tesseract import OcrResult, ocr_pdf_page

__all__ = ["OcrResult", "OcrUnavailableError", "check_ocr_available", "ocr_pdf_page"]
