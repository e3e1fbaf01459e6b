"""Stats: what a home holds, for ``diarium stats`` and ``/api/stats``."""

from __future__ import annotations

from typing import Any

from diarium.app.indexes import IndexHandle
from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home
from diarium.ingest.indexing import guarded


def stats(home: Home, handle: IndexHandle | None = None) -> dict[str, Any]:
    """Documents, corpus size, engine, last ingest and, when there is an index, its
    own figures (pages, size) under ``index``."""
    store = CorpusStore(home.corpus_dir)
    info: dict[str, Any] = {
        "home": str(home.root),
        "documents": store.count(),
        "corpus_bytes": store.size_bytes() if home.corpus_dir.exists() else 0,
        "engine": home.engine,
        "last_ingest": home.read_state().get("last_ingest"),
    }
    if home.index_dir.exists():
        with (handle or IndexHandle(home)).reading() as index, guarded(home):
            info["index"] = index.stats()
    indexed = int(info.get("index", {}).get("documents", 0))
    # Between a killed run and the next one the corpus is ahead of the index.
    info["not_indexed"] = max(0, int(info["documents"]) - indexed)
    return info
