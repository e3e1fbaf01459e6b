"""Shared test fixtures: the repo's samples, the in-repository test corpus
(``fixture_corpus.py``, typeset at test time) and ../shared/ test material, which only
the evaluations on real documents need."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.paths import SAMPLES, SHARED, SHARED_ABSENT


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
    from tests.support.fixture_corpus import build

    return build(tmp_path_factory.mktemp("corpus"))
