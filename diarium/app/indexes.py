"""Open search indexes, kept for the life of a process (the web server) or one call.

Opening an index reads its term dictionaries; a server must do it once, not per request.
The handle also notices when another process changed the home underneath it: commits
into the same index are picked up by the engines themselves, a rebuild (``diarium
reindex`` swaps in a new directory) or an engine switch makes the handle reopen.

tantivy searches without the GIL and its searcher is safe to share between threads, so
the server's thread pool searches it concurrently. Whoosh's searcher is refreshed in
place on every search and is not safe to share: its searches are serialized here (a
Whoosh home serves one search at a time per process; tantivy is the engine for a server).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from diarium.corpus.errors import IndexMissingError
from diarium.index.base import SearchIndex
from diarium.ingest.home import Home
from diarium.ingest.indexing import open_home_index, through_swap


@dataclass(frozen=True)
class _Identity:
    """The index directory's inode: a rebuild or an engine switch swaps in a new one."""

    inode: int
    device: int


class IndexHandle:
    """The home's index, opened on first use and reopened when it was replaced."""

    def __init__(self, home: Home, warm: bool = False) -> None:
        """``warm``: a long-lived process (the web server) has each index it opens load,
        in the background, what its searches would otherwise read on first use."""
        self.home = home
        self._warm = warm
        self._index: SearchIndex | None = None
        self._identity: _Identity | None = None
        self._open_lock = threading.Lock()
        self._whoosh_lock = threading.Lock()

    def _current_identity(self) -> _Identity:
        # A reindex swaps its new index in with two renames: between them the directory
        # is briefly absent, and a search then waits for the new one instead of failing.
        try:
            st = through_swap(self.home, self.home.index_dir.stat)
        except FileNotFoundError:
            raise IndexMissingError(
                f"{self.home.root} has no index yet; run `diarium ingest PATH` first"
            ) from None
        return _Identity(st.st_ino, st.st_dev)

    def index(self) -> SearchIndex:
        identity = self._current_identity()
        index = self._index
        if index is not None and identity == self._identity:
            return index
        with self._open_lock:
            if self._index is None or identity != self._identity:
                self._index = open_home_index(self.home, create=False)
                self._identity = identity
                if self._warm:
                    threading.Thread(target=self._warm_up, args=(self._index,), daemon=True).start()
            return self._index

    def _warm_up(self, index: SearchIndex) -> None:
        # Only a speed-up: a search that comes first reads what it needs itself, and an
        # index replaced meanwhile is warmed again when it is opened.
        lock = contextlib.nullcontext() if index.engine == "tantivy" else self._whoosh_lock
        with lock, contextlib.suppress(Exception):
            index.warm()

    @contextlib.contextmanager
    def reading(self) -> Iterator[SearchIndex]:
        """The index, held for one search (serialized on engines that need it)."""
        index = self.index()
        if index.engine == "tantivy":
            yield index
            return
        with self._whoosh_lock:
            yield index

