"""OCR on real scans: error rate against the typeset reference and the per-page choice.

These run Tesseract for real (about a second a page on one core), so the module ingests
the shared scans once and checks everything on that result.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz.distance import Levenshtein

from diarium.cli import main
from diarium.corpus.store import CorpusStore

pytestmark = pytest.mark.slow
MAX_CER = 0.01


def cer(text: str, reference: str) -> float:
    a, b = (re.sub(r"\s+", " ", t).strip() for t in (text, reference))
    return Levenshtein.distance(a, b) / max(len(b), 1)


@pytest.fixture(scope="module")
def scanned_home(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("ocr-home")
    inputs = [shared_dir / "corpus" / sub for sub in ("scanned", "badocr", "mixed", "badtext")]
    result = CliRunner().invoke(
        main, ["ingest", "--home", str(home), "--workers", "2", "--json", *map(str, inputs)]
    )
    assert result.exit_code == 0, result.output
    return home


def stored(home: Path, folder: str, name: str) -> tuple[list[str], str]:
    store = CorpusStore(home / "corpus")
    for doc in store.documents():
        if doc.source.endswith(f"{folder}/{name}.pdf"):
            return [p.method for p in doc.pages], "\n".join(p.raw_text for p in doc.pages)
    raise AssertionError(f"{folder}/{name} was not stored")


@pytest.mark.parametrize(
    ("folder", "name", "methods"),
    [
        ("scanned", "000_f8badb87c9af703f", ["ocr"] * 5),
        ("scanned", "001_765f4aff51717789", ["ocr"] * 7),
        ("scanned", "003_c08b4645b818a962", ["ocr"] * 5),
        ("badocr", "002_f30bd752dd3ee1b5", ["ocr"] * 10),
        ("mixed", "004_7ff617f099811495", ["text", "text", "ocr", "ocr", "ocr", "ocr"]),
    ],
)
def test_scans_are_read_within_one_percent_cer(
    scanned_home: Path, shared_dir: Path, folder: str, name: str, methods: list[str]
) -> None:
    got_methods, text = stored(scanned_home, folder, name)
    assert got_methods == methods
    reference = (shared_dir / "corpus" / "reference" / f"{name}.txt").read_text(encoding="utf-8")
    assert cer(text, reference) <= MAX_CER


def test_bad_text_layer_without_image_is_kept_for_the_normalizer(scanned_home: Path) -> None:
    methods, _ = stored(scanned_home, "badtext", "002_f30bd752dd3ee1b5")
    assert methods == ["text"] * 10


def test_bad_ocr_layer_alone_would_fail_the_target(shared_dir: Path) -> None:
    """The replaced layer really was bad: the test above is not passing by accident."""
    from diarium.extractors.text_layer import read_text_layer

    layer = "\n".join(
        p.text for p in read_text_layer(shared_dir / "corpus/badocr/002_f30bd752dd3ee1b5.pdf")
    )
    reference = (shared_dir / "corpus/reference/002_f30bd752dd3ee1b5.txt").read_text()
    assert cer(layer, reference) > 0.05


def test_decision_is_recorded_per_page(scanned_home: Path) -> None:
    store = CorpusStore(scanned_home / "corpus")
    for doc in store.documents():
        for page in doc.pages:
            assert page.decision.get("reason"), (doc.filename, page.number)
            if page.method == "ocr":
                assert page.decision["ocr_confidence"] > 80
                assert page.decision["ocr_quality"] > page.decision.get("text_quality", 0)


def test_page_timeout_keeps_the_document_and_reports_the_page(
    tmp_path: Path, corpus_dir: Path
) -> None:
    pdf = tmp_path / "scan.pdf"
    shutil.copy(corpus_dir / "scanned/huddinge_ks_samverkan.pdf", pdf)
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            "--home",
            str(tmp_path / "h"),
            "--workers",
            "2",
            "--page-timeout",
            "1",
            "--json",
            str(pdf),
        ],
    )
    summary = json.loads(result.output)
    assert result.exit_code == 0
    assert summary["ingested"] == 1
    errors = summary["files"][0]["page_errors"]
    assert errors and all("page-timeout" in e for e in errors)


def test_missing_tesseract_stops_before_any_work(tmp_path: Path, corpus_dir: Path) -> None:
    """Neither engine can run: no `tesseract` on PATH (the command-line fallback) and no
    language data where the in-process engine looks (an empty TESSDATA_PREFIX)."""
    from diarium.extractors.ocr.availability import installed_languages

    installed_languages.cache_clear()
    empty = tmp_path / "tessdata"
    empty.mkdir()
    env = {"PATH": str(tmp_path), "TESSDATA_PREFIX": str(empty)}
    try:
        result = CliRunner(env=env).invoke(
            main, ["ingest", "--home", str(tmp_path / "h"), str(corpus_dir / "text")]
        )
    finally:
        installed_languages.cache_clear()
    assert result.exit_code == 5
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in result.output
    assert not (tmp_path / "h" / "corpus").exists() or not any(
        (tmp_path / "h" / "corpus").iterdir()
    )


def test_scanned_sample_is_searchable(tmp_path: Path, samples_dir: Path) -> None:
    home = tmp_path / "h"
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), str(samples_dir)])
    assert result.exit_code == 0, result.output
    out = CliRunner().invoke(main, ["search", "--home", str(home), "--json", "föreningsbidrag"])
    hits = json.loads(out.output)["hits"]
    assert [h["filename"] for h in hits] == ["beslut_foreningsbidrag_skannad.pdf"]


def test_an_upside_down_scan_is_read_upright(tmp_path: Path, corpus_dir: Path) -> None:
    """The same scan stored upright and upside down: Tesseract's orientation check turns
    the second before reading, and both read alike."""
    from pdf_builder import FULL_PAGE, image_pdf, scan_page

    from diarium.extractors.ocr import ocr_pdf_page

    page = scan_page(corpus_dir)
    upright = image_pdf(tmp_path / "upright.pdf", page, FULL_PAGE)
    flipped = image_pdf(tmp_path / "flipped.pdf", page.rotate(180), FULL_PAGE)
    straight, turned = (ocr_pdf_page(str(pdf), 0) for pdf in (upright, flipped))
    assert straight.rotation == 0 and turned.rotation == 180
    assert straight.words > 200
    assert cer(turned.text, straight.text) <= MAX_CER
