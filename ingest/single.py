"""Extracting one file in this process, for ``diarium extract``: the same steps as an
ingest run, without the store, the index or a worker pool."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diarium.corpus.errors import DiariumError, InterruptedRunError
from diarium.corpus.model import Document
from diarium.extractors.document import assemble_document
from diarium.extractors.pages import PageOptions, ocr_page, triage_pages
from diarium.ingest.discover import sniff_pdf
from diarium.ingest.executor import worker_initializer
from diarium.ingest.hashing import file_sha256
from diarium.ingest.interrupts import RunStopped, stop_on_signals
from diarium.ingest.pipeline import ensure_ocr_ready

# ``diarium extract`` has no home: its page images and Tesseract's files go to a folder
# of its own under the system's temporary directory, removed when it ends (also on
# Ctrl-C and SIGTERM); a folder left by a run killed outright is removed by the next.
SCRATCH_PREFIX = "diarium-extract-"


@contextmanager
def extract_scratch() -> Iterator[Path]:
    """This process's scratch folder, made the default for ``tempfile`` (pytesseract and
    the page images use it) for the block; a signal stops the run with its exit code."""
    system_temp = Path(tempfile.gettempdir())
    _clear_dead_scratch(system_temp)
    scratch = system_temp / f"{SCRATCH_PREFIX}{os.getpid()}"
    scratch.mkdir(exist_ok=True)
    previous = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        with stop_on_signals(lambda: shutil.rmtree(scratch, ignore_errors=True)):
            yield scratch
    except RunStopped as stop:
        raise InterruptedRunError(
            "interrupted: nothing was extracted (extract stores nothing)",
            exit_code=stop.exit_code,
        ) from None
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(scratch, ignore_errors=True)


def _clear_dead_scratch(system_temp: Path) -> None:
    """Scratch folders of extract runs that were killed outright (their process is gone)."""
    for folder in system_temp.glob(f"{SCRATCH_PREFIX}*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX)
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            continue  # another user's live process


def extract_file(path: Path, options: PageOptions) -> Document:
    with extract_scratch():
        return _extract(path, options)


def _extract(path: Path, options: PageOptions) -> Document:
    if not path.is_file():
        raise DiariumError(f"{path}: no such file")
    problem = sniff_pdf(path)
    if problem:
        raise DiariumError(f"{path}: {problem}")
    ensure_ocr_ready(options)
    worker_initializer()
    from diarium.extractors.text_layer import PdfReadError

    doc_id = file_sha256(path)
    try:
        works = triage_pages(str(path), options)
    except PdfReadError as exc:
        raise DiariumError(f"{path}: {exc}") from exc
    works = [ocr_page(str(path), w, options) if w.needs_ocr else w for w in works]
    # The id must be the hash of the bytes that were read (see ingest.pipeline).
    if file_sha256(path) != doc_id:
        from diarium.ingest.pipeline import CHANGED_WHILE_READ

        raise DiariumError(f"{path}: {CHANGED_WHILE_READ}")
    return assemble_document(doc_id, str(path), path.name, works)
