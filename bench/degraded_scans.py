"""Scans made from the dev texts, damaged as real archive scans are, with the text as
the reference: the OCR evaluation pages nobody tuned to.

Each text in ../shared/dev/texts (real Swedish decisions and protocols, as laid out by
their PDFs: side headings, attendance lists, tables in columns) gives its first page:
the lines printed at 300 dpi where their columns put them (runs of text separated by two
or more spaces keep their column), in a serif or sans face. Each page is then damaged
one way:

* ``clean``: as printed;
* ``skew``: turned 1.2 degrees, as a sheet fed askew;
* ``noise``: speckle (0.3 % of the pixels flipped), as a dusty glass;
* ``photocopy``: grey paper, faded and blurred ink, dark specks along the edges;
* ``low_dpi``: stored at 150 dpi, as many archive scanners were set;
* ``fax``: 100 dpi tall pixels and hard black-and-white, the worst of the lot.

The reference of a page is its printed text, line by line (row order; what a registrar
reading the page aloud says). Usage: ``python bench/degraded_scans.py OUT_DIR`` writes
``<text>_<damage>.pdf`` and ``.txt`` pairs; ``bench/bench_ocr_quality.py --only
degraded`` makes them in a temporary folder and scores them.
"""

from __future__ import annotations

import random
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from tests.support.pdf_builder import FULL_PAGE, image_pdf  # noqa: E402
from tests.support.protocol_pages import A4_300DPI, font  # noqa: E402

TEXTS = HERE.parent / "shared" / "dev" / "texts"
LINES_PER_PAGE = 52
# Widest line kept in its columns; a wider one is printed as wrapped running text.
MAX_COLUMNS = 104
MARGIN = 200
COLUMN_PX = 21  # one character column at 300 dpi
LINE_PX = 58
FACES = ("DejaVuSerif.ttf", "DejaVuSans.ttf")
SIZE = 38
RUN = re.compile(r"\S+(?: \S+)*")


def page_lines(text: str) -> list[str]:
    """The text's first page: its lines as laid out, long ones wrapped."""
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if len(line) > MAX_COLUMNS:
            joined = " ".join(m.group() for m in RUN.finditer(line))
            out += textwrap.wrap(joined, MAX_COLUMNS - 10) or [""]
        else:
            out.append(line)
        if len(out) >= LINES_PER_PAGE:
            break
    while out and not out[-1].strip():
        out.pop()
    return out[:LINES_PER_PAGE]


# Leaders and rules (dots, ellipses, underscores, dashes) are not scored, as in
# ../shared/dev/scans/README.md.
LEADER = re.compile(r"[.…_]{3,}|…+|[-–]{4,}")


def reference(lines: list[str]) -> str:
    """What the page prints, row by row, runs of spaces made one, leaders left out."""
    rows = (" ".join(LEADER.sub(" ", line).split()) for line in lines)
    return "\n".join(rows) + "\n"


def print_page(lines: list[str], face: str) -> Image.Image:
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    typeface = font(face, SIZE)
    y = MARGIN
    for line in lines:
        x_end = 0.0
        for run in RUN.finditer(line):
            x = max(MARGIN + run.start() * COLUMN_PX, x_end + COLUMN_PX)
            draw.text((x, y), run.group(), font=typeface, fill=0)
            x_end = x + draw.textlength(run.group(), font=typeface)
        y += LINE_PX
    return page


def _speckle(page: Image.Image, share: float, rng: random.Random) -> Image.Image:
    pixels = page.load()
    width, height = page.size
    for _ in range(int(width * height * share)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if pixels[x, y] > 128 else 255  # type: ignore[index]
    return page


def clean(page: Image.Image, rng: random.Random) -> Image.Image:
    return page


def skew(page: Image.Image, rng: random.Random) -> Image.Image:
    return page.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255)


def noise(page: Image.Image, rng: random.Random) -> Image.Image:
    return _speckle(page, 0.003, rng)


def photocopy(page: Image.Image, rng: random.Random) -> Image.Image:
    """Grey paper, faded and slightly blurred ink, toner specks near the edges."""
    faded = page.filter(ImageFilter.GaussianBlur(1.3)).point(lambda v: 95 + v * 0.55)
    draw = ImageDraw.Draw(faded)
    width, height = faded.size
    for _ in range(400):
        x = rng.choice([rng.randrange(0, 150), rng.randrange(width - 150, width)])
        y = rng.randrange(height)
        r = rng.randint(1, 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(30, 90))
    return faded


def low_dpi(page: Image.Image, rng: random.Random) -> Image.Image:
    return page.resize((page.width // 2, page.height // 2), Image.Resampling.LANCZOS)


def fax(page: Image.Image, rng: random.Random) -> Image.Image:
    """Normal-mode fax: 200 x 100 dpi, hard black and white, each row doubled back to
    square 200-dpi pixels (what a fax's TIFF becomes in a PDF), with specks."""
    small = page.resize((page.width * 2 // 3, page.height // 3), Image.Resampling.BOX)
    bw = small.point(lambda v: 0 if v < 150 else 255)
    return _speckle(bw.resize((bw.width, bw.height * 2)), 0.001, rng)


DAMAGES: dict[str, Callable[[Image.Image, random.Random], Image.Image]] = {
    "clean": clean,
    "skew": skew,
    "noise": noise,
    "photocopy": photocopy,
    "low_dpi": low_dpi,
    "fax": fax,
}


def degraded_pages(out: Path, damages: list[str] | None = None) -> Iterator[tuple[str, Path, str]]:
    """(name, PDF, reference) for each dev text and damage, written into ``out``."""
    for k, path in enumerate(sorted(TEXTS.glob("*.txt"))):
        lines = page_lines(path.read_text(encoding="utf-8"))
        printed = print_page(lines, FACES[k % len(FACES)])
        for name in damages or list(DAMAGES):
            rng = random.Random(f"{path.stem}-{name}")
            image = DAMAGES[name](printed.copy(), rng)
            pdf = image_pdf(out / f"{path.stem}_{name}.pdf", image, FULL_PAGE)
            yield f"{path.stem}_{name}", pdf, reference(lines)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, _pdf, ref in degraded_pages(out):
        (out / f"{name}.txt").write_text(ref, encoding="utf-8")
        print(name)


if __name__ == "__main__":
    main()
