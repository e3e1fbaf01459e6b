"""Which picture of a page OCR reads: the stored scan, or a rendering of the page.

The stored scan is only a shortcut; whichever is taken, the pixels must be those of the
page as a PDF viewer shows it. The hand-built PDFs below store a real scan in ways a
shortcut could get wrong (inverted by a decode array, hidden by a soft mask, turned by
the placement matrix).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pdf_builder import A4, FULL_PAGE, image_pdf, scan_page
from PIL import Image, ImageChops, ImageStat

from diarium.extractors.ocr.page_image import page_image


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute grey-level difference, on a common small size."""
    size = (a.width // 8, a.height // 8)
    small = [im.resize(size, Image.Resampling.BOX) for im in (a, b)]
    return ImageStat.Stat(ImageChops.difference(*small)).mean[0]


def test_a_scan_at_the_ocr_resolution_is_taken_as_stored(corpus_dir: Path) -> None:
    pdf = corpus_dir / "scanned/sodertorn_verksamhetsplan.pdf"
    image, source = page_image(str(pdf), 0, 300)
    assert source == "scan"
    rendered = pdfium.PdfDocument(pdf)[0].render(scale=300 / 72, grayscale=True).to_pil()
    assert abs(image.width - rendered.width) <= 1
    assert abs(image.height - rendered.height) <= 1
    assert difference(image, rendered.resize(image.size)) < 2.0


@pytest.mark.parametrize("dpi", [200, 400])
def test_a_scan_at_another_resolution_is_rendered_at_the_one_asked_for(
    corpus_dir: Path, dpi: int
) -> None:
    pdf = corpus_dir / "scanned/sodertorn_verksamhetsplan.pdf"
    image, source = page_image(str(pdf), 0, dpi)
    assert source == "render"
    assert abs(image.width - round(A4[0] / 72 * dpi)) <= 1


def test_a_text_page_is_rendered(corpus_dir: Path) -> None:
    image, source = page_image(str(corpus_dir / "text/sodertorn_verksamhetsplan.pdf"), 0, 300)
    assert source == "render"
    assert image.mode == "L" and image.width > 2400


def test_an_earlier_invisible_ocr_layer_does_not_stop_the_shortcut(corpus_dir: Path) -> None:
    _, source = page_image(str(corpus_dir / "badocr/socialnamnd_riktlinjer.pdf"), 0, 300)
    assert source == "scan"


def test_a_scan_stored_inverted_comes_out_the_right_way_round(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """A negative with a decode array that turns it back: what a viewer shows is the page."""
    page = scan_page(corpus_dir)
    negative = ImageChops.invert(page)
    pdf = image_pdf(tmp_path / "neg.pdf", negative, FULL_PAGE, decode="/Decode [1 0]")
    image, _ = page_image(str(pdf), 0, 300)
    assert difference(image.resize(page.size), page) < 2.0


def test_a_scan_hidden_by_its_soft_mask_is_rendered_as_seen(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """The stored pixels are the scan, but a see-through mask leaves the page blank."""
    page = scan_page(corpus_dir)
    see_through = Image.new("L", (8, 8), 0)
    pdf = image_pdf(tmp_path / "masked.pdf", page, FULL_PAGE, soft_mask=see_through)
    image, source = page_image(str(pdf), 0, 300)
    assert source == "render"
    assert ImageStat.Stat(image).extrema[0][0] > 240  # nothing of the scan shows


def test_a_scan_turned_by_its_placement_is_rendered_upright(
    tmp_path: Path, corpus_dir: Path
) -> None:
    page = scan_page(corpus_dir)
    stored_sideways = page.transpose(Image.Transpose.ROTATE_90)
    # Drawn turned back by a quarter: the page looks upright in any viewer.
    pdf = image_pdf(tmp_path / "turned.pdf", stored_sideways, (0, -A4[1], A4[0], 0, 0, A4[1]))
    image, source = page_image(str(pdf), 0, 300)
    assert source == "render"
    assert image.width < image.height
    assert difference(image.resize(page.size), page) < 2.0
