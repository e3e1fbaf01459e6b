"""The picture of a PDF page that Tesseract reads.

A scanned page is nearly always one image covering the page, stored at the scanner's
resolution. When that resolution is the one OCR asks for, decoding the stored image
gives the same pixels as rendering the page, at a fraction of the cost (an A4 page at
300 dpi: about 0.04 s with the check below, against 0.1 s to render; a worker spends
~2 s per page in Tesseract, so this is a few percent of OCR throughput). Any other page
is rendered: several objects, visible text, a rotated or flipped image, another
resolution, or an image whose decoded pixels do not look like the rendered page (a soft
mask or a colour key pdfium's decoding leaves out), which a small rendering reveals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops, ImageStat

from diarium.extractors.ocr.resolution import PROBE_DPI, PagePlan, plan

ImageSource = Literal["scan", "render"]

# The stored image is used as it is when its resolution is within this share of the
# resolution asked for.
RESOLUTION_TOLERANCE = 0.05
# How far (in points) the image may miss the page's edges and still cover it.
EDGE_TOLERANCE = 2.0
# The check: the page rendered this small, against the stored image shrunk to match.
CHECK_SCALE = 1 / 8
# Mean absolute difference (grey levels of 255) above which the two are not one picture.
CHECK_MAX_DIFFERENCE = 12.0
# The largest picture OCR is given: an A0 sheet (841 x 1189 mm, the largest paper a
# registry files) at 300 dpi, and no side longer than twice A0's. A larger page (PDF
# allows 200 x 200 inches in a file of a few hundred bytes) is rendered smaller, at the
# resolution that fits, and the page's decision says so.
MAX_RENDER_PIXELS = 9933 * 14043
MAX_RENDER_SIDE = 2 * 14043
# Where the downscaling is recorded on the image, for the OCR result's notes.
NOTE_KEY = "diarium_note"


def render_scale(width_pt: float, height_pt: float, dpi: int) -> tuple[float, str | None]:
    """The rendering scale for a page (``dpi / 72`` unless the page is too large) and,
    when it had to be lowered, why."""
    scale = dpi / 72
    width_pt, height_pt = max(width_pt, 1.0), max(height_pt, 1.0)
    fit = min(
        scale,
        math.sqrt(MAX_RENDER_PIXELS / (width_pt * height_pt)),
        MAX_RENDER_SIDE / max(width_pt, height_pt),
    )
    if fit >= scale:
        return scale, None
    fit *= 0.999  # the renderer rounds each side up to whole pixels
    return fit, (
        f"page of {width_pt:.0f} x {height_pt:.0f} pt is larger than A0; read at "
        f"{fit * 72:.0f} dpi instead of {dpi} so the picture stays within "
        f"{MAX_RENDER_PIXELS / 1e6:.0f} Mpx"
    )


def page_image(pdf_path: str, index: int, dpi: int) -> tuple[Image.Image, ImageSource]:
    """Page ``index`` (0-based) in greyscale at ``dpi``, and where the pixels came from."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        page = pdf[index]
        try:
            scale, note = render_scale(*page.get_size(), dpi)
            try:
                scan = None if note else _stored_scan(page, dpi)
            except Exception:  # an image pdfium decodes only by rendering: render it
                scan = None
            if scan is not None:
                return scan, "scan"
            image = page.render(scale=scale, grayscale=True).to_pil()
            if note:
                image.info[NOTE_KEY] = note
            return image, "render"
        finally:
            page.close()
    finally:
        pdf.close()


@dataclass
class PagePicture:
    """The picture OCR reads, the resolution it is at, where it came from and the plan
    made from the page's small picture (``resolution.plan``); no picture for a blank page."""

    image: Image.Image | None
    dpi: int
    source: ImageSource
    plan: PagePlan
    notes: list[str] = field(default_factory=list)


