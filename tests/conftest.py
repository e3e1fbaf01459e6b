"""Shared test fixtures: the repo's samples, the in-repository test corpus
(``fixture_corpus.py``, typeset at test time) and ../shared/ test material, which only
the evaluations on real documents need."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"
SHARED_ABSENT = "../shared/ test material is not present"
# Swedish texts held in the repository: the test corpus's and the samples' (invented).
IN_REPO_TEXTS = sorted(
    [
        *(REPO / "tests/data/fixture_texts").glob("*.txt"),
        *(REPO / "scripts/sample_texts").glob("*.txt"),
    ]
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(SHARED_ABSENT)
    return SHARED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read ../shared/ carry the ``shared`` mark, so ``-m "not shared"`` runs
    what a clone of the repository alone can run."""
    for item in items:
        if "shared_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many skips were for want of ../shared/, so a contributor's clone can tell
    them from skips for a missing tool."""
    skipped = terminalreporter.stats.get("skipped", [])
    absent = sum(1 for report in skipped if SHARED_ABSENT in str(report.longrepr))
    if absent:
        terminalreporter.write_line(
            f"{absent} test(s) skipped because ../shared/ (the shared evaluation material "
            "beside the repository) is not present"
        )


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The in-repository corpus (text, scanned, mixed, badocr, badtext, reference), laid
    out as ../shared/corpus is and built once per session from tests/data/fixture_texts."""
    from fixture_corpus import build

    return build(tmp_path_factory.mktemp("corpus"))


def ingested(tmp_path_factory: pytest.TempPathFactory, pdfs: Iterable[Path], *options: str) -> Path:
    """A new home holding copies of ``pdfs``, ingested through the CLI with ``options``;
    returns the home."""
    import shutil

    from click.testing import CliRunner

    from diarium.cli import main

    inbox = tmp_path_factory.mktemp("inbox")
    for pdf in pdfs:
        shutil.copy(pdf, inbox / pdf.name)
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), *options, str(inbox)])
    assert result.exit_code == 0, result.output
    return home


def ingest_text_pdfs(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """A new home (default engine) holding the corpus's text PDFs (``corpus_dir``) and
    the samples, ingested through the CLI; returns the home."""
    pdfs = [*sorted((corpus / "text").glob("*.pdf")), *SAMPLES.glob("*.pdf")]
    return ingested(tmp_path_factory, pdfs)


def copy_of(home: Path, tmp_path: Path) -> Path:
    """A copy of a home built once per module, for one test to damage or change."""
    import shutil

    copy = tmp_path / "home"
    shutil.copytree(home, copy)
    return copy
