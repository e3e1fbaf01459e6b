"""Scanned protocol pages made here: Swedish text with § signs rendered at 300 dpi in a
font that has the sign (DejaVu, Debian's fonts-dejavu-core), with a signature block of
dotted leaders, and optionally a hand scribble, a stamp, speckle noise and a slight skew,
wrapped as an image-only PDF (``pdf_builder.image_pdf``) for real Tesseract to read."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.support.paths import DATA
from tests.support.pdf_builder import FULL_PAGE, image_pdf

FONTS = Path("/usr/share/fonts/truetype/dejavu")
A4_300DPI = (2480, 3508)
SIGNATURE_LINE = "Sekreterare ...........................   Ordförande ..........................."
SIGNATURE_NAMES = "Eva Lind                                       Per Holm"


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    path = FONTS / name
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install fonts-dejavu-core (make system)")
    return ImageFont.truetype(str(path), size)


def _scribble(draw: ImageDraw.ImageDraw, x: int, y: int, rng: random.Random) -> None:
    """A hand signature: a looping pen stroke across the leader."""
    points = []
    for step in range(60):
        t = step / 59
        points.append(
            (
                x + 420 * t + 25 * math.sin(t * 19 + rng.random()),
                y + 35 * math.sin(t * 11) + 20 * math.cos(t * 23) + rng.uniform(-4, 4),
            )
        )
    draw.line(points, fill=20, width=5, joint="curve")


def _stamp(page: Image.Image, x: int, y: int) -> None:
    """A received stamp: a framed box of small capitals, tilted as stamps are."""
    stamp = Image.new("L", (560, 220), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((4, 4, 555, 215), outline=60, width=7)
    draw.text((30, 30), "KOMMUNSTYRELSEN", font=font("DejaVuSans-Bold.ttf", 44), fill=60)
    draw.text((30, 120), "Inkom 2024-03-15", font=font("DejaVuSans.ttf", 44), fill=60)
    tilted = stamp.rotate(9, expand=True, fillcolor=255)
    mask = tilted.point(lambda v: 255 if v < 200 else 0)
    page.paste(tilted, (x, y), mask)


def render_page(
    text: str,
    *,
    font_name: str = "DejaVuSerif.ttf",
    size: int = 42,
    signatures: bool = True,
    scribble: bool = False,
    stamp: bool = False,
    noise: float = 0.0,
    skew: float = 0.0,
    seed: int = 1,
) -> Image.Image:
    rng = random.Random(seed)
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    face = font(font_name, size)
    y = 260
    for line in text.splitlines():
        draw.text((260, y), line, font=face, fill=0)
        y += int(size * 1.55)
    if signatures:
        y += 3 * size
        draw.text((260, y), SIGNATURE_LINE, font=face, fill=0)
        if scribble:
            _scribble(draw, 560, y - 10, rng)
            _scribble(draw, 1500, y - 10, rng)
        draw.text((260, y + int(size * 1.6)), SIGNATURE_NAMES, font=face, fill=0)
    if stamp:
        _stamp(page, 1500, 140)
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if noise:
        pixels = page.load()
        width, height = page.size
        for _ in range(int(width * height * noise)):
            px, py = rng.randrange(width), rng.randrange(height)
            pixels[px, py] = 0 if pixels[px, py] > 128 else 255  # type: ignore[index]
    return page


def protocol_pdf(path: Path, text: str, **options: object) -> Path:
    """An image-only PDF of one rendered protocol page."""
    return image_pdf(path, render_page(text, **options), FULL_PAGE)  # type: ignore[arg-type]


def printed_text(text: str, *, signatures: bool = True, **_options: object) -> str:
    """Everything ``render_page`` prints in type, the leader dots left out (scoring strips
    them): the reference an OCR of the page is measured against. The signature block's
    titles and names are printed text a registrar quotes; the scribbles and the stamp
    are not counted."""
    if not signatures:
        return text
    leaders = " ".join(w for w in SIGNATURE_LINE.split() if not w.startswith(".."))
    return f"{text.rstrip()}\n{leaders}\n{' '.join(SIGNATURE_NAMES.split())}\n"


def protocol_text(number: int) -> str:
    return (DATA / f"protocol_page_{number}.txt").read_text(encoding="utf-8")