def page_picture(
    pdf_path: str, index: int, default_dpi: int = 300, *, crop: bool = True
) -> PagePicture:
    """Page ``index`` (0-based) made once, at the resolution its text needs, its white
    margins cut off: the stored scan taken as it is or shrunk (never enlarged: that adds
    no detail), otherwise one rendering. A blank page gets no picture."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        page = pdf[index]
        try:
            return _picture(page, default_dpi, crop)
        finally:
            page.close()
    finally:
        pdf.close()


def _picture(page: pdfium.PdfPage, default_dpi: int, crop: bool) -> PagePicture:
    width_pt, height_pt = page.get_size()
    try:
        scan, scan_dpi = _stored_scan_any(page)
    except Exception:  # an image pdfium decodes only by rendering: render it
        scan, scan_dpi = None, 0.0
    if scan is not None:
        factor = max(1, round(scan_dpi / PROBE_DPI))
        probe, probe_dpi = scan.reduce(factor), scan_dpi / factor
    else:
        probe = page.render(scale=PROBE_DPI / 72, grayscale=True).to_pil()
        probe_dpi = float(PROBE_DPI)
    made = plan(probe, probe_dpi, default_dpi)
    if made.blank:
        return PagePicture(None, 0, "render", made, ["blank page: no line of ink, not read"])
    notes: list[str] = []
    if scan is not None and scan_dpi <= made.dpi * (1 + RESOLUTION_TOLERANCE):
        image, dpi, source = scan, round(scan_dpi), "scan"
    elif scan is not None:
        size = (round(scan.width * made.dpi / scan_dpi), round(scan.height * made.dpi / scan_dpi))
        image = scan.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
        dpi, source = made.dpi, "scan"
    else:
        scale, note = render_scale(width_pt, height_pt, made.dpi)
        image = page.render(scale=scale, grayscale=True).to_pil()
        dpi, source = round(scale * 72), "render"
        notes += [note] if note else []
    left, top, right, bottom = made.ink_box
    box = (
        int(left * image.width),
        int(top * image.height),
        round(right * image.width),
        round(bottom * image.height),
    )
    if crop and box != (0, 0, image.width, image.height):
        image = image.crop(box)
    return PagePicture(image, dpi, source, made, notes)


def _stored_scan_any(page: pdfium.PdfPage) -> tuple[Image.Image | None, float]:
    """The page's one full-page image in grey and its resolution, whatever it is."""
    if page.get_rotation() % 360:
        return None, 0.0
    image = _the_only_picture(page)
    if image is None or not _covers_page(image, page):
        return None, 0.0
    width_px, _height_px = image.get_px_size()
    left, _bottom, right, _top = page.get_bbox()
    dpi = width_px / ((right - left) / 72)
    stored = image.get_bitmap(render=False).to_pil()
    if stored.mode != "L":
        stored = stored.convert("L")
    return (stored, dpi) if _looks_like_rendering(stored, page) else (None, 0.0)


def _stored_scan(page: pdfium.PdfPage, dpi: int) -> Image.Image | None:
    if page.get_rotation() % 360:
        return None
    image = _the_only_picture(page)
    if image is None or not _covers_page(image, page) or not _at_resolution(image, page, dpi):
        return None
    stored = image.get_bitmap(render=False).to_pil()
    if stored.mode != "L":
        stored = stored.convert("L")
    return stored if _looks_like_rendering(stored, page) else None


def _the_only_picture(page: pdfium.PdfPage) -> pdfium.PdfImage | None:
    """The page's one image, when nothing else on the page is visible."""
    found: pdfium.PdfImage | None = None
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and found is None:
            found = obj  # type: ignore[assignment]
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT and _invisible_text(obj):
            continue  # an earlier OCR layer under the scan
        else:
            return None
    return found


def _invisible_text(obj: pdfium.PdfObject) -> bool:
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
    return bool(mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)


def _covers_page(image: pdfium.PdfImage, page: pdfium.PdfPage) -> bool:
    matrix = image.get_matrix()
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        return False  # rotated, skewed or mirrored: let the renderer place it
    box = page.get_bbox()
    bounds = image.get_bounds()
    return all(abs(a - b) <= EDGE_TOLERANCE for a, b in zip(bounds, box, strict=True))


def _at_resolution(image: pdfium.PdfImage, page: pdfium.PdfPage, dpi: int) -> bool:
    width_px, height_px = image.get_px_size()
    left, bottom, right, top = page.get_bbox()
    for pixels, points in ((width_px, right - left), (height_px, top - bottom)):
        if points <= 0 or abs(pixels / (points / 72) / dpi - 1) > RESOLUTION_TOLERANCE:
            return False
    return True


def _looks_like_rendering(stored: Image.Image, page: pdfium.PdfPage) -> bool:
    small = page.render(scale=CHECK_SCALE, grayscale=True).to_pil().convert("L")
    shrunk = stored.resize(small.size, Image.Resampling.BOX)
    difference = ImageStat.Stat(ImageChops.difference(small, shrunk)).mean[0]
    return difference <= CHECK_MAX_DIFFERENCE
