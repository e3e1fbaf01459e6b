"""Watching folders and ingesting each new or changed PDF once it is complete.

A registry system's export job or a scanner writes a PDF over seconds or minutes; read
half-way, it is a damaged file stored under the hash of half its bytes. So a file seen
by the watcher waits in a queue until it is *settled*: its size and modification time
unchanged for ``settle`` seconds, and the PDF complete (``%%EOF`` in its last kilobyte
and its trailer and page tree readable by pdfium). A file that stays unreadable that
long after its last change (a truncated upload that will never be finished) is handed
to ingest anyway after ``give_up``, which reports it as damaged.

Files are taken in by the normal ingest (``diarium.ingest.pipeline.ingest``): the same report,
the same skip of known files by SHA-256, the same home write lock (taken per batch, so a
manual ingest or reindex can still run; the watcher waits for it). On start every
watched folder is walked once: what arrived while the watcher was down is queued like a
new file, and the files already in the corpus are skipped by their hash.

A file that failed is remembered with its size and modification time
(``ingest/intake.py``) and not tried again until one of them changes.

The first SIGINT/SIGTERM stops the watcher between files: the file that finishes next
is stored and committed, others in flight are dropped (the next start takes them in);
a second signal ends the process at once.

Why watchfiles: it is small (one compiled wheel over the Rust ``notify`` crate:
inotify on Linux), recursive by default, takes a ``stop_event`` so a signal ends the
wait within its 50 ms step, batches bursts of events (``debounce``), and falls back to
polling (``force_polling``) on network shares where inotify sees nothing: the usual
place of a registry system's export folder. watchdog offers the same with a
thread-and-handler design that would need its own queue and locking here.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from diarium.corpus.errors import HomeLockedError, InterruptedRunError
from diarium.ingest.discover import discover
from diarium.ingest.home import Home
from diarium.ingest.intake import Failures, FileStamp, write_queue
from diarium.ingest.interrupts import SIGNALS, RunStopped
from diarium.ingest.pipeline import CHANGED_WHILE_READ, IngestOptions
from diarium.ingest.pipeline import ingest as run_ingest
from diarium.ingest.report import FileOutcome, IngestSummary

# Seconds between attempts while a manual ingest or reindex holds the home.
LOCKED_RETRY = 5.0
# The tail of a complete PDF holds its last ``%%EOF`` (writers may add a newline or a few
# bytes of padding after it).
EOF_WINDOW = 1024


@dataclass
class WatchOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    # Seconds a file's size and mtime must stay the same before it is read.
    settle: float = 2.0
    # Seconds after its last change a file that never reads as a complete PDF is handed
    # to ingest anyway, which reports it (damaged, truncated).
    give_up: float = 60.0
    # Poll the file system instead of inotify (network shares).
    force_polling: bool = False


@dataclass
class _Waiting:
    stamp: FileStamp
    since: float  # when ``stamp`` was first seen


def pdf_incomplete(path: Path) -> str | None:
    """Why ``path`` is not (yet) a complete PDF, or None when it reads as one."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - EOF_WINDOW))
            tail = fh.read()
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    if b"%%EOF" not in tail:
        return "no %%EOF at its end yet"
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        return f"trailer or page tree not readable ({exc})"
    try:
        return None if len(pdf) > 0 else "no pages"
    finally:
        pdf.close()


def _is_pdf_name(path: Path) -> bool:
    return path.suffix.lower() == ".pdf" and not any(p.startswith(".") for p in path.parts)


