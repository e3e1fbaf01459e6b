"""Tesseract in process: one engine per process, pictures in memory, each page read at
the resolution its text needs, blank pages not read, and misread paragraph signs looked
at again by the model that has the sign. Real Tesseract, real scans and rendered pages."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from diarium.extractors.ocr.availability import binding_available, describe_engine
from diarium.extractors.ocr.engine import InProcessEngine, engine_for
from diarium.extractors.ocr.resolution import plan
from tests.support.pdf_builder import FULL_PAGE, image_pdf
from tests.support.protocol_pages import protocol_text, render_page

DEV_SCAN = "dev/scans/pdf/lantmateriet_forrattning-stadgar_1983-08-17.pdf"
DEV_REF = "dev/scans/ref/lantmateriet_forrattning-stadgar_1983-08-17_p1.txt"

needs_binding = pytest.mark.skipif(not binding_available(), reason="tesserocr not installed")


@needs_binding
def test_one_engine_per_process_and_language() -> None:
    first = engine_for("swe")
    assert isinstance(first, InProcessEngine)
    assert engine_for("swe") is first
    assert "in process" in describe_engine()


@needs_binding
def test_a_page_is_read_without_any_file(tmp_path: Path) -> None:
    """The temporary directory stays empty while a scanned page is read."""
    from diarium.extractors.ocr import ocr_pdf_page

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    page = render_page(protocol_text(1), signatures=False)
    pdf = image_pdf(tmp_path / "page.pdf", page, FULL_PAGE)
    previous = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        result = ocr_pdf_page(str(pdf), 0)
    finally:
        tempfile.tempdir = previous
    assert "Dnr" in result.text and result.words > 50
    assert not list(scratch.iterdir())


def test_small_print_is_read_finer_than_large_print() -> None:
    text = protocol_text(1)
    small = plan(render_page(text, size=26, signatures=False).reduce(3), 100, 300)
    large = plan(render_page(text, size=64, signatures=False).reduce(3), 100, 300)
    assert not small.blank and not large.blank
    assert small.line_pt is not None and large.line_pt is not None
    assert small.line_pt < large.line_pt
    assert small.dpi > large.dpi
    assert 150 <= large.dpi < 300 < small.dpi <= 400


def test_a_blank_page_is_not_read(tmp_path: Path) -> None:
    """A white page with a few specks of scanner dust: no OCR, and the page says why."""
    from diarium.extractors.ocr import ocr_pdf_page

    page = Image.new("L", (2480, 3508), 250)
    for x, y in ((400, 600), (1800, 2900), (1200, 1500)):
        page.paste(30, (x, y, x + 3, y + 3))
    pdf = image_pdf(tmp_path / "blank.pdf", page, FULL_PAGE)
    result = ocr_pdf_page(str(pdf), 0)
    assert result.text == "" and result.words == 0
    assert any("blank page" in note for note in result.notes)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@needs_binding
@pytest.mark.slow
def test_paragraph_signs_of_a_real_1983_scan(shared_dir: Path) -> None:
    """The swe model prints none of the 8 signs of this typewritten form as `§`
    (README of dev/scans); re-reading the candidates restores nearly all, and no
    number that is not a paragraph gains a sign."""
    from diarium.extractors.ocr import ocr_pdf_page

    result = ocr_pdf_page(str(shared_dir / DEV_SCAN), 0)
    reference = _normalised((shared_dir / DEV_REF).read_text(encoding="utf-8"))
    headings = re.findall(r"§ \d+", reference)
    found = re.findall(r"§ \d+", _normalised(result.clean_text))
    assert len(headings) == 8
    assert len(set(found) & set(headings)) >= 6, found
    assert set(found) <= set(headings), found


def test_the_command_line_fallback_reads_alike_and_cleans_up(tmp_path: Path) -> None:
    """Without the binding, `tesseract` runs per page on a PGM in the scratch folder,
    which is empty again afterwards; both engines read the same words."""
    from diarium.extractors.ocr.engine import CommandLineEngine

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    page = render_page(protocol_text(1), signatures=False).reduce(2)
    previous = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        command_line = CommandLineEngine("swe").read(page, 150, 120.0)
    finally:
        tempfile.tempdir = previous
    assert not list(scratch.iterdir())
    words = [w.text for line in command_line.lines for w in line]
    assert "Dnr" in words and len(words) > 50
    if binding_available():
        in_process = [
            w.text for line in engine_for("swe").read(page, 150, 120.0).lines for w in line
        ]
        same = sum(a == b for a, b in zip(words, in_process, strict=False))
        assert same >= 0.9 * len(words)
