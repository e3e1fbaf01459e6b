"""An ingest run, top to bottom: find → hash → skip known → extract in parallel → store → index.

Each file moves through three kinds of work, all run by the executor:
triage (read the text layers, decide which pages need OCR; milliseconds), OCR of single
pages (seconds each, spread over all workers whatever document they belong to), and
assembly (normalization and entities). A file that needs no OCR is assembled in its
triage task, saving a round trip of its pages through the parent. The parent alone
writes the corpus and the index.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from diarium.corpus.errors import (
    ClusterError,
    CorpusRecordError,
    DiariumError,
    DiskFullError,
    InterruptedRunError,
    ToolMissingError,
)
from diarium.corpus.model import Document, ground_for_secrecy
from diarium.corpus.store import CorpusStore
from diarium.extractors.ocr import OcrUnavailableError
from diarium.extractors.pages import (
    PageOptions,
    PageWork,
    check_ocr_available,
    ocr_page,
    triage_pages,
)
from diarium.extractors.text_layer import PdfReadError
from diarium.ingest.discover import discover
from diarium.ingest.executor import default_workers, join_workers, make_executor, worker_pids
from diarium.ingest.hashing import file_sha256
from diarium.ingest.home import Home
from diarium.ingest.indexing import (
    BatchedIndexer,
    disk_errors,
    disk_full,
    guarded,
    is_disk_full,
    open_home_index,
    reconcile,
)
from diarium.ingest.intake import log_outcomes
from diarium.ingest.interrupts import RunStopped, kill_process_groups, stop_on_signals
from diarium.ingest.report import ALREADY_KNOWN, OTHER_FILE, FileOutcome, IngestSummary
from diarium.ingest.versions import VersionIndex

ProgressCallback = Callable[[FileOutcome], None]


@dataclass
class IngestOptions:
    force: bool = False
    workers: int = field(default_factory=default_workers)
    pages: PageOptions = field(default_factory=PageOptions)
    # A Dask scheduler address (tcp://host:8786): the work runs on its workers.
    cluster: str | None = None
    # Write a searchable archive copy of every OCR'd document into HOME/archive/.
    archive_pdf: bool = False
    # Access class of the documents this run stores ("public" or "restricted").
    access: str = "public"
    access_reason: str | None = None

    def __post_init__(self) -> None:
        self.access_reason = ground_for_secrecy(self.access, self.access_reason)


@dataclass
class _Job:
    """One file on its way through the executor."""

    path: Path
    doc_id: str
    works: list[PageWork] = field(default_factory=list)
    outstanding: int = 0
    failed: bool = False  # reported once; results of its other tasks are dropped


def ensure_ocr_ready(options: PageOptions) -> None:
    if options.ocr == "never":
        return
    try:
        check_ocr_available(options.ocr_lang)
    except OcrUnavailableError as exc:
        raise ToolMissingError(str(exc)) from exc


# One short page that touches every lazily loaded table: the Swedish lexicon, the name
# lists, the body, case-number and date rules, the spaCy pipeline.
_WARM_UP_PAGE = (
    "Protokoll Kommunstyrelsen 2024-01-15 § 1 Dnr KS 2024/12\n"
    "Närvarande: Anna Andersson (S), ordförande; Socialnämnden.\n"
    "Beslut om budget för år 2024."
)


def warm_up() -> None:
    """Load lexicons and the entity pipeline once, before workers fork, so they share it
    (an empty document would load nothing: the tables are read on first use).

    Assembly (normalization, entities, spaCy) is imported here and in the functions that
    assemble, not at this module's top: a run that finds every file already known never
    pays for it."""
    from diarium.extractors.document import assemble_document

    page = PageWork(number=1, raw_text=_WARM_UP_PAGE, method="text")
    assemble_document("0" * 64, "warm-up", "warm-up", [page])


def triage_or_assemble(
    doc_id: str, path: str, filename: str, options: PageOptions
) -> list[PageWork] | Document:
    """The document itself when no page needs OCR, else the pages for OCR tasks."""
    works = triage_pages(path, options)
    if any(w.needs_ocr for w in works):
        return works
    from diarium.extractors.document import assemble_document

    return assemble_document(doc_id, path, filename, works)


# Said of a file whose bytes changed between hashing and reading.
CHANGED_WHILE_READ = (
    "the file changed while it was being read (replaced or still being written); "
    "nothing was stored: ingest it again once it is complete"
)


def _plan(
    paths: list[str],
    store: CorpusStore,
    force: bool,
    summary: IngestSummary,
    damaged: frozenset[str] = frozenset(),
) -> list[_Job]:
    jobs: list[_Job] = []
    first_seen: dict[str, Path] = {}
    for candidate in discover(paths):
        name = str(candidate.path)
        if candidate.other:
            summary.outcomes.append(FileOutcome(name, "skipped", reason=OTHER_FILE))
            continue
        if candidate.problem:
            summary.outcomes.append(FileOutcome(name, "failed", reason=candidate.problem))
            continue
        try:
            doc_id = file_sha256(candidate.path)
        except OSError as exc:
            summary.outcomes.append(FileOutcome(name, "failed", reason=f"cannot read: {exc}"))
            continue
        if doc_id in first_seen:
            summary.outcomes.append(
                FileOutcome(name, "skipped", id=doc_id, reason=f"same file as {first_seen[doc_id]}")
            )
            continue
        first_seen[doc_id] = candidate.path
        # A known file whose record is damaged is read again: that repairs the record.
        if store.has(doc_id) and not force and doc_id not in damaged and _intact(store, doc_id):
            summary.outcomes.append(FileOutcome(name, "skipped", id=doc_id, reason=ALREADY_KNOWN))
            continue
        jobs.append(_Job(candidate.path, doc_id))
    return jobs


def _intact(store: CorpusStore, doc_id: str) -> bool:
    """Whether a known file's record can be read: a damaged one (truncated, not gzip,
    not JSON) is treated as unknown, so ingesting the PDF again replaces it, as
    `diarium check` says, even while the index still holds the document."""
    try:
        store.get(doc_id)
    except CorpusRecordError:
        return False
    return True


def _failure_reason(exc: BaseException) -> str:
    if isinstance(exc, PdfReadError):
        return str(exc)
    return f"extraction failed: {type(exc).__name__}: {exc}"


class _Run:
    """The scheduling loop of one ingest run."""

    def __init__(
        self,
        executor: Executor,
        options: IngestOptions,
        store: CorpusStore,
        indexer: BatchedIndexer,
        summary: IngestSummary,
        progress: ProgressCallback | None,
    ) -> None:
        self.executor = executor
        self.options = options
        self.store = store
        self.indexer = indexer
        self.summary = summary
        self.progress = progress
        self.pending: dict[Future[Any], tuple[str, _Job, PageWork | None]] = {}
        # ``--archive-pdf``: where searchable copies of OCR'd documents go.
        self.archive_dir: Path | None = None
        # Near-identical documents grouped as versions (ingest/versions.py).
        self.versions: VersionIndex | None = None

    def _submit(self, kind: str, job: _Job, fn: Callable[..., Any], *args: Any) -> None:
        future = self.executor.submit(fn, *args)
        self.pending[future] = (kind, job, None)

    def _finish(self, outcome: FileOutcome) -> None:
        self.summary.outcomes.append(outcome)
        if self.progress:
            self.progress(outcome)

    def _documents_in_flight(self) -> int:
        return len({id(job) for _, job, _ in self.pending.values()})

    def run(self, jobs: list[_Job]) -> None:
        queue = list(reversed(jobs))
        # Enough documents in flight to keep every worker busy, few enough that memory
        # stays flat however many files the run was given.
        max_docs = 2 * max(1, self.options.workers) + 2
        while queue or self.pending:
            while queue and self._documents_in_flight() < max_docs:
                job = queue.pop()
                self._submit(
                    "triage",
                    job,
                    triage_or_assemble,
                    job.doc_id,
                    str(job.path),
                    job.path.name,
                    self.options.pages,
                )
            done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
            for future in done:
                kind, job, _ = self.pending.pop(future)
                self._handle(kind, job, future)

    def _handle(self, kind: str, job: _Job, future: Future[Any]) -> None:
        exc = future.exception()
        if isinstance(exc, ClusterError):
            raise exc
        if job.failed:
            return
        if exc is not None:
            job.failed = True
            self._finish(
                FileOutcome(str(job.path), "failed", id=job.doc_id, reason=_failure_reason(exc))
            )
            return
        if kind == "triage":
            result = future.result()
            if isinstance(result, Document):
                self._store(job, result)
                return
            job.works = list(result)
            to_ocr = [w for w in job.works if w.needs_ocr]
            job.outstanding = len(to_ocr)
            for work in to_ocr:
                self._submit("ocr", job, ocr_page, str(job.path), work, self.options.pages)
            if not to_ocr:
                self._assemble(job)
        elif kind == "ocr":
            done: PageWork = future.result()
            job.works = [done if w.number == done.number else w for w in job.works]
            job.outstanding -= 1
            if job.outstanding == 0:
                self._assemble(job)
        else:
            self._store(job, future.result())

    def _assemble(self, job: _Job) -> None:
        from diarium.extractors.document import assemble_document

        self._submit(
            "assemble", job, assemble_document, job.doc_id, str(job.path), job.path.name, job.works
        )

    def _classified(self, doc: Document) -> Document:
        """The run's access class; a document already stored as restricted stays so
        (re-extracting it with --force must not make it public)."""
        if self.options.access == "restricted":
            return replace(
                doc, access="restricted", access_reason=self.options.access_reason
            )
        if self.store.has(doc.id):
            with contextlib.suppress(CorpusRecordError):
                old = self.store.get(doc.id)
                return replace(doc, access=old.access, access_reason=old.access_reason)
        return doc

    def _store(self, job: _Job, doc: Document) -> None:
        # The id is the hash of the bytes that were read: hashed before, read by the
        # workers since, hashed again now. A file replaced in between is refused rather
        # than stored under the old file's identity.
        try:
            unchanged = file_sha256(job.path) == job.doc_id
        except OSError:
            unchanged = False
        if not unchanged:
            self._finish(
                FileOutcome(str(job.path), "failed", id=job.doc_id, reason=CHANGED_WHILE_READ)
            )
            return
        doc = self._classified(doc)
        # A restricted document joins no group: a public head would name it as a version.
        if self.versions is not None and doc.access == "public":
            doc.group = self.versions.assign(doc)
        self.store.put(doc, durable=False)  # synced once per index batch
        self.indexer.add(doc)
        errors = [f"page {p.number}: {p.error}" for p in doc.pages if p.error]
        if self.archive_dir is not None:
            errors += _write_archive_copy(job.path, doc, self.archive_dir)
        self._finish(
            FileOutcome(
                str(job.path),
                "ingested",
                id=doc.id,
                pages=doc.n_pages,
                ocr_pages=sum(1 for p in doc.pages if p.method == "ocr"),
                page_errors=errors,
            )
        )


def _write_archive_copy(path: Path, doc: Document, archive_dir: Path) -> list[str]:
    """The searchable copy of an OCR'd document; a copy that cannot be made is a warning
    on the file, never its failure (the document is stored and searchable)."""
    if not any(p.method == "ocr" and p.words for p in doc.pages):
        return []
    from diarium.ingest.archive_pdf import archive_path, write_archive_pdf

    try:
        write_archive_pdf(path, doc, archive_path(archive_dir, doc.id))
    except Exception as exc:  # pikepdf meets a PDF it cannot rewrite
        return [f"no searchable archive copy: {type(exc).__name__}: {exc}"]
    return []


def _clear_scratch(home: Home) -> None:
    """Scratch directories of runs that were killed outright (kill -9, power loss), and
    half-written corpus records of the same: nothing else can be using them, as the
    caller holds the home's write lock."""
    if home.temp_root.is_dir():
        for leftover in home.temp_root.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
    for tmp in CorpusStore(home.corpus_dir).leftovers():
        tmp.unlink(missing_ok=True)


