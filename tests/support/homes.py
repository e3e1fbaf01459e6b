"""Homes (corpus and index) built through the CLI for tests, and copies of them for a
test that damages or changes one."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from diarium.cli import main
from tests.support.paths import SAMPLES


def ingested(tmp_path_factory: pytest.TempPathFactory, pdfs: Iterable[Path], *options: str) -> Path:
    """A new home holding copies of ``pdfs``, ingested through the CLI with ``options``;
    returns the home."""
    inbox = tmp_path_factory.mktemp("inbox")
    for pdf in pdfs:
        shutil.copy(pdf, inbox / pdf.name)
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), *options, str(inbox)])
    assert result.exit_code == 0, result.output
    return home


def copy_born_digital_samples(folder: Path) -> None:
    """The samples that have a text layer (all but the scanned one) into ``folder``:
    a home built from them needs no OCR."""
    for pdf in SAMPLES.glob("*.pdf"):
        if "skannad" not in pdf.name:
            shutil.copy(pdf, folder / pdf.name)


def ingest_text_pdfs(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """A new home (default engine) holding the corpus's text PDFs (``corpus_dir``) and
    the samples, ingested through the CLI; returns the home."""
    pdfs = [*sorted((corpus / "text").glob("*.pdf")), *SAMPLES.glob("*.pdf")]
    return ingested(tmp_path_factory, pdfs)


def copy_of(home: Path, tmp_path: Path) -> Path:
    """A copy of a home built once per module, for one test to damage or change."""
    copy = tmp_path / "home"
    shutil.copytree(home, copy)
    return copy
