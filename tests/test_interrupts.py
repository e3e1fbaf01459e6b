"""Stopping an ingest from outside, as an operator does: Ctrl-C, two Ctrl-C, SIGTERM,
kill -9, each sent to a real `diarium ingest` process while Tesseract is reading pages.

OCR runs in process (tesserocr): the workers write no page image anywhere, so TMPDIR
(a fresh empty folder here) stays empty while Tesseract reads and after any stop.
What must hold: one Ctrl-C exits 130 with no traceback, a second ends the process at
once (before the fix two Ctrl-C hung ingest for good); SIGTERM exits 143; no page image
is left in the temporary directory or the home, no worker or Tesseract survives; after
kill -9 the next run clears what is left. And kill -9 at random moments, ten times over,
loses and duplicates nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCAN = "scanned/huddinge_ks_samverkan.pdf"


def start_ingest(
    home: Path, tmpdir: Path, *paths: Path, extra: tuple[str, ...] = ()
) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    command = [sys.executable, "-m", "diarium", "ingest", "--home", str(home), *extra]
    return subprocess.Popen(
        [*command, *map(str, paths)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reading_workers(pid: int) -> set[int]:
    """The processes under ``pid`` that have Tesseract loaded: a worker maps libtesseract
    when it makes its engine, for its first page to OCR."""
    found = set()
    for child in descendants(pid):
        try:
            maps = Path(f"/proc/{child}/maps").read_text()
        except OSError:
            continue
        if "libtesseract" in maps:
            found.add(child)
    return found


def wait_for_ocr(home: Path, process: subprocess.Popen[str], timeout: float = 180) -> None:
    """Until a worker is reading a page with Tesseract (in process: there is no page
    image to wait for, so the sign is Tesseract loaded in a worker; with the
    command-line fallback, a page image in the run's directory)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if reading_workers(process.pid) or list((home / "tmp").glob("run-*/diarium-page-*")):
            time.sleep(1.0)  # Tesseract is reading its first page
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.1)
    raise AssertionError("OCR never started")


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            text = Path(f"/proc/{parent}/task/{parent}/children").read_text()
        except OSError:
            continue
        for child in map(int, text.split()):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def wait_gone(pids: set[int], timeout: float) -> set[int]:
    deadline = time.monotonic() + timeout
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


@pytest.fixture
def setup(tmp_path: Path, corpus_dir: Path) -> tuple[Path, Path, Path]:
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    return tmp_path / "home", tmpdir, corpus_dir / SCAN


@pytest.mark.parametrize(
    ("signals", "exit_code", "within"),
    [
        ([signal.SIGINT], 130, 30.0),
        ([signal.SIGINT, signal.SIGINT], 130, 5.0),
        ([signal.SIGTERM], 143, 30.0),
    ],
    ids=["one Ctrl-C", "two Ctrl-C", "SIGTERM"],
)
def test_stopping_during_ocr_is_clean(
    setup: tuple[Path, Path, Path], signals: list[int], exit_code: int, within: float
) -> None:
    home, tmpdir, scan = setup
    process = start_ingest(home, tmpdir, scan, extra=("--workers", "2"))
    wait_for_ocr(home, process)
    family = descendants(process.pid)
    assert family, "no workers?"
    assert not list(tmpdir.iterdir()), "OCR wrote into TMPDIR"  # in process: no files at all
    started = time.monotonic()
    for sig in signals:
        process.send_signal(sig)
        time.sleep(0.2)
    try:
        out, err = process.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"still running {within} s after {signals}") from None
    assert process.returncode == exit_code, (out, err)
    assert time.monotonic() - started < within
    assert "Traceback" not in err, err
    assert "interrupted" in err
    assert not wait_gone(family, 5), "a worker or Tesseract outlived the run"
    assert not list(tmpdir.iterdir())
    assert not (home / "tmp").exists() or not list((home / "tmp").rglob("*"))


def test_kill_9_during_ocr_leaves_nothing_the_next_run_does_not_clear(
    setup: tuple[Path, Path, Path], corpus_dir: Path
) -> None:
    home, tmpdir, scan = setup
    process = start_ingest(home, tmpdir, scan, extra=("--workers", "2"))
    wait_for_ocr(home, process)
    workers = set(
        map(int, Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split())
    )
    assert not list(tmpdir.iterdir()), "OCR wrote into TMPDIR"
    process.kill()
    process.communicate()
    # Workers die with their parent (PR_SET_PDEATHSIG); page images were never in /tmp.
    assert not wait_gone(workers, 10)
    assert not list(tmpdir.iterdir())
    text_pdf = corpus_dir / "text/huddinge_ks_samverkan.pdf"
    after = start_ingest(home, tmpdir, text_pdf, extra=("--ocr", "never"))
    out, err = after.communicate(timeout=120)
    assert after.returncode == 0, (out, err)
    assert not list((home / "tmp").iterdir())


def pdf_variants(corpus: Path, folder: Path, copies: int) -> list[Path]:
    """The corpus's text PDFs and samples, each in ``copies`` byte-different versions (a
    comment after the end marker, which readers ignore): distinct documents, same text."""
    sources = [*sorted((corpus / "text").glob("*.pdf"))]
    out = []
    for source in sources:
        data = source.read_bytes()
        for n in range(copies):
            target = folder / f"{source.stem}-{n}.pdf"
            target.write_bytes(data + f"\n% copy {n}\n".encode())
            out.append(target)
    return out


def test_kill_9_at_random_moments_loses_and_duplicates_nothing(
    tmp_path: Path, corpus_dir: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = pdf_variants(corpus_dir, inbox, copies=4)
    home = tmp_path / "home"
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    rng = random.Random(18)
    kills = 0
    # How long a whole run takes here, so kills land from start-up to the last commit.
    probe = start_ingest(
        tmp_path / "probe", tmpdir, inbox, extra=("--ocr", "never", "--workers", "2")
    )
    started = time.monotonic()
    probe.communicate(timeout=300)
    full_run = time.monotonic() - started
    for _ in range(12):
        process = start_ingest(home, tmpdir, inbox, extra=("--ocr", "never", "--workers", "2"))
        time.sleep(rng.uniform(0.3, full_run * 0.9))
        if process.poll() is None:
            process.kill()
            kills += 1
        process.communicate()
        time.sleep(0.2)
    assert kills >= 10
    final = start_ingest(home, tmpdir, inbox, extra=("--ocr", "never", "--json"))
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    summary = json.loads(out)
    assert summary["failed"] == 0
    check = subprocess.run(
        [sys.executable, "-m", "diarium", "check", "--home", str(home), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(check.stdout)
    assert report["ok"], report
    assert [f for f in report["findings"] if f["kind"] != "leftover"] == []
    # Byte-different copies of one text are versions: each text indexed once.
    assert report["documents"] == len(files) and report["indexed"] == len(files) // 4
    expected_ids = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    stored = {p.name[: -len(".json.gz")] for p in (home / "corpus").rglob("*.json.gz")}
    assert stored == expected_ids
    assert not list(tmpdir.iterdir())
    shutil.rmtree(tmp_path / "probe", ignore_errors=True)