def _open_executor(
    options: IngestOptions, jobs: list[_Job], run_dir: Path
) -> tuple[Executor, IngestOptions]:
    """The local process pool, or the workers of the Dask scheduler given with
    ``--cluster`` (then as many documents in flight as the cluster has slots)."""
    if not options.cluster:
        warm_up()
        return make_executor(options.workers, str(run_dir)), options
    from diarium.ingest.cluster import connect

    lang = None if options.pages.ocr == "never" else options.pages.ocr_lang
    executor = connect(options.cluster, ocr_lang=lang, sample_paths=[str(jobs[0].path)])
    return executor, replace(options, workers=executor.slots)


def ingest(
    home: Home,
    paths: list[str],
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
    on_planned: Callable[[int], None] | None = None,
    *,
    handle_signals: bool = True,
    log_source: str = "ingest",
) -> IngestSummary:
    """One run. Errors that end it early (interrupted, disk full) carry the summary of
    what was done as their ``details``; everything stored before stays stored.

    ``handle_signals=False`` leaves SIGINT/SIGTERM to the caller (the watcher, which
    stops between files by raising ``RunStopped`` from ``progress``). Every settled
    file is logged to the home's intake log under ``log_source``."""
    options = options or IngestOptions()
    if options.cluster:
        # Workers open the files themselves: give them paths that mean the same anywhere.
        paths = [os.path.abspath(p) for p in paths]
    else:
        ensure_ocr_ready(options.pages)  # on a cluster, each worker is checked instead
    started = time.perf_counter()
    summary = IngestSummary()
    home.ensure()
    home.read_state()  # a damaged state file is reported before any work
    with home.write_lock("ingest"):
        _clear_scratch(home)
        run_dir = home.temp_root / f"run-{os.getpid()}"
        run_dir.mkdir(parents=True, exist_ok=True)
        previous_tempdir = tempfile.tempdir
        executors: list[Executor] = []

        def emergency() -> None:
            for executor in executors:
                kill_process_groups(worker_pids(executor))
            shutil.rmtree(run_dir, ignore_errors=True)

        signals = stop_on_signals(emergency) if handle_signals else nullcontext()
        try:
            with signals:
                _ingest_locked(
                    home, paths, options, progress, on_planned, summary, run_dir, executors
                )
        except RunStopped as stop:
            summary.seconds = time.perf_counter() - started
            raise InterruptedRunError(
                "interrupted: the run stopped before every file was read; what is listed "
                "above is stored and searchable, and the next ingest of the same files "
                "takes in the rest",
                exit_code=stop.exit_code,
                details=summary.lines(),
            ) from None
        except DiskFullError as exc:
            summary.seconds = time.perf_counter() - started
            exc.details = summary.lines()
            raise
        finally:
            tempfile.tempdir = previous_tempdir
            shutil.rmtree(run_dir, ignore_errors=True)
            with suppress(OSError):
                log_outcomes(home, summary.outcomes, log_source)
        summary.seconds = time.perf_counter() - started
        try:
            home.update_state(
                engine=home.chosen_engine,
                last_ingest={
                    "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    **{k: v for k, v in summary.to_dict().items() if k != "files"},
                },
            )
        except OSError as exc:
            if is_disk_full(exc):
                err = disk_full(home, exc)
                err.details = summary.lines()
                raise err from exc
            raise
    return summary


