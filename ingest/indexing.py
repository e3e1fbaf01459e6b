"""Keeping the search index in step with the corpus store.

The corpus is written first and the index second, in committed batches. If a run dies
between the two, the next run finds stored documents the index lacks and indexes them;
if the index schema changed, the index is rebuilt from the corpus alone.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from diarium.corpus.errors import (
    CorpusRecordError,
    DiariumError,
    DiskFullError,
    IndexDamagedError,
    IndexNeedsRebuildError,
    UsageError,
)
from diarium.corpus.model import Document
from diarium.corpus.store import CorpusStore
from diarium.index import open_index
from diarium.index.base import IndexOutOfDateError, SearchIndex
from diarium.index.engine_errors import is_engine_failure
from diarium.ingest.home import Home

BATCH_DOCUMENTS = 200
BATCH_PAGES = 5000
# A rebuild is swapped in whole at the end, so nobody sees its batches: larger ones
# commit less often (each commit waits for the engine to flush).
REBUILD_BATCH_DOCUMENTS = 1000
REBUILD_BATCH_PAGES = 10000
# A batch this large is worth the engine's multi-process writer.
BULK_PAGES = 400


# A search that finds the index directory in the middle of a reindex's swap (two renames)
# waits this long in all for the new one to appear.
SWAP_WAIT_SECONDS = 5.0
SWAP_POLL_SECONDS = 0.05
T = TypeVar("T")


def swapping(home: Home) -> bool:
    """A reindex is between the two renames that swap its new index in."""
    return home.index_dir.with_name(home.index_dir.name + ".old").exists()


def is_disk_full(exc: BaseException) -> bool:
    """A write that failed for want of space: an OSError, or tantivy's ValueError that
    wraps one."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    text = str(exc).lower()
    return isinstance(exc, ValueError) and ("no space left" in text or "disk quota" in text)


def disk_full(home: Home, exc: BaseException) -> DiskFullError:
    return DiskFullError(
        f"no space left on the device holding {home.root} ({exc}); what was committed "
        "before is kept: free some space and run the same command again"
    )


def through_swap(home: Home, attempt: Callable[[], T]) -> T:
    """``attempt()``, tried again while a reindex is between the two renames that swap
    its new index in (at most ``SWAP_WAIT_SECONDS``): a search that catches the swap
    waits for the new index instead of failing."""
    deadline = time.monotonic() + SWAP_WAIT_SECONDS
    while True:
        try:
            return attempt()
        except Exception:
            if not swapping(home) or time.monotonic() >= deadline:
                raise
        time.sleep(SWAP_POLL_SECONDS)


def open_home_index(home: Home, *, create: bool = True) -> SearchIndex:
    """The home's index; damage, a missing index and an index of another version become
    typed errors that say what to run (waiting out a reindex's swap)."""
    return through_swap(home, lambda: _open_home_index(home, create))


def _open_home_index(home: Home, create: bool) -> SearchIndex:
    if not create and not home.index_dir.exists():
        raise UsageError(f"{home.root} has no index yet; run `diarium ingest PATH` first")
    # The key is made only by a run that may write: a search never writes to a home.
    key = home.pnr_key() if create or home.pnr_key_path.exists() else None
    try:
        with guarded(home):
            return open_index(home.index_dir, home.engine, create=create, pnr_key=key)
    except IndexOutOfDateError as exc:
        raise IndexNeedsRebuildError(
            f"the index in {home.index_dir} was built by another version of diarium "
            f"({exc}); run `diarium reindex --home {home.root}` to rebuild it from the "
            "corpus"
        ) from exc
    except IndexDamagedError as exc:
        if isinstance(exc.__cause__, FileNotFoundError) and not home.index_dir.exists():
            raise UsageError(
                f"{home.root} has no index; run `diarium reindex --home {home.root}`"
            ) from exc.__cause__
        raise


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:200] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# Below this much free space, a failed write is taken to be the full disk: tantivy's
# writer threads die of it and report only "an index writer was killed".
NEARLY_FULL_BYTES = 1 << 20


def nearly_full(path: Path) -> bool:
    try:
        fs = os.statvfs(path)
    except OSError:
        return False
    return fs.f_bavail * fs.f_frsize < NEARLY_FULL_BYTES


def out_of_space(home: Home, exc: BaseException) -> bool:
    """A failed write that the full disk explains: said so, or nearly no room left."""
    return is_disk_full(exc) or nearly_full(home.root)


@contextmanager
def disk_errors(home: Home) -> Iterator[None]:
    """A full disk while writing the corpus or the index becomes ``DiskFullError``."""
    try:
        yield
    except (OSError, ValueError) as exc:
        if out_of_space(home, exc):
            raise disk_full(home, exc) from exc
        raise


def engine_error(home: Home, exc: BaseException) -> DiariumError | None:
    """The typed error for an engine call that failed: a full disk (also when the engine
    only says a writer died, on a disk with no room left) or a damaged index, with
    `diarium reindex` as the remedy; None for anything else, which is a bug and must
    surface as one (index/engine_errors.py tells the two apart)."""
    if isinstance(exc, DiariumError):
        return None
    if is_disk_full(exc):
        return disk_full(home, exc)
    if not is_engine_failure(exc):
        return None
    if nearly_full(home.root):
        return disk_full(home, exc)
    return IndexDamagedError.at(home.root, home.index_dir, _detail(exc))


@contextmanager
def guarded(home: Home) -> Iterator[None]:
    """Engine calls inside this block: their failures become typed errors
    (:func:`engine_error`); diarium's own errors and bugs pass through unchanged."""
    try:
        yield
    except BaseException as exc:
        translated = engine_error(home, exc)
        if translated is None:
            raise
        raise translated from exc


