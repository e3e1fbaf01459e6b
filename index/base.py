"""The interface the rest of diarium uses to talk to a search engine.

Everything engine-specific (tantivy by default, Whoosh as the pure-Python alternative)
lives behind these types, so ingest, the CLI and the tests never import an engine
directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from diarium.corpus.errors import HomeLockedError
from diarium.corpus.model import Document

# The facet fields, the undated year and the orders are declared with the filters
# (index/filters.py).
from diarium.index.filters import FACET_FIELDS as FACET_FIELDS
from diarium.index.filters import SORTS as SORTS
from diarium.index.filters import UNDATED as UNDATED


@dataclass
class SearchRequest:
    query: str = ""
    # An explicit case number (``--dnr``); a query that looks like one is treated alike.
    dnr: str | None = None
    limit: int = 10
    # Facet field → accepted values. Values of one field are OR'ed, fields are AND'ed.
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None  # ISO date, inclusive, on the document date
    date_to: str | None = None
    facets: bool = False
    # Keyed hashes of one identity number (``--pnr``): documents holding it.
    pnr_keys: list[str] = field(default_factory=list)
    sort: str = "relevance"  # one of ``SORTS``; undated documents come last either way
    # Leave restricted documents out entirely (a reader's search: index/access.py).
    hide_restricted: bool = False


@dataclass
class Hit:
    id: str
    filename: str
    source: str
    title: str | None
    document_date: str | None
    dnr: list[str]
    doc_type: str | None
    municipality: str | None
    body: list[str]
    score: float
    page: int
    snippet: str
    organ: str | None = None
    # Ids of the other copies of this decision (ingest/versions.py), filled by the app.
    versions: list[str] = field(default_factory=list)
    restricted: bool = False  # sekretess: only officers and up are shown it

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "filename": self.filename,
            "source": self.source,
            "title": self.title,
            "document_date": self.document_date,
            "dnr": self.dnr,
            "doc_type": self.doc_type,
            "municipality": self.municipality,
            "organ": self.organ,
            "body": self.body,
            "score": self.score,
            "page": self.page,
            "snippet": self.snippet,
            "versions": self.versions,
        }
        if self.restricted:
            out["restricted"] = True
        return out


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    # True when the engine estimated the total and facet counts (very large result
    # sets on tantivy); they are then within a few per cent.
    estimated: bool = False
    # Documents without a found date that a date or year filter left out (None when no
    # such filter was given): said, so that they do not vanish silently.
    undated_left_out: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.estimated:
            out["estimated"] = True
        if self.undated_left_out is not None:
            out["undated_left_out"] = self.undated_left_out
        return out


class IndexWriter(Protocol):
    def add_document(self, doc: Document) -> None:
        """Add or replace (by ``doc.id``) every page of the document."""

    def delete_document(self, doc_id: str) -> None: ...


class SearchIndex(Protocol):
    engine: str

    def writer(self, bulk: bool = False) -> AbstractContextManager[IndexWriter]:
        """One batch: committed only if the block ends without an exception; the
        write lock is always released. A second writer gets ``IndexLockedError``.
        ``bulk`` announces a large batch, which an engine may spread over processes."""

    def search(self, request: SearchRequest) -> SearchResult: ...

    def warm(self) -> None:
        """Load what searches would otherwise read on first use (a server calls this
        once, in the background, after opening the index)."""

    def documents_with_dnr(self, dnr: str) -> list[str]:
        """Ids of documents carrying this case number in any written variant."""

    def doc_ids(self) -> Iterator[str]: ...

    def stored_pages(self) -> Iterator[str]:
        """The document id of every indexed page, read from its stored record (for
        ``diarium check``: decoding damage and duplicates show here)."""

    def close(self) -> None:
        """End of a run of writes: let the engine finish background work and release
        what it holds; the index stays usable for searching."""

    def stats(self) -> dict[str, Any]:
        """At least ``engine``, ``documents``, ``pages``, ``size_bytes``."""


class IndexError_(Exception):
    """Base of index errors (the trailing underscore avoids the builtin name)."""


class IndexLockedError(IndexError_, HomeLockedError):
    """Another process holds the index's write lock (exit code 3, as for the home's)."""

    def __init__(self, message: str) -> None:
        HomeLockedError.__init__(self, message)


class IndexOutOfDateError(IndexError_):
    """The index was built with another schema version: rebuild it from the corpus."""
