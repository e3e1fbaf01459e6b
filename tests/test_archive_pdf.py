"""Searchable archive copies, checked with tools that are not diarium: poppler's
``pdftotext``/``pdffonts``, pikepdf's raw stream bytes, the page image itself."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from rapidfuzz.distance import Levenshtein

from diarium.cli import main
from diarium.ingest.home import Home
from diarium.web.server import create_app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing"),
]
SCAN = "beslut_foreningsbidrag_skannad.pdf"


def cer(reference: str, got: str) -> float:
    a, b = " ".join(reference.split()), " ".join(got.split())
    return Levenshtein.distance(a, b) / max(1, len(a))


def record(home: Path, doc_id: str) -> dict:
    path = home / "corpus" / doc_id[:2] / f"{doc_id}.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))


def ingest(home: Path, pdf: Path) -> dict:
    result = CliRunner().invoke(
        main, ["ingest", "--home", str(home), "--archive-pdf", "--json", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ingested"] == 1 and not data["files"][0]["page_errors"], data
    return record(home, data["files"][0]["id"])


def page_images(path: Path) -> list[list[bytes]]:
    """Each page's image streams, as stored (still encoded)."""
    with pikepdf.open(path) as pdf:
        return [
            [
                xobj.read_raw_bytes()
                for _name, xobj in sorted(page.Resources.XObject.items())
                if xobj.get("/Subtype") == "/Image"
            ]
            for page in pdf.pages
        ]


def pdftotext(path: Path, page: int, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", *extra, "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> tuple[Path, dict]:
    home = tmp_path_factory.mktemp("home")
    doc = ingest(home, samples_dir / SCAN)
    return home, doc


def test_archive_copy_reads_as_diariums_text(scanned: tuple[Path, dict]) -> None:
    home, doc = scanned
    copy = home / "archive" / doc["id"][:2] / f"{doc['id']}.pdf"
    assert copy.is_file()
    for page in doc["pages"]:
        assert page["method"] == "ocr"
        # -raw: the text in the order it is drawn (each line as diarium read it).
        assert cer(page["text"], pdftotext(copy, page["number"], "-raw")) <= 0.01
        # The corrected text, not Tesseract's raw output, where the two differ.
        if page["text"].split() != page["raw_text"].split():
            assert cer(page["raw_text"], pdftotext(copy, page["number"], "-raw")) > 0


def test_word_boxes_lie_on_the_words(scanned: tuple[Path, dict], samples_dir: Path) -> None:
    home, doc = scanned
    copy = home / "archive" / doc["id"][:2] / f"{doc['id']}.pdf"
    html = pdftotext(copy, 1, "-bbox")
    words = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html
    )
    assert len(words) >= 0.95 * len(doc["pages"][0]["text"].split())
    # The original page as a viewer shows it, at 2 pixels a point.
    original = pdfium.PdfDocument(str(samples_dir / SCAN))
    image = original[0].render(scale=2).to_pil().convert("L")
    inked = 0
    for x0, y0, x1, y1, _text in words:
        crop = image.crop((float(x0) * 2, float(y0) * 2, float(x1) * 2, float(y1) * 2))
        inked += crop.getextrema()[0] < 100  # dark pixels: print under the box
    assert inked >= 0.97 * len(words)
    # Blank paper has no word on it: the right margin strip holds no box.
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    assert all(float(x0) < width * 0.95 for x0, *_ in words)


def test_page_images_are_untouched_and_pdfa_basics_hold(
    scanned: tuple[Path, dict], samples_dir: Path
) -> None:
    home, doc = scanned
    copy = home / "archive" / doc["id"][:2] / f"{doc['id']}.pdf"
    assert page_images(copy) == page_images(samples_dir / SCAN)
    with pikepdf.open(copy) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        assert not pdf.is_encrypted and "/ID" in pdf.trailer
    fonts = subprocess.run(["pdffonts", str(copy)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded


def test_old_ocr_layer_is_replaced(tmp_path: Path, corpus_dir: Path) -> None:
    source = corpus_dir / "badocr/socialnamnd_riktlinjer.pdf"
    doc = ingest(tmp_path / "home", source)
    copy = tmp_path / "copy.pdf"
    result = CliRunner().invoke(
        main, ["export", "--home", str(tmp_path / "home"), doc["id"][:10], "--pdf", str(copy)]
    )
    assert result.exit_code == 0, result.output
    assert "old OCR layer removed" in result.output and "checks passed" in result.output
    old = pdftotext(source, 1, "-raw")
    new = pdftotext(copy, 1, "-raw")
    assert cer(doc["pages"][0]["text"], new) <= 0.01
    assert cer(doc["pages"][0]["text"], old) > 0.05  # the bad layer is gone, not doubled
    assert page_images(copy) == page_images(source)


def test_document_page_links_the_searchable_copy(scanned: tuple[Path, dict]) -> None:
    home, doc = scanned
    with TestClient(create_app(Home(home)), base_url="http://localhost") as client:
        page = client.get(f"/doc/{doc['id']}")
        pdf = client.get(f"/doc/{doc['id']}/searchable.pdf")
    assert "Sökbar PDF" in page.text
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.content == (home / "archive" / doc["id"][:2] / f"{doc['id']}.pdf").read_bytes()
