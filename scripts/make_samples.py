"""Build the PDFs in ``samples/`` from the texts in ``scripts/sample_texts/``.

The texts are invented decisions written for diarium's demo and tests (no real case).
Three become born-digital PDFs with a text layer; ``beslut_foreningsbidrag`` also becomes
an image-only "scan" (grey, slightly rotated, speckled, JPEG) so the demo shows OCR.
Run with the dev extras installed: ``python scripts/make_samples.py``.
"""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parents[1] / "samples"
TEXTS = Path(__file__).resolve().parent / "sample_texts"
SCAN_DPI = 200
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)


def text_pdf(
    text: str,
    *,
    invisible: bool = False,
    backgrounds: list[Image.Image] | None = None,
    fonts: tuple[Path, Path] | None = None,
) -> bytes:
    """A born-digital A4 PDF of ``text``; a form feed starts a new page. ``backgrounds``:
    one image per page drawn under the text, and ``invisible`` text (render mode 3):
    together a scan carrying a text layer, as old archive PDFs do. ``fonts``: TrueType
    files (regular, bold) embedded instead of the standard Helvetica."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)  # same bytes on every run, so the ids stay stable
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=20)
    family = "Helvetica"
    if fonts:
        family = "Body"
        pdf.add_font(family, "", str(fonts[0]))
        pdf.add_font(family, "B", str(fonts[1]))
    if invisible:
        pdf.text_mode = TextMode.INVISIBLE
    for number, page in enumerate(text.strip("\n").split("\f")):
        pdf.add_page()
        if backgrounds:
            pdf.image(backgrounds[number], x=0, y=0, w=pdf.w, h=pdf.h)
        lines = page.strip("\n").split("\n")
        for n, line in enumerate(lines):
            if not line.strip():
                pdf.ln(4)
                continue
            heading = n == 0 or (len(line) < 60 and not line.endswith(".") and ":" not in line)
            pdf.set_font(family, "B" if heading else "", 12 if heading else 11)
            pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def page_images(text_layer_pdf: bytes, seed: int, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Each page as a scanner sees it: grey, slightly rotated, speckled, a little blurred."""
    rng = random.Random(seed)
    source = pdfium.PdfDocument(text_layer_pdf)
    pages: list[Image.Image] = []
    for page in source:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.6, 0.6), fillcolor=255, expand=False)
        pixels = image.load()
        width, height = image.size
        for _ in range(width * height // 400):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.randrange(0, 120)
        pages.append(image.filter(ImageFilter.GaussianBlur(0.4)))
    return pages


def scanned_pdf(text_layer_pdf: bytes, seed: int, dpi: int = SCAN_DPI) -> bytes:
    """An image-only PDF of the pages (JPEG at ``dpi``), no text layer."""
    pages = page_images(text_layer_pdf, seed, dpi)
    out = io.BytesIO()
    compressed = []
    for image in pages:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=70)
        compressed.append(Image.open(io.BytesIO(buffer.getvalue())))
    compressed[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=compressed[1:])
    return out.getvalue()


def main() -> None:
    for source in sorted(TEXTS.glob("*.txt")):
        data = text_pdf(source.read_text(encoding="utf-8"))
        if source.stem == "beslut_foreningsbidrag":
            target = HERE / f"{source.stem}_skannad.pdf"
            target.write_bytes(scanned_pdf(data, seed=7))
        else:
            target = HERE / f"{source.stem}.pdf"
            target.write_bytes(data)
        print(f"wrote {target.name} ({target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