class Watcher:
    """The watcher's state between file-system events: files waiting to settle, the
    remembered failures, and whether a signal asked it to stop."""

    def __init__(
        self,
        home: Home,
        folders: list[Path],
        options: WatchOptions,
        report: Callable[[IngestSummary], None],
        say: Callable[[str], None],
    ) -> None:
        self.home = home
        self.folders = [f.absolute() for f in folders]
        self.options = options
        self.report = report
        self.say = say
        self.waiting: dict[Path, _Waiting] = {}
        self.failures = Failures(home)
        self.stop = threading.Event()
        self.stop_signal: int | None = None
        self._queue_written: set[Path] | None = None
        self._locked_until = 0.0

    # -- signals -----------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: object) -> None:
        if self.stop.is_set():
            os._exit(128 + signum)  # a second signal: at once (workers die with us)
        self.stop_signal = signum
        self.stop.set()

    def _stop_between_files(self, _outcome: FileOutcome) -> None:
        """Called by ingest after each settled file: the place to stop cleanly."""
        if self.stop.is_set():
            raise RunStopped(self.stop_signal or signal.SIGTERM)

    # -- the queue ---------------------------------------------------------------

    def notice(self, path: Path) -> None:
        """A file was created or written: (re)start its wait."""
        path = path.absolute()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file():
                    self.notice(child)
            return
        if not _is_pdf_name(path):
            return
        stamp = FileStamp.of(path)
        if stamp is None:
            self.waiting.pop(path, None)
            return
        if self.failures.unchanged_failure(path, stamp):
            return
        known = self.waiting.get(path)
        if known is None or known.stamp != stamp:
            self.waiting[path] = _Waiting(stamp, time.monotonic())

    def catch_up(self) -> None:
        """Queue every PDF in the watched folders: what came while nobody watched."""
        for candidate in discover(self.folders):
            if not candidate.other:
                self.notice(candidate.path)

    def ready(self) -> list[tuple[Path, FileStamp]]:
        """Files settled long enough to read, in the order they were seen."""
        out: list[tuple[Path, FileStamp]] = []
        now = time.monotonic()
        for path, wait in list(self.waiting.items()):
            stamp = FileStamp.of(path)
            if stamp is None:  # gone (moved away, deleted)
                del self.waiting[path]
                continue
            if stamp != wait.stamp:
                self.waiting[path] = _Waiting(stamp, now)
                continue
            quiet = now - wait.since
            if quiet < self.options.settle:
                continue
            if pdf_incomplete(path) is None or quiet >= self.options.give_up:
                out.append((path, stamp))
        return out

    def _write_queue(self) -> None:
        current = set(self.waiting)
        if current != self._queue_written:
            write_queue(self.home, current)
            self._queue_written = current

    # -- taking files in -----------------------------------------------------------

    def take_in(self, batch: list[tuple[Path, FileStamp]]) -> None:
        stamps = dict(batch)
        try:
            summary = run_ingest(
                self.home,
                [str(p) for p in stamps],
                self.options.ingest,
                progress=self._stop_between_files,
                handle_signals=False,
                log_source="watch",
            )
        except HomeLockedError:
            # An ingest or reindex is running: the files stay queued, tried again later.
            self._locked_until = time.monotonic() + LOCKED_RETRY
            return
        except InterruptedRunError as stopped:
            for line in stopped.details:
                self.say(line)
            return
        for outcome in summary.outcomes:
            path = Path(outcome.path)
            stamp = stamps.get(path)
            self.waiting.pop(path, None)
            if stamp is None:
                continue
            if outcome.status == "failed" and outcome.reason != CHANGED_WHILE_READ:
                self.failures.remember(path, stamp, outcome.reason or "")
            elif outcome.status == "failed":
                self.notice(path)  # still being written: wait for it again
            else:
                self.failures.forget(path)
        self.failures.save()
        self.report(summary)

    def _step(self) -> None:
        if time.monotonic() < self._locked_until:
            self._write_queue()
            return
        batch = self.ready()
        if batch and not self.stop.is_set():
            self.take_in(batch)
        self._write_queue()

    def run(self) -> int:
        """Watch until a signal; returns the signal's number (0 if none)."""
        import watchfiles

        previous = {sig: signal.signal(sig, self._on_signal) for sig in SIGNALS}
        try:
            with self.home.watch_lock():
                self.say(
                    "watching " + ", ".join(str(f) for f in self.folders)
                    + f" (pid {os.getpid()}); Ctrl-C or SIGTERM stops between files"
                )
                self.catch_up()
                self._step()
                for changes in watchfiles.watch(
                    *self.folders,
                    watch_filter=None,
                    debounce=400,
                    step=50,
                    rust_timeout=int(max(0.2, min(1.0, self.options.settle / 2)) * 1000),
                    yield_on_timeout=True,
                    stop_event=self.stop,
                    force_polling=self.options.force_polling,
                    recursive=True,
                ):
                    for change, name in changes:
                        if change != watchfiles.Change.deleted:
                            self.notice(Path(name))
                        else:
                            self.waiting.pop(Path(name).absolute(), None)
                    self._step()
                    if self.stop.is_set():
                        break
                write_queue(self.home, self.waiting)
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)
        return self.stop_signal or 0


def check_folders(folders: list[Path]) -> str | None:
    """Why the watcher cannot watch these folders, or None."""
    for folder in folders:
        if not folder.is_dir():
            return f"{folder} is not a folder (diarium watch watches folders)"
    return None
