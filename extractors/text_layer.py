"""Reading a PDF's text layer.

pypdfium2 reads the text layer about 40x faster than pdfplumber's layout model with
the same characters, so it is the default; pdfplumber stays for work that needs word
positions (cropping running headers, tables).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium

from diarium.extractors.layout import pack, runs_from_textpage


class PdfReadError(Exception):
    """The bytes are not a PDF we can open (not a PDF, truncated, encrypted)."""


@dataclass
class TextLayerPage:
    number: int  # 1-based
    text: str
    width: float  # points
    height: float
    # Share of the page area covered by images: a page that is mostly picture with
    # little text is a scan, whatever its text layer says.
    image_coverage: float
    chars: int
    # Where the text stands (``extractors/layout``): the packed text runs and page size.
    layout: dict[str, Any] | None = field(default=None)


@contextmanager
def open_pdf(source: str | bytes) -> Iterator[pdfium.PdfDocument]:
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise PdfReadError(_describe_pdfium_error(exc, source)) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _describe_pdfium_error(exc: Exception, source: str | bytes) -> str:
    message = str(exc)
    if "success" in message.lower() and _has_no_pages(source):
        # PDFium refuses a document with an empty page tree but reports "Success".
        return "the PDF has no pages"
    if "password" in message.lower():
        return "the PDF is encrypted (password protected)"
    if "format" in message.lower() or "data format" in message.lower():
        return "not a PDF, or the PDF is damaged or truncated"
    return f"cannot open the PDF ({message})"


def _has_no_pages(source: str | bytes) -> bool:
    """Whether a PDF that PDFium would not open is well formed with an empty page tree
    (read with pdfminer, which opens it)."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with open(source, "rb") if isinstance(source, str) else io.BytesIO(source) as fh:
            document = PDFDocument(PDFParser(fh))
            return next(iter(PDFPage.create_pages(document)), None) is None
    except Exception:  # any failure to read it means "not that case"
        return False


def page_count(source: str | bytes) -> int:
    with open_pdf(source) as pdf:
        return len(pdf)


def _image_coverage(page: pdfium.PdfPage, width: float, height: float) -> float:
    area = width * height or 1.0
    covered = 0.0
    for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return min(1.0, covered / area)


def read_page(pdf: pdfium.PdfDocument, index: int) -> TextLayerPage:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_bounded()
            layout = (
                pack(runs_from_textpage(textpage, height), width, height) if text.strip() else None
            )
        finally:
            textpage.close()
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        coverage = _image_coverage(page, width, height)
    finally:
        page.close()
    return TextLayerPage(
        number=index + 1,
        text=text,
        width=width,
        height=height,
        image_coverage=coverage,
        chars=sum(1 for c in text if not c.isspace()),
        layout=layout,
    )


def read_text_layer(source: str | bytes) -> list[TextLayerPage]:
    """Every page's text layer; raises ``PdfReadError`` for files that are not usable PDFs."""
    with open_pdf(source) as pdf:
        return [read_page(pdf, i) for i in range(len(pdf))]
