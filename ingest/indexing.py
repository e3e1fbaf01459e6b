"""Keeping the search index in step with the corpus store.

The corpus is written first and the index second, in committed batches. If a run dies
between the two, the next run finds stored documents the index lacks and indexes them;
if the index schema changed, the index is rebuilt from the corpus alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from corpus.errors import IndexNeedsRebuildError
from corpus.model import Document
from corpus.store import CorpusStore
from index import open_index
from index.base import IndexOutOfDateError, SearchIndex
from ingest.home import Home

BATCH_DOCUMENTS = 200
BATCH_PAGES = 5000
# A rebuild is swapped in whole at the end, so nobody sees its batches: larger ones
# commit less often (each commit waits for the engine to flush).
REBUILD_BATCH_DOCUMENTS = 1000
REBUILD_BATCH_PAGES = 10000
# A batch this large is worth the engine's multi-process writer.
BULK_PAGES = 400


def open_home_index(home: Home, *, create: bool = True) -> SearchIndex:
    try:
        return open_index(home.index_dir, home.engine, create=create)
    except IndexOutOfDateError as exc:
        raise IndexNeedsRebuildError(
            f"the index in {home.index_dir} was built by another version of diarium "
            f"({exc}); run `diarium reindex --home {home.root}` to rebuild it from the corpus"
        ) from exc


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


def reconcile(home: Home, index: SearchIndex) -> int:
    """Index stored documents the index does not have; returns how many."""
    store = CorpusStore(home.corpus_dir)
    indexed = set(index.doc_ids())
    missing = [doc_id for doc_id in store.ids() if doc_id not in indexed]
    return index_documents(index, (store.get(doc_id) for doc_id in missing))


def rebuild_index(
    home: Home,
    engine: str,
    transform: Callable[[Document], Document] | None = None,
    on_doc: Callable[[Document], None] | None = None,
    cluster: str | None = None,
) -> int:
    """Build a fresh index from the corpus beside the old one, then swap it in.

    Searches keep using the old index until the swap, and a failed rebuild leaves it
    untouched. ``transform`` (re-normalization) rewrites each stored record first, on the
    workers of the Dask scheduler ``cluster`` when given (records travel to them and
    back; this process stays the only writer).
    """
    store = CorpusStore(home.corpus_dir)
    fresh = home.root / "index.new"
    if fresh.exists():
        shutil.rmtree(fresh)
    index = open_index(fresh, engine, create=True)
    stored = (store.get(doc_id) for doc_id in store.ids())
    executor = None
    if transform is not None and cluster:
        from ingest.cluster import connect, map_unordered

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
    finally:
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
    _swap_in(fresh, home.index_dir)
    home.update_state(engine=engine)
    return count


def _swap_in(fresh: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    if old.exists():
        shutil.rmtree(old)