class BatchedIndexer:
    """Buffers finished documents and commits them in batches.

    A batch is committed whole or not at all (the index writer context guarantees it),
    so a searcher never sees half of one.
    """

    def __init__(
        self,
        index: SearchIndex,
        before_commit: Callable[[], None] | None = None,
        *,
        batch_documents: int = BATCH_DOCUMENTS,
        batch_pages: int = BATCH_PAGES,
    ) -> None:
        self.index = index
        self.batch_documents = batch_documents
        self.batch_pages = batch_pages
        # Called before each commit: the corpus records of a batch must be on disk
        # before the index refers to them.
        self.before_commit = before_commit
        self.buffer: list[Document] = []
        self.pages = 0
        self.committed = 0

    def add(self, doc: Document) -> None:
        from diarium.ingest.versions import is_version

        if is_version(doc):
            return  # its group's head is indexed for it
        self.buffer.append(doc)
        self.pages += doc.n_pages
        if len(self.buffer) >= self.batch_documents or self.pages >= self.batch_pages:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        if self.before_commit is not None:
            self.before_commit()
        bulk = self.pages >= BULK_PAGES
        with self.index.writer(bulk=bulk) as writer:
            for doc in self.buffer:
                writer.add_document(doc)
        self.committed += len(self.buffer)
        self.buffer.clear()
        self.pages = 0


def index_documents(
    index: SearchIndex,
    docs: Iterable[Document],
    on_doc: Callable[[Document], None] | None = None,
    *,
    rebuild: bool = False,
) -> int:
    if rebuild:
        indexer = BatchedIndexer(
            index, batch_documents=REBUILD_BATCH_DOCUMENTS, batch_pages=REBUILD_BATCH_PAGES
        )
    else:
        indexer = BatchedIndexer(index)
    try:
        for doc in docs:
            indexer.add(doc)
            if on_doc:
                on_doc(doc)
        indexer.flush()
    finally:
        index.close()
    return indexer.committed


def readable(
    records: Iterable[tuple[str, Document | CorpusRecordError]],
    on_damaged: Callable[[CorpusRecordError], None] | None,
) -> Iterator[Document]:
    """The documents of a corpus walk; damaged records go to ``on_damaged`` and are
    left out, so one bad record never stops the walk."""
    for _doc_id, item in records:
        if isinstance(item, CorpusRecordError):
            if on_damaged is not None:
                on_damaged(item)
            continue
        yield item


def reconcile(
    home: Home,
    index: SearchIndex,
    on_damaged: Callable[[CorpusRecordError], None] | None = None,
) -> int:
    """Index stored documents the index does not have; returns how many. Damaged records
    among them are skipped and handed to ``on_damaged``."""
    store = CorpusStore(home.corpus_dir)
    with guarded(home):
        indexed = set(index.doc_ids())
    missing = [doc_id for doc_id in store.ids() if doc_id not in indexed]

    def records() -> Iterator[tuple[str, Document | CorpusRecordError]]:
        for doc_id in missing:
            try:
                yield doc_id, store.get(doc_id)
            except CorpusRecordError as exc:
                yield doc_id, exc

    return index_documents(index, readable(records(), on_damaged))


def rebuild_index(
    home: Home,
    engine: str,
    transform: Callable[[Document], Document] | None = None,
    on_doc: Callable[[Document], None] | None = None,
    on_damaged: Callable[[CorpusRecordError], None] | None = None,
    cluster: str | None = None,
) -> int:
    """Build a fresh index from the corpus beside the old one, then swap it in.

    Searches keep using the old index until the swap, and a failed rebuild leaves it
    untouched. ``transform`` (re-normalization) rewrites each stored record first, on the
    workers of the Dask scheduler ``cluster`` when given (records travel to them and
    back; this process stays the only writer). Damaged records are skipped, handed to
    ``on_damaged``, and the rebuild goes on. The home's state is rewritten whole, which
    also repairs a damaged ``state.json``.
    """
    store = CorpusStore(home.corpus_dir)
    # The choice is recorded before anything is built: a run killed anywhere after this
    # (even between the swap and the end) leaves a home whose next plain `reindex`
    # builds the engine that was asked for; searches meanwhile open the index by the
    # engine that built it (``Home.engine``).
    home.update_state(engine=engine)
    fresh = home.root / "diarium.index.new"
    if fresh.exists():
        shutil.rmtree(fresh)
    index = open_index(fresh, engine, create=True, pnr_key=home.pnr_key())
    stored = readable(store.scan(), on_damaged)
    executor = None
    if transform is not None and cluster:
        from diarium.ingest.cluster import connect, map_unordered

        executor = connect(cluster)
        changed = map_unordered(executor, transform, stored, in_flight=4 * executor.slots)
    elif transform is not None:
        changed = map(transform, stored)

    def documents() -> Iterable[Document]:
        if transform is None:
            yield from stored
            return
        for doc in changed:
            store.put(doc)
            yield doc

    try:
        count = index_documents(index, documents(), on_doc, rebuild=True)
        _swap_in(fresh, home.index_dir)
    except (OSError, ValueError) as exc:
        if out_of_space(home, exc):
            shutil.rmtree(fresh, ignore_errors=True)
            raise DiskFullError(
                f"no space left while rebuilding the index of {home.root} ({_detail(exc)}); "
                "the old index is untouched: free some space and run `diarium reindex` again"
            ) from exc
        raise
    finally:
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
    state = home.read_state(strict=False)
    home.update_state(replace=True, **{**state, "engine": engine})
    return count


def _swap_in(fresh: Path, target: Path) -> None:
    """Two renames; a reader that looks between them sees ``.old`` and waits (see
    ``open_home_index``). The old directory goes last, after the new one is in place."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
