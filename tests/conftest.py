"""Shared test fixtures: paths to the repo's samples and to ../shared/ test material."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/ test material is not present")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


def ingest_text_pdfs(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """A new home (default engine) holding the shared text PDFs and the samples,
    ingested through the CLI; returns the home."""
    import shutil

    from click.testing import CliRunner

    from diarium.cli import main

    inbox = tmp_path_factory.mktemp("inbox")
    for pdf in [*sorted((shared / "corpus/text").glob("*.pdf")), *SAMPLES.glob("*.pdf")]:
        shutil.copy(pdf, inbox / pdf.name)
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)])
    assert result.exit_code == 0, result.output
    return home
