"""Fault injection: a home damaged in each way an operator meets, and its repair.

For every kind of damage the test checks what a person is told (the message names the
command that repairs it), the exit code, that `diarium check` finds it, and that the
named repair (`diarium reindex`, the next ingest) gives back a home in which every
document is searchable exactly once. Real tantivy, real corpus files, real PDFs.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from diarium.cli import main
from tests.support.homes import copy_born_digital_samples, copy_of, ingested
from tests.support.paths import SAMPLES


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    for pdf in sorted((corpus_dir / "text").glob("*.pdf")):
        shutil.copy(pdf, folder / pdf.name)
    copy_born_digital_samples(folder)
    return folder


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, inbox: Path) -> Path:
    return ingested(tmp_path_factory, sorted(inbox.glob("*.pdf")), "--ocr", "never")


@pytest.fixture
def home(tmp_path: Path, pristine: Path) -> Path:
    return copy_of(pristine, tmp_path)


def titles(home: Path) -> dict[str, str]:
    """Document id → title, read straight from the corpus files."""
    out = {}
    for path in (home / "corpus").rglob("*.json.gz"):
        data = json.loads(gzip.decompress(path.read_bytes()))
        out[data["id"]] = data["metadata"]["title"]
    return out


def assert_every_document_searchable_once(home: Path, expected: int) -> None:
    check = run("check", "--home", str(home))
    assert check.exit_code == 0, check.output
    assert "all good" in check.output
    stats = json.loads(run("stats", "--home", str(home), "--json").output)
    assert stats["documents"] == expected
    assert stats["index"]["documents"] == expected
    assert stats["not_indexed"] == 0
    for doc_id, title in titles(home).items():
        result = run("search", "--home", str(home), "--json", "--limit", "50", f'"{title}"')
        assert result.exit_code == 0, result.output
        ids = [h["id"] for h in json.loads(result.output)["hits"]]
        assert ids.count(doc_id) == 1, (title, ids)


def segment_file(home: Path, suffix: str) -> Path:
    return max((home / "index").glob(f"*{suffix}"), key=lambda p: p.stat().st_size)


def truncate_segment(home: Path) -> None:
    path = segment_file(home, ".idx")
    path.write_bytes(path.read_bytes()[:10])


def remove_segment(home: Path) -> None:
    segment_file(home, ".store").unlink()


def garbage_meta(home: Path) -> None:
    (home / "index" / "meta.json").write_text("garbage\n")


def flip_bytes(home: Path) -> None:
    path = segment_file(home, ".store")
    data = bytearray(path.read_bytes())
    for i in range(100, len(data) - 100, 97):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


INDEX_DAMAGE: list[tuple[str, Callable[[Path], None]]] = [
    ("truncated segment", truncate_segment),
    ("missing segment", remove_segment),
    ("garbage meta", garbage_meta),
    ("flipped bytes", flip_bytes),
]


@pytest.mark.parametrize(("kind", "damage"), INDEX_DAMAGE, ids=[k for k, _ in INDEX_DAMAGE])
def test_damaged_index_says_reindex_and_reindex_repairs(
    home: Path, kind: str, damage: Callable[[Path], None]
) -> None:
    expected = len(titles(home))
    damage(home)
    # Every reader says the same thing: the index is damaged, the corpus is whole,
    # and `diarium reindex` rebuilds it. Flipped bytes show only where pages are read.
    search = run("search", "--home", str(home), "kommun")
    assert search.exit_code == 4, search.output
    assert "is damaged" in search.output and "diarium reindex" in search.output
    assert "Traceback" not in search.output
    if kind != "flipped bytes":
        for args in (["stats"], ["show", "KS-2022/960.103"]):
            result = run(*args, "--home", str(home))
            assert result.exit_code == 4, (args, result.output)
            assert "diarium reindex" in result.output
    check = run("check", "--home", str(home))
    assert check.exit_code == 1, check.output
    assert "index" in check.output and "run `diarium reindex`" in check.output
    reindex = run("reindex", "--home", str(home))
    assert reindex.exit_code == 0, reindex.output
    assert_every_document_searchable_once(home, expected)


def test_damaged_index_is_rebuilt_by_the_next_ingest_too(home: Path, inbox: Path) -> None:
    """An ingest into a home whose index lost its meta file starts a new index and
    takes every stored document back into it."""
    expected = len(titles(home))
    (home / "index" / "meta.json").unlink()
    result = run("ingest", "--home", str(home), "--ocr", "never", str(inbox))
    assert result.exit_code == 0, result.output
    assert f"Re-indexed {expected} stored document(s)" in result.output
    assert_every_document_searchable_once(home, expected)


def _record(home: Path, title_part: str) -> Path:
    for doc_id, title in titles(home).items():
        if title_part in (title or ""):
            return home / "corpus" / doc_id[:2] / f"{doc_id}.json.gz"
    raise AssertionError(title_part)


RECORD_DAMAGE: list[tuple[str, Callable[[Path], None], str]] = [
    ("truncated", lambda p: p.write_bytes(p.read_bytes()[:40]), "not a complete gzip file"),
    ("not json", lambda p: p.write_bytes(gzip.compress(b"{not json")), "not JSON"),
    ("not gzip", lambda p: p.write_bytes(b"\x00" * 64), "not a complete gzip file"),
    ("not a document", lambda p: p.write_bytes(gzip.compress(b'{"id": 3}')), "not a document"),
]


@pytest.mark.parametrize(
    ("kind", "damage", "reason"), RECORD_DAMAGE, ids=[k for k, _, _ in RECORD_DAMAGE]
)
def test_damaged_corpus_record_is_named_skipped_and_restored_by_ingest(
    home: Path, inbox: Path, kind: str, damage: Callable[[Path], None], reason: str
) -> None:
    expected = len(titles(home))
    record = _record(home, "Lugnvik")
    damage(record)
    # show names the record and what to do.
    shown = run("show", "--home", str(home), record.name[:12])
    assert shown.exit_code == 4, shown.output
    assert str(record) in shown.output and "diarium check" in shown.output
    # reindex goes on past it, names it and counts it.
    reindex = run("reindex", "--home", str(home))
    assert reindex.exit_code == 1, reindex.output
    assert f"Re-indexed {expected - 1} document(s)" in reindex.output
    assert "Skipped 1 damaged corpus record(s)" in reindex.output
    assert f"DAMAGED  {record}: {reason}" in reindex.output
    others = run("search", "--home", str(home), "--json", "samverkansöverenskommelse")
    assert json.loads(others.output)["total"] >= 1
    check = run("check", "--home", str(home))
    assert check.exit_code == 1, check.output
    assert f"record    {record}: {reason}" in check.output
    assert "ingest the original PDF again" in check.output
    # The next ingest of the archive reads that one PDF again and replaces the record.
    ingest = run("ingest", "--home", str(home), "--ocr", "never", "--json", str(inbox))
    assert ingest.exit_code == 0, ingest.output
    summary = json.loads(ingest.output)
    assert summary["ingested"] == 1 and summary["damaged_records"]
    assert_every_document_searchable_once(home, expected)


@pytest.mark.parametrize("garbage", ["{not json", "[1, 2]", "\x00\xff"])
def test_garbage_state_is_reported_and_reindex_rewrites_it(home: Path, garbage: str) -> None:
    expected = len(titles(home))
    (home / "state.json").write_text(garbage, encoding="latin-1")
    for args in (["stats"], ["ingest", str(SAMPLES / "tjansteutlatande_simhall.pdf")]):
        result = run(*args, "--home", str(home))
        assert result.exit_code == 4, (args, result.output)
        assert "state.json" in result.output and "diarium reindex" in result.output
    # Searching needs nothing from the state file beyond the engine, which the index
    # itself records: it keeps working.
    assert run("search", "--home", str(home), "kommun").exit_code == 0
    check = run("check", "--home", str(home))
    assert check.exit_code == 1 and "state" in check.output
    assert run("reindex", "--home", str(home)).exit_code == 0
    assert json.loads((home / "state.json").read_text())["engine"] == "tantivy"
    assert_every_document_searchable_once(home, expected)


def test_leftovers_of_a_killed_run_are_cleared_by_the_next_ingest(home: Path, inbox: Path) -> None:
    expected = len(titles(home))
    sub = next(p for p in (home / "corpus").iterdir() if p.is_dir())
    half_written = sub / ".0123456789ab.xyz.tmp"
    half_written.write_bytes(b"\x1f\x8b half")
    scratch = home / "tmp" / "run-999999"
    scratch.mkdir(parents=True)
    (scratch / "diarium-page-x.pgm").write_bytes(b"P5 1 1 255\n\x00")
    check = run("check", "--home", str(home))
    assert check.exit_code == 0, check.output  # harmless, but listed
    assert "leftover" in check.output
    assert run("ingest", "--home", str(home), "--ocr", "never", str(inbox)).exit_code == 0
    assert not half_written.exists() and not scratch.exists()
    assert_every_document_searchable_once(home, expected)


def test_search_during_reindex_never_fails_on_the_swap(home: Path) -> None:
    """Readers in another process search over and over while the index is rebuilt and
    swapped in ten times; every search answers."""
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from click.testing import CliRunner\n"
            "from diarium.cli import main\n"
            "bad = n = 0\n"
            "end = time.time() + float(sys.argv[2])\n"
            "while time.time() < end:\n"
            "    r = CliRunner().invoke(main, ['search', '--home', sys.argv[1], 'kommun'])\n"
            "    n += 1\n"
            "    if r.exit_code != 0:\n"
            "        bad += 1; print(r.output)\n"
            "print('searches', n, 'failed', bad)\n",
            str(home),
            "12",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    for _ in range(10):
        assert run("reindex", "--home", str(home)).exit_code == 0
    out, _ = reader.communicate(timeout=120)
    assert out.strip().endswith("failed 0"), out
    assert int(out.split("searches")[1].split()[0]) > 5


def ingest_process(home: Path, inbox: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "diarium", "ingest", "--home", str(home)]
    return subprocess.run(
        [*command, "--ocr", "never", str(inbox)], capture_output=True, text=True, check=False
    )


def _mount_tmpfs(path: Path, size_kb: int) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("size_kb", "filler_kb"),
    # no room for the index commit; the index writer dies mid-batch; a corpus write fails
    [(600, 500), (600, 530), (600, 580)],
)
def test_disk_full_during_ingest_says_so_with_the_summary_and_loses_nothing(
    tmp_path: Path, inbox: Path, pristine: Path, size_kb: int, filler_kb: int
) -> None:
    mount = tmp_path / "small"
    if not _mount_tmpfs(mount, size_kb):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        filler = mount / "filler"
        filler.write_bytes(b"\0" * filler_kb * 1000)
        home = mount / "home"
        # Each ingest in its own process, as an operator runs them: the process that
        # hit the full disk is gone before the next one starts.
        result = ingest_process(home, inbox)
        assert result.returncode == 6, result.stdout + result.stderr
        assert "no space left" in result.stderr
        assert "free some space and run the same command again" in result.stderr
        assert result.stdout.startswith("Ingested ")  # the summary comes first
        assert "Traceback" not in result.stderr
        # With space again, the same command finishes the work: nothing was lost.
        filler.unlink()
        again = ingest_process(home, inbox)
        assert again.returncode == 0, again.stdout + again.stderr
        assert_every_document_searchable_once(home, len(titles(pristine)))
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