def _ingest_locked(
    home: Home,
    paths: list[str],
    options: IngestOptions,
    progress: ProgressCallback | None,
    on_planned: Callable[[int], None] | None,
    summary: IngestSummary,
    run_dir: Path,
    executors: list[Executor],
) -> None:
    store = CorpusStore(home.corpus_dir)
    index = open_home_index(home)
    damaged: list[CorpusRecordError] = []
    with guarded(home):
        summary.recovered = reconcile(home, index, damaged.append)
    summary.damaged = [f"{e.path}: {e.reason}" for e in damaged]
    damaged_ids = frozenset(e.path.name.split(".")[0] for e in damaged)
    jobs = _plan(paths, store, options.force, summary, damaged_ids)
    if on_planned:
        on_planned(len(jobs))
    if not jobs:
        return
    executor, options = _open_executor(options, jobs, run_dir)
    executors.append(executor)
    versions = VersionIndex(home, store)
    versions.catch_up(store)

    def before_commit() -> None:
        # Records on disk first, then the LSH that knows them, then the index.
        store.sync()
        versions.save()

    indexer = BatchedIndexer(index, before_commit=before_commit)
    stopped = False
    try:
        with disk_errors(home):
            run = _Run(executor, options, store, indexer, summary, progress)
            run.archive_dir = home.archive_dir if options.archive_pdf else None
            run.versions = versions
            run.run(jobs)
            indexer.flush()
    except BaseException as exc:
        stopped = True
        # Workers first, at once: a pool asked to finish its queue could take minutes.
        kill_process_groups(worker_pids(executor))
        join_workers(executor)
        if isinstance(exc, RunStopped | DiariumError) and not isinstance(exc, DiskFullError):
            # What is in the corpus already is committed, so it is searchable now; a
            # second signal while this runs ends the process (the next run indexes it).
            try:
                with guarded(home):
                    indexer.flush()
            except DiariumError:
                pass
        raise
    finally:
        with suppress(OSError):
            versions.save()
        executor.shutdown(wait=not stopped, cancel_futures=True)
        index.close()
