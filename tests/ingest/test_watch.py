"""``diarium watch`` as a real process over a real folder: slow copies, bursts, damaged
files, restarts and signals."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fpdf import FPDF

from tests.support.paths import REPO

DIARIUM = [sys.executable, "-m", "diarium"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SETTLE = "0.8"

pytestmark = pytest.mark.slow


def decision_pdf(path: Path, word: str, pages: int = 1) -> Path:
    """A small born-digital decision holding ``word``, a token no other file holds."""
    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    for n in range(pages):
        pdf.add_page()
        pdf.multi_cell(
            0,
            8,
            f"Kultur- och fritidsnämnden beslutar att bevilja föreningen {word} bidrag "
            f"för år 2024. Sida {n + 1}. Beslutet får överklagas inom tre veckor.",
        )
    pdf.output(str(path))
    return path


def status(home: Path) -> dict:
    out = subprocess.run(
        [*DIARIUM, "status", "--home", str(home), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def log_lines(home: Path) -> list[dict]:
    path = home / "intake" / "log.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def wait_for(check: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


def search_ids(home: Path, query: str) -> list[str]:
    out = subprocess.run(
        [*DIARIUM, "search", "--home", str(home), "--json", query],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    return [h["id"] for h in json.loads(out.stdout)["hits"]] if out.stdout else []


class WatchProcess:
    def __init__(self, home: Path, inbox: Path, *extra: str) -> None:
        self.log = home.parent / f"watch-{time.monotonic_ns()}.out"
        self.out = open(self.log, "w", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                *DIARIUM,
                "watch",
                "--home",
                str(home),
                "--settle",
                SETTLE,
                "--workers",
                "1",
                "--ocr",
                "never",
                *extra,
                str(inbox),
            ],
            cwd=REPO,
            stdout=self.out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        wait_for(lambda: "watching" in self.output())

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=30)
        finally:
            self.out.close()


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, Path, list[WatchProcess]]]:
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    inbox.mkdir()
    started: list[WatchProcess] = []
    yield inbox, home, started
    for w in started:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()


def test_a_pdf_copied_slowly_is_ingested_once_and_complete(watched, tmp_path: Path) -> None:
    inbox, home, started = watched
    source = decision_pdf(tmp_path / "src.pdf", "Långsamkopia", pages=30)
    data = source.read_bytes()
    started.append(w := WatchProcess(home, inbox))
    target = inbox / "sub" / "slow.pdf"
    target.parent.mkdir()
    chunk = len(data) // 8 + 1
    with open(target, "wb") as fh:  # eight chunks over ~2.8 s, longer than the settle time
        for i in range(0, len(data), chunk):
            fh.write(data[i : i + chunk])
            fh.flush()
            time.sleep(0.35)
            if i == 4 * chunk:
                # Half written (no %%EOF yet): queued, whatever the pause, never read.
                wait_for(lambda: str(target) in status(home)["queued"], timeout=20)
    wait_for(lambda: any(r["status"] == "ingested" for r in log_lines(home)))
    time.sleep(2.5)  # time enough for a second, wrong ingest
    records = [r for r in log_lines(home) if r["path"] == str(target)]
    assert [r["status"] for r in records] == ["ingested"], records
    assert records[0]["id"] == hashlib.sha256(data).hexdigest()
    assert records[0]["pages"] == 30
    assert "FAILED" not in w.output()
    assert w.stop() == 0


def test_ten_files_at_once_are_all_found(watched, tmp_path: Path) -> None:
    inbox, home, started = watched
    started.append(w := WatchProcess(home, inbox))
    words = [
        "Algutsrum",
        "Bjärnum",
        "Dalsjöfors",
        "Edsbyn",
        "Fågelmara",
        "Gnosjö",
        "Hovmantorp",
        "Insjön",
        "Järpen",
        "Kvicksund",
    ]
    staging = tmp_path / "staging"
    staging.mkdir()
    for i, word in enumerate(words):
        decision_pdf(staging / f"beslut_{i}.pdf", word)
    for pdf in staging.iterdir():  # a rename is how most scanners and exports deliver
        os.replace(pdf, inbox / pdf.name)
    wait_for(lambda: sum(r["status"] == "ingested" for r in log_lines(home)) == 10)
    for word in words:
        assert len(search_ids(home, word)) == 1, word
    assert w.stop() == 0


def test_a_damaged_file_is_reported_once_until_replaced(watched, tmp_path: Path) -> None:
    inbox, home, started = watched
    started.append(w := WatchProcess(home, inbox, "--give-up", "2"))
    good = decision_pdf(tmp_path / "good.pdf", "Ersättningsfilen", pages=3).read_bytes()
    broken = inbox / "skadad.pdf"
    broken.write_bytes(good[: len(good) // 2])
    wait_for(lambda: any(r["status"] == "failed" for r in log_lines(home)))
    time.sleep(4)  # several settle and give-up periods
    failures = [r for r in log_lines(home) if r["path"] == str(broken)]
    assert [r["status"] for r in failures] == ["failed"]
    assert "skadad.pdf" in w.output() and "FAILED" in w.output()
    st = status(home)
    assert [r["path"] for r in st["failed_today"]] == [str(broken)]
    assert st["waiting_for_change"][0]["path"] == str(broken)
    assert st["watcher"] and "watch" in st["watcher"]
    # Replaced by the complete file: now it is read.
    tmp = inbox / ".skadad.part"
    tmp.write_bytes(good)
    os.replace(tmp, broken)
    wait_for(lambda: log_lines(home)[-1]["status"] == "ingested")
    assert search_ids(home, "Ersättningsfilen") == [hashlib.sha256(good).hexdigest()]
    assert status(home)["waiting_for_change"] == []
    assert w.stop() == 0


def test_restart_catches_up_and_sigterm_exits_cleanly(watched, tmp_path: Path) -> None:
    inbox, home, started = watched
    decision_pdf(inbox / "före.pdf", "Förstafilen")
    started.append(first := WatchProcess(home, inbox))
    wait_for(lambda: len(search_ids(home, "Förstafilen")) == 1)
    # A second watcher on the same home is refused, with the holder named.
    second = subprocess.run(
        [*DIARIUM, "watch", "--home", str(home), str(inbox)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 3 and "only one watcher" in second.stderr
    assert first.stop(signal.SIGTERM) == 0
    assert "stopped" in first.output() and "Traceback" not in first.output()
    assert status(home)["watcher"] is None
    # Files that arrive while nobody watches are taken in at the next start.
    decision_pdf(inbox / "medan.pdf", "Nattleveransen")
    shutil.copy(inbox / "före.pdf", inbox / "kopia.pdf")
    started.append(again := WatchProcess(home, inbox))
    wait_for(lambda: len(search_ids(home, "Nattleveransen")) == 1)
    assert "skipped 2 already known" in again.output() or "skipped 1 already known" in (
        again.output()
    )
    assert again.stop(signal.SIGINT) == 0


def test_a_folder_watched_as_restricted_stores_its_documents_under_secrecy(
    watched, tmp_path: Path
) -> None:
    """The folder rule of access classes: whatever arrives in a folder watched with
    ``--access restricted`` is stored restricted, with its ground."""
    inbox, home, started = watched
    started.append(w := WatchProcess(home, inbox, "--access", "restricted", "--reason", "OSL 26:1"))
    decision_pdf(inbox / "skyddat.pdf", "Skyddsboendet")
    wait_for(lambda: any(r["status"] == "ingested" for r in log_lines(home)))
    (doc_id,) = search_ids(home, "Skyddsboendet")
    shown = subprocess.run(
        [*DIARIUM, "show", "--home", str(home), "--json", doc_id],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(shown.stdout)
    assert (record["access"], record["access_reason"]) == ("restricted", "OSL 26:1")
    assert w.stop() == 0


def test_a_restricted_folder_without_its_ground_is_refused_before_watching(tmp_path: Path) -> None:
    """A folder under secrecy names its legal ground, as ``ingest --access restricted``
    must: without ``--reason`` the watcher does not start."""
    folder = tmp_path / "in"
    folder.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "diarium",
            "watch",
            "--home",
            str(tmp_path / "home"),
            "--access",
            "restricted",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "--reason" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "home" / "corpus").exists()
