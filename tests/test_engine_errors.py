"""Engine failures are told as a damaged index, bugs stay bugs.

A damaged index (both engines, real files cut short or overwritten) is reported as
"damaged, run `diarium reindex`" with exit code 4; an error raised by diarium's own
code inside the same guarded block, beside real engine calls, reaches the caller as
the exception it is, never as "index damaged". Over a home made from the samples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, copy_of, ingested

from diarium.cli import main
from diarium.corpus.errors import IndexDamagedError
from diarium.index.base import SearchRequest
from diarium.ingest.home import Home
from diarium.ingest.indexing import guarded, open_home_index

ENGINES = ("tantivy", "whoosh")


@pytest.fixture(scope="module", params=ENGINES)
def pristine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Text layers only: no OCR needed here.
    pdfs = [p for p in SAMPLES.glob("*.pdf") if "skannad" not in p.name]
    home = ingested(tmp_path_factory, pdfs, "--ocr", "never")
    if request.param != "tantivy":
        result = CliRunner().invoke(
            main, ["reindex", "--home", str(home), "--engine", request.param]
        )
        assert result.exit_code == 0, result.output
    return home


@pytest.fixture
def home(tmp_path: Path, pristine: Path) -> Path:
    return copy_of(pristine, tmp_path)


def largest_index_files(home: Path, count: int = 3) -> list[Path]:
    files = [p for p in (home / "index").iterdir() if p.is_file() and not p.name.endswith(".json")]
    files = [p for p in files if not p.name.endswith((".lock", ".toc"))]
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:count]


def cut_short(home: Path) -> None:
    for path in largest_index_files(home):
        path.write_bytes(path.read_bytes()[:12])


def overwritten(home: Path) -> None:
    for path in largest_index_files(home):
        path.write_bytes(b"\x07" * path.stat().st_size)


@pytest.mark.parametrize("damage", [cut_short, overwritten])
def test_a_damaged_index_says_damaged_and_reindex(home: Path, damage) -> None:  # type: ignore[no-untyped-def]
    damage(home)
    result = CliRunner().invoke(main, ["search", "--home", str(home), "detaljplan"])
    assert result.exit_code == 4, result.output
    assert "is damaged" in result.stderr and "diarium reindex" in result.stderr
    assert "Traceback" not in result.output
    repaired = CliRunner().invoke(main, ["reindex", "--home", str(home)])
    assert repaired.exit_code == 0, repaired.output
    found = CliRunner().invoke(main, ["search", "--home", str(home), "detaljplan"])
    assert found.exit_code == 0, found.output


def test_the_damage_is_a_typed_error_with_the_engines_error_as_its_cause(home: Path) -> None:
    cut_short(home)
    with pytest.raises(IndexDamagedError) as raised:
        index = open_home_index(Home(home), create=False)
        with guarded(Home(home)):
            index.search(SearchRequest("detaljplan"))
    assert raised.value.__cause__ is not None


def test_a_key_error_of_our_own_beside_engine_calls_is_a_bug(pristine: Path) -> None:
    """The block holds real engine calls that succeed; the KeyError after them is
    diarium's own and must not be reported as a damaged index."""
    home = Home(pristine)
    index = open_home_index(home, create=False)
    facets: dict[str, dict[str, int]] = {}
    with pytest.raises(KeyError, match="no such facet"), guarded(home):
        facets = index.search(SearchRequest("detaljplan", facets=True)).facets
        assert facets["year"]
        facets["no such facet"]  # the bug under test
    with pytest.raises(ValueError, match="invalid literal"), guarded(home):
        int(index.search(SearchRequest("detaljplan")).hits[0].title or "x")
