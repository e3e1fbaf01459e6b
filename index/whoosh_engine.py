"""The Whoosh engine behind ``diarium.index.base.SearchIndex``.

Whoosh only stores and matches terms; every token comes from ``diarium.index.analysis`` through
``SwedishTokenizer``, so stemming, compounds and folding are ours. Filters and facets
run on a per-searcher table of document values (built from two column fields), which
makes counts per document and lets each facet ignore its own filter.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index, query, scoring, sorting
from whoosh.searching import Searcher
from whoosh.writing import LockError

from diarium.corpus.model import Document
from diarium.index import MARKER
from diarium.index.access import ACCESS_FIELD, RESTRICTED, hide_restricted
from diarium.index.base import (
    Hit,
    IndexLockedError,
    IndexOutOfDateError,
    SearchRequest,
    SearchResult,
)
from diarium.index.facets import active_filters, count_facets, distinct_values, passes
from diarium.index.hits import make_hit
from diarium.index.query import ParsedQuery, parse_query
from diarium.index.query_plan import has_node, plan_query
from diarium.index.schema import SCHEMA_VERSION, DocFacets, PageEntry, page_entries
from diarium.index.suggest import suggest_query
from diarium.index.whoosh_schema import build_schema

ENGINE = "whoosh"
WRITER_MEMORY_MB = 128
BULK_PROCS = 2
MAX_SEGMENTS = 8
# ``date_last`` of an undated page: after every date.
UNDATED_LAST = "9999"


def _fields_of(entry: PageEntry) -> dict[str, Any]:
    f = entry.facets
    return {
        "uid": entry.uid,
        "doc_id": entry.doc_id,
        "page": entry.page,
        "content": entry.content,
        "content_pairs": entry.content,
        "title": entry.title,
        "person": "\n".join(f.person),
        "body": "\n".join(f.body),
        "dnr": " ".join(entry.dnr_keys),
        "dnr_main": " ".join(entry.dnr_main_keys),
        "pnr": " ".join(entry.pnr_hashes),
        ACCESS_FIELD: entry.access if entry.access == RESTRICTED else "",
        "date": entry.document_date or "",
        "date_last": entry.document_date or UNDATED_LAST,
        "paragraph": " ".join(entry.paragraph_keys),
        "filename": entry.filename,
        "source": entry.source,
        "meta": entry.hit_meta(),
        "facets": f.to_json().encode("utf-8"),
    }


@dataclass
class _DocTable:
    """Per searcher: docnum → document ordinal, and each document's facet values."""

    generation: int
    doc_of: list[int]
    doc_ids: list[str]
    facets: list[DocFacets]
    values: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.values = distinct_values(self.facets)


class BM25(scoring.BM25F):
    """Whoosh's BM25F with the idf of BM25 proper, ln(1 + (N - n + 0.5) / (n + 0.5)), the
    one tantivy (and Lucene) use; Whoosh's own, ln(N / (n + 1)) + 1, weighs rare and
    common words more alike, so the two engines would rank differently."""

    def idf(self, searcher: Searcher, fieldname: str, text: str) -> float:
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        total = parent.doc_count()
        return math.log(1 + (total - n + 0.5) / (n + 0.5))


class _Writer:
    def __init__(self, writer: Any, pnr_key: bytes | None = None) -> None:
        self._writer = writer
        self._pnr_key = pnr_key
        self._added: set[str] = set()

    def add_document(self, doc: Document) -> None:
        if doc.id in self._added:
            # Whoosh cannot delete what the same writer buffered: refuse instead of
            # silently keeping two copies.
            raise ValueError(f"document {doc.id} added twice in one index batch")
        self._added.add(doc.id)
        self._writer.delete_by_term("doc_id", doc.id)
        for n, entry in enumerate(page_entries(doc, self._pnr_key)):
            values = _fields_of(entry)
            if n == 0:
                # The vocabulary only answers "does this word occur anywhere", so each
                # document gives its words once, on its first page: a third of the cost
                # of giving them on every page.
                values["words"] = (doc.metadata.title or "") + "\n" + doc.text
            self._writer.add_document(**values)

    def delete_document(self, doc_id: str) -> None:
        self._writer.delete_by_term("doc_id", doc_id)


