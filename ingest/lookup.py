"""Resolving what a user typed to ``diarium show`` into document ids."""

from __future__ import annotations

import re

from corpus.errors import QueryError
from corpus.store import CorpusStore
from ingest.home import Home

_HEX = re.compile(r"[0-9a-fA-F]{6,64}")


def find_documents(home: Home, ref: str) -> list[str]:
    """A full id or an unambiguous hex prefix first, else the documents with that case number."""
    store = CorpusStore(home.corpus_dir)
    if _HEX.fullmatch(ref):
        found = store.find_prefix(ref)
        if found:
            return found
    if not home.index_dir.exists():
        return []
    from ingest.indexing import guarded, open_home_index

    index = open_home_index(home, create=False)
    try:
        with guarded(home):
            return index.documents_with_dnr(ref)
    except QueryError:
        return []  # neither an id nor a case number: nothing carries it
