"""Resolving what a user typed to ``diarium show`` into document ids."""

from __future__ import annotations

import re

from diarium.corpus.errors import QueryError
from diarium.corpus.store import CorpusStore
from diarium.extractors.entities.dnr import dnr_lookup_keys
from diarium.index.base import SearchIndex
from diarium.ingest.home import Home

_HEX = re.compile(r"[0-9a-fA-F]{6,64}")


def find_by_id(home: Home, ref: str) -> list[str]:
    """Ids that are ``ref`` or start with it (six hex digits or more); no index needed."""
    return CorpusStore(home.corpus_dir).find_prefix(ref) if _HEX.fullmatch(ref) else []


def find_by_case_number(home: Home, ref: str, index: SearchIndex | None = None) -> list[str]:
    """The documents that carry ``ref`` as a case number; none when it is not one."""
    if not dnr_lookup_keys(ref) or not home.index_dir.exists():
        return []  # not a case number: an empty lookup would list every document
    from diarium.ingest.indexing import guarded, open_home_index

    if index is None:
        index = open_home_index(home, create=False)
    try:
        with guarded(home):
            return index.documents_with_dnr(ref)
    except QueryError:
        return []  # neither an id nor a case number: nothing carries it