def _sorting(order: str, browse: bool) -> sorting.FacetType | None:
    """How Whoosh orders pages: by score (None), newest first (also when there are no
    words), or oldest first; undated pages last either way, as on tantivy."""
    if order == "-date" or (order == "relevance" and browse):
        return sorting.FieldFacet("date", reverse=True)
    if order == "date":
        return sorting.FieldFacet("date_last")
    return None


def _best_of_ranked(ranked: Any, allowed_docs: set[int], table: _DocTable, limit: int) -> list[Any]:
    """The best page of each of the top ``limit`` allowed documents of a full ranking."""
    best: dict[int, Any] = {}
    for position, (_, docnum) in enumerate(ranked.top_n):
        doc = table.doc_of[docnum]
        if doc in allowed_docs and doc not in best:
            best[doc] = ranked[position]
            if len(best) >= limit:
                break
    return list(best.values())


class WhooshIndex:
    engine = ENGINE

    def __init__(self, path: Path, *, create: bool = True, pnr_key: bytes | None = None) -> None:
        self.path = Path(path)
        self._pnr_key = pnr_key
        marker = self.path / MARKER
        if index.exists_in(str(self.path)):
            version = json.loads(marker.read_text())["schema_version"] if marker.exists() else 0
            if version != SCHEMA_VERSION:
                raise IndexOutOfDateError(
                    f"schema version {version}, this diarium needs {SCHEMA_VERSION}"
                )
            self._ix = index.open_dir(str(self.path))
        elif create:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ix = index.create_in(str(self.path), build_schema())
            marker.write_text(json.dumps({"engine": ENGINE, "schema_version": SCHEMA_VERSION}))
        else:
            raise FileNotFoundError(f"no index in {self.path}")
        self._table: _DocTable | None = None
        self._open_searcher: Searcher | None = None

    # -- writing -----------------------------------------------------------------------
    @contextmanager
    def writer(self, bulk: bool = False) -> Iterator[_Writer]:
        procs = min(BULK_PROCS, os.cpu_count() or 1) if bulk else 1
        try:
            if procs > 1:
                # Whoosh's multi-process writer: each process analyses and writes its own
                # segment (measured 1.8x faster on two cores); segments are merged below.
                raw = self._ix.writer(
                    procs=procs, multisegment=True, limitmb=WRITER_MEMORY_MB // procs
                )
            else:
                raw = self._ix.writer(limitmb=WRITER_MEMORY_MB)
        except LockError as exc:
            raise IndexLockedError(f"the index in {self.path} is locked by another writer") from exc
        try:
            yield _Writer(raw, self._pnr_key)
        except BaseException:
            raw.cancel()
            raise
        raw.commit()
        self._table = None
        if bulk and len(self._ix._segments()) > MAX_SEGMENTS:
            self._merge_small_segments()

    def _merge_small_segments(self) -> None:
        """Bulk batches leave a segment per process; merge the small ones so searches
        do not slow down as batches accumulate."""
        try:
            writer = self._ix.writer(limitmb=WRITER_MEMORY_MB)
        except LockError:
            return  # someone else is writing; they will merge
        writer.commit(merge=True)

    # -- reading -----------------------------------------------------------------------
    @contextmanager
    def _searcher(self) -> Iterator[Searcher]:
        """The searcher of the latest commit, kept open between searches: opening one
        reads every segment's term index (about 4 ms a segment), more than a case-number
        lookup itself takes. A commit by any writer is picked up on the next search."""
        current = self._open_searcher
        # refresh() reuses the segment readers that did not change and releases the
        # rest itself; the old searcher must not be closed on top of that.
        current = self._ix.searcher(weighting=BM25()) if current is None else current.refresh()
        self._open_searcher = current
        yield current

    def close(self) -> None:
        if self._open_searcher is not None:
            self._open_searcher.close()
            self._open_searcher = None

    def warm(self) -> None:
        with self._searcher() as searcher:
            self._doc_table(searcher)

    def _doc_table(self, searcher: Searcher) -> _DocTable:
        generation = (
            searcher.reader().generation() if hasattr(searcher.reader(), "generation") else -1
        )
        if self._table is not None and self._table.generation == generation and generation != -1:
            return self._table
        reader = searcher.reader()
        ids = reader.column_reader("doc_id")
        blobs = reader.column_reader("facets")
        ordinal: dict[str, int] = {}
        doc_of: list[int] = []
        doc_ids: list[str] = []
        facets: list[DocFacets] = []
        for docnum in range(reader.doc_count_all()):
            doc_id = ids[docnum]
            if isinstance(doc_id, bytes):
                doc_id = doc_id.decode("utf-8")
            n = ordinal.get(doc_id)
            if n is None:
                n = ordinal[doc_id] = len(doc_ids)
                doc_ids.append(doc_id)
                facets.append(DocFacets.from_values(json.loads(blobs[docnum])))
            doc_of.append(n)
        self._table = _DocTable(generation, doc_of, doc_ids, facets)
        return self._table

    def _query(self, searcher: Searcher, parsed: ParsedQuery) -> query.Query:
        reader = searcher.reader()

        def terms_with_prefix(fieldname: str, start: str) -> Iterator[str]:
            for term in reader.expand_prefix(fieldname, start):
                yield term.decode("utf-8") if isinstance(term, bytes) else term

        return plan_query(
            parsed, terms_with_prefix, lambda q: any(True for _ in searcher.docs_for_query(q))
        )

    def search(self, request: SearchRequest) -> SearchResult:
        parsed = parse_query(request.query, request.dnr, request.pnr_keys)
        with self._searcher() as searcher:
            table = self._doc_table(searcher)
            q = self._query(searcher, parsed)
            browse = isinstance(q, query.Every)
            if request.hide_restricted:
                q = hide_restricted(q)
            sort = _sorting(request.sort, browse)
            ranked = (
                searcher.search(q, limit=None) if sort is None and self._score_all(q) else None
            )
            if ranked is not None:
                matched = {docnum for _, docnum in ranked.top_n}
            else:
                matched = set(searcher.docs_for_query(q))
            matched_docs = {table.doc_of[d] for d in matched}
            passing = {
                name: passes(table.facets, name, values)
                for name, values in active_filters(request).items()
            }
            allowed_docs = {d for d in matched_docs if all(d in s for s in passing.values())}
            facets = count_facets(table.values, matched_docs, passing) if request.facets else {}
            hits: list[Hit] = []
            if allowed_docs:
                # Without filters every match is allowed: no filter set lets Whoosh use
                # its block-quality shortcuts for the top pages.
                allowed_pages = (
                    {d for d in matched if table.doc_of[d] in allowed_docs} if passing else None
                )
                if ranked is not None:
                    results = _best_of_ranked(ranked, allowed_docs, table, request.limit)
                else:
                    results = self._best_pages(
                        searcher, q, allowed_pages, table, sort, request.limit
                    )
                if sort is not None and not browse:
                    results = self._best_scored_pages(searcher, q, results, table)
                # Sorted by date, Whoosh's "score" is the sort key: no score, as on tantivy.
                hits = [self._hit(r, parsed, sorted_by_date=sort is not None) for r in results]
            suggestion = None
            if not allowed_docs and parsed.text and not parsed.is_lookup():
                suggestion = self._suggest(searcher, parsed.text)
        return SearchResult(
            query=request.query or (request.dnr or ""),
            total=len(allowed_docs),
            hits=hits,
            facets=facets,
            suggestion=suggestion,
        )

    @staticmethod
    def _score_all(q: query.Query) -> bool:
        """Whether to score every match in one pass and take both the match set and the
        ranking from it, instead of matching twice (all matches, then the top pages).
        Measured on 20,000 generated pages: worth it for phrases (positions are read
        without skipping) and for several words (the intersection is built once;
        three-word p95 211 → 143 ms), not for one word, where the top-pages pass can
        skip blocks (p95 94 → 106 ms)."""
        return has_node(q, (query.Phrase, query.And))

    @staticmethod
    def _best_pages(
        searcher: Searcher,
        q: query.Query,
        allowed: set[int] | None,
        table: _DocTable,
        sort: sorting.FacetType | None,
        limit: int,
    ) -> list[Any]:
        """The best page of each of the top ``limit`` documents, in rank order.

        Whoosh's own ``collapse`` ignores a docnum-set ``filter`` (every page comes
        back), so pages are taken in score order until enough documents are seen,
        widening the window when one document holds many of the top pages.
        """
        window = max(limit * 8, 32)
        while True:
            results = searcher.search(q, limit=window, filter=allowed, sortedby=sort)
            best: dict[int, Any] = {}
            for hit in results:
                best.setdefault(table.doc_of[hit.docnum], hit)
                if len(best) >= limit:
                    return list(best.values())
            if results.scored_length() < window:
                return list(best.values())
            window *= 4

    @staticmethod
    def _best_scored_pages(
        searcher: Searcher, q: query.Query, results: list[Any], table: _DocTable
    ) -> list[Any]:
        """Sorted by date, a document's pages tie and the first came first: each
        document's page the query matches best instead (as on tantivy)."""
        only = query.Or([query.Term("doc_id", r["doc_id"]) for r in results])
        best: dict[int, Any] = {}
        for hit in searcher.search(q, limit=len(results) * 8, filter=only):
            best.setdefault(table.doc_of[hit.docnum], hit)
        return [best.get(table.doc_of[r.docnum], r) for r in results]

    def _hit(self, result: Any, parsed: ParsedQuery, sorted_by_date: bool = False) -> Hit:
        score = 0.0 if sorted_by_date else result.score
        return make_hit(result.fields(), result["doc_id"], score, parsed)

    def _suggest(self, searcher: Searcher, text: str) -> str | None:
        reader = searcher.reader()

        def candidates(first: str) -> Iterator[tuple[str, int]]:
            for term in reader.expand_prefix("words", first):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                yield text, reader.doc_frequency("words", text)

        return suggest_query(text, lambda w: bool(reader.frequency("words", w)), candidates)

    def documents_with_dnr(self, dnr: str) -> list[str]:
        result = self.search(SearchRequest(query="", dnr=dnr, limit=50))
        return [hit.id for hit in result.hits]

    def doc_ids(self) -> Iterator[str]:
        with self._searcher() as searcher:
            ids = [
                t.decode("utf-8") if isinstance(t, bytes) else t
                for t in searcher.reader().lexicon("doc_id")
            ]
        yield from ids

    def stored_pages(self) -> Iterator[str]:
        """The document id of every page, each page's stored fields read (see the
        tantivy engine)."""
        with self._searcher() as searcher:
            ids = [str(fields["doc_id"]) for fields in searcher.all_stored_fields()]
        yield from ids

    def stats(self) -> dict[str, Any]:
        with self._searcher() as searcher:
            pages = searcher.doc_count()
            documents = sum(1 for _ in searcher.reader().lexicon("doc_id"))
        size = sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())
        return {
            "engine": ENGINE,
            "documents": documents,
            "pages": pages,
            "size_bytes": size,
            "schema_version": SCHEMA_VERSION,
        }

    def destroy(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


__all__ = ["ENGINE", "WhooshIndex"]
