"""The in-repository test corpus: PDFs typeset at test time from the invented texts in
``tests/data/fixture_texts/`` by the project's own sample builder (scripts/make_samples.py),
in the kinds an archive holds:

- ``text/``     born-digital, a text layer on every page;
- ``scanned/``  image-only scans (grey, skewed, speckled, JPEG) of three of them;
- ``mixed/``    text layer on the first two pages, the rest scanned;
- ``badocr/``   a scan carrying an invisible text layer read by an OCR engine that knew
                no Swedish (å/ä/ö lost, glyph slips), as old archive PDFs do;
- ``badtext/``  a text layer with å/ä/ö lost, with no image behind it;
- ``reference/`` the text typeset into each PDF.

Everything is deterministic (fixed creation dates and seeds), so a document's id is
stable within a run. Tests that evaluate against real documents use ``../shared/``.
"""

from __future__ import annotations

import importlib.util
import io
import random
from functools import cache
from pathlib import Path
from types import ModuleType

from tests.support.ocr_damage import damage
from tests.support.paths import DATA, REPO

TEXTS = DATA / "fixture_texts"

# The documents by role (file stems in TEXTS).
SAMVERKAN = "huddinge_ks_samverkan"  # tjänsteutlåtande KS-2022/960.103, 2 pages
VERKSAMHETSPLAN = "sodertorn_verksamhetsplan"  # 2017, 4 pages
UTVECKLINGSPROGRAM = "sodertorn_utvecklingsprogram"  # 2023, 5 pages
KONFERENS = "planeringskonferens_minnesanteckningar"  # 2022, 3 pages: the mixed one
RIKTLINJER = "socialnamnd_riktlinjer"  # 2021, 2 pages: the bad OCR layer

TEXT_DOCUMENTS = (SAMVERKAN, VERKSAMHETSPLAN, UTVECKLINGSPROGRAM, KONFERENS)
SCANNED_DOCUMENTS = (SAMVERKAN, VERKSAMHETSPLAN, UTVECKLINGSPROGRAM)
TEXT_PAGES_OF_MIXED = 2
# Scans at the resolution OCR reads them at, as an archive's scanner makes them.
SCAN_DPI = 300
# An OCR layer's font is embedded, as OCR tools write it (Debian's fonts-dejavu-core).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
OCR_LAYER_FONTS = (DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf")


@cache
def _builder() -> ModuleType:
    """scripts/make_samples.py, the builder of samples/ (scripts/ is no package)."""
    path = REPO / "scripts" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text_of(stem: str) -> str:
    return (TEXTS / f"{stem}.txt").read_text(encoding="utf-8")


def bad_ocr_text(text: str) -> str:
    """What an engine without Swedish reads from a clean page: å/ä/ö lost, the rest kept
    (the damage of tests/support/ocr_damage.py, letters only, seeded). The badtext/ layer."""
    return damage(text, random.Random(2), letters_only=True)


def old_ocr_text(text: str) -> str:
    """What such an engine read from an old scan: å/ä/ö lost and now and then a glyph
    slip or a lost letter (seeded). The invisible layer of badocr/."""
    return damage(text, random.Random(2))


def _mixed(text_layer: bytes, scanned: bytes, text_pages: int) -> bytes:
    """The first ``text_pages`` pages from the born-digital PDF, the rest from the scan."""
    import pypdfium2 as pdfium

    born, scan = pdfium.PdfDocument(text_layer), pdfium.PdfDocument(scanned)
    out = pdfium.PdfDocument.new()
    out.import_pages(born, list(range(text_pages)))
    out.import_pages(scan, list(range(text_pages, len(scan))))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def build(target: Path) -> Path:
    """Write the corpus into ``target`` (made if missing); returns it."""
    make = _builder()
    kinds = {k: target / k for k in ("text", "scanned", "mixed", "badocr", "badtext", "reference")}
    for folder in kinds.values():
        folder.mkdir(parents=True, exist_ok=True)
    for seed, stem in enumerate(TEXT_DOCUMENTS, start=1):
        text = text_of(stem)
        (kinds["reference"] / f"{stem}.txt").write_text(text, encoding="utf-8")
        born = make.text_pdf(text)
        (kinds["text"] / f"{stem}.pdf").write_bytes(born)
        if stem not in SCANNED_DOCUMENTS and stem != KONFERENS:
            continue
        scanned = make.scanned_pdf(born, seed=seed, dpi=SCAN_DPI)
        if stem in SCANNED_DOCUMENTS:
            (kinds["scanned"] / f"{stem}.pdf").write_bytes(scanned)
        if stem == KONFERENS:
            mixed = _mixed(born, scanned, TEXT_PAGES_OF_MIXED)
            (kinds["mixed"] / f"{stem}.pdf").write_bytes(mixed)
    text = text_of(RIKTLINJER)
    (kinds["reference"] / f"{RIKTLINJER}.txt").write_text(text, encoding="utf-8")
    images = make.page_images(make.text_pdf(text), seed=9, dpi=SCAN_DPI)
    layer = old_ocr_text(text)
    layered = make.text_pdf(layer, invisible=True, backgrounds=images, fonts=OCR_LAYER_FONTS)
    (kinds["badocr"] / f"{RIKTLINJER}.pdf").write_bytes(layered)
    (kinds["badtext"] / f"{RIKTLINJER}.pdf").write_bytes(make.text_pdf(bad_ocr_text(text)))
    return target
