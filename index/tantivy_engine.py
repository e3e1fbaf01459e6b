"""The tantivy engine behind ``diarium.index.base.SearchIndex``.

tantivy stores and matches; the terms are ours. Each page goes in pre-tokenized with the
Swedish terms of ``diarium.index.analysis`` at their positions (compound parts share their
word's position, as in Whoosh), so phrases, stems, compounds and folding behave as on
the Whoosh engine, and queries run the shared tree of ``diarium.index.query_plan``.

Pages are tantivy's documents but totals, filters and facets count diarium documents.
A document's first page is also its "document row", carrying every term of the
document. A query that holds for a document whichever page matched (a word, words
OR'ed, a case number...) is counted on rows by tantivy, exactly. Any other query (an
AND of page words, a phrase) is counted from its matching pages: up to ``EXACT_PAGES``
of them are read into Python and counted exactly by the rules of ``diarium.index.facets`` (the
Whoosh engine's), in arrays (``diarium.index.facet_table``). Beyond that, reading the pages
would cost more than the rest of the search; the documents holding all the words
anywhere, not necessarily on one page, are counted on rows instead, an upper bound, and
the result says so (``estimated``). The hits are pages holding them all either way.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import tantivy

from diarium.corpus.model import Document
from diarium.index import MARKER
from diarium.index.access import ACCESS_FIELD, RESTRICTED, hide_restricted
from diarium.index.analysis import (
    Term,
    index_forms,
    index_terms,
    pair_list,
    word_list,
    words_for_suggestions,
)
from diarium.index.base import (
    FACET_FIELDS,
    Hit,
    IndexLockedError,
    IndexOutOfDateError,
    SearchRequest,
    SearchResult,
)
from diarium.index.facet_table import FacetTable
from diarium.index.facets import (
    DATE,
    active_filters,
    date_bounds,
    date_number,
    sort_counts,
)
from diarium.index.hits import make_hit
from diarium.index.query import ParsedQuery, parse_query
from diarium.index.query_plan import plan_query
from diarium.index.schema import SCHEMA_VERSION, DocFacets, PageEntry, page_entries
from diarium.index.suggest import suggest_query
from diarium.index.tantivy_query import (
    Occur,
    Query,
    document_level,
    document_level_superset,
    needs_row_restriction,
    row_term,
    to_tantivy,
    with_filters,
)

ENGINE = "tantivy"
# Writer memory, shared by its indexing threads; tantivy flushes a segment when full.
WRITER_HEAP_BYTES = 256_000_000
BULK_THREADS = 2
EXACT_PAGES = 10_000
SEARCH_THREADS = 2
# Facet values listed per facet, the most frequent first.
FACET_BUCKETS = 1000
# ``date_last`` of an undated page: after every date.
UNDATED_LAST = 99_999_999
POSITIONED_FIELDS = ("content", "title", "person", "body")


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw", index_option="basic")
    # Fast fields read per matching page: which document, and which set of facet values.
    sb.add_unsigned_field("doc_key", fast=True)
    sb.add_unsigned_field("facet_key", fast=True)
    sb.add_unsigned_field("date", indexed=True, fast=True)
    # The date again for sorting oldest first with undated documents last.
    sb.add_unsigned_field("date_last", fast=True)
    for name in POSITIONED_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="position")
    sb.add_text_field("content_pairs", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("words", tokenizer_name="whitespace", index_option="basic")
    # On a document's first page only: 1, and all the document's index terms.
    sb.add_unsigned_field("document_row", indexed=True)
    sb.add_text_field("doc_terms", tokenizer_name="whitespace", index_option="basic")
    # Keys of the protocol paragraphs headed on the page (``diarium.index.schema``): page-level.
    sb.add_text_field("paragraph", tokenizer_name="raw", index_option="freq")
    sb.add_text_field("dnr", tokenizer_name="raw", index_option="freq")
    sb.add_text_field("dnr_main", tokenizer_name="raw", index_option="freq")
    sb.add_text_field("pnr", tokenizer_name="raw", index_option="basic")
    sb.add_text_field(ACCESS_FIELD, tokenizer_name="raw", index_option="basic")
    for name in FACET_FIELDS:
        # Filters compare case-folded values; facets count the values as written.
        sb.add_text_field(f"filter_{name}", tokenizer_name="raw", index_option="basic")
        sb.add_text_field(f"facet_{name}", tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_bytes_field("stored", stored=True)
    return sb.build()


def doc_key(doc_id: str) -> int:
    """A document id (hex SHA-256) as the u64 tantivy counts distinct documents by."""
    return int(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).hexdigest(), 16)


def _pre_tokenized(terms: Iterable[Term]) -> tantivy.PreTokenizedString:
    return tantivy.PreTokenizedString(
        "", [tantivy.Token(t.text, t.position, t.start, t.end) for t in terms]
    )


def _content_fields(
    doc: tantivy.Document, forms: list[tuple[str, ...]], words: list[str]
) -> None:
    """The page text's terms (every form at its word's position) and its word pairs,
    the same terms ``index_terms`` and ``pair_terms`` give Whoosh, computed from one
    word list: this is most of the cost of indexing a page."""
    doc.add_pre_tokenized_text(
        "content",
        tantivy.PreTokenizedString(
            "",
            [tantivy.Token(form, pos, 0, 0) for pos, fs in enumerate(forms) for form in fs],
        ),
    )
    # Pairs need no positions: tantivy's whitespace tokenizer splits them, no Token
    # objects from Python.
    doc.add_text("content_pairs", " ".join(pair_list([fs[0] for fs in forms], words)))


@dataclass
class DocumentRow:
    """What a document's first page carries for the whole document: it then stands for
    the document when documents are counted (``diarium.index.tantivy_query.document_level``)."""

    terms: list[str]  # every index term of every page, once
    vocabulary: list[str]  # the words "Menade du" may offer


class DocumentFields:
    """The fields every page of one document shares, prepared once for all its pages
    (title, people and bodies analysed once, the stored metadata encoded once)."""

    def __init__(self, entry: PageEntry) -> None:
        f = entry.facets
        facets_json = f.to_json()
        self.title = entry.title
        self.doc_id = entry.doc_id
        self.doc_key = doc_key(entry.doc_id)
        self.facet_key = doc_key(facets_json)
        self.date = date_number(entry.document_date or "")
        self.small_terms = {
            "title": list(index_terms(entry.title)),
            "person": list(index_terms("\n".join(f.person))),
            "body": list(index_terms("\n".join(f.body))),
        }
        self.small = {name: _pre_tokenized(terms) for name, terms in self.small_terms.items()}
        self.case_numbers = [("dnr", key.lower()) for key in entry.dnr_keys] + [
            ("dnr_main", key.lower()) for key in entry.dnr_main_keys
        ] + [("pnr", digest) for digest in entry.pnr_hashes]
        if entry.access == RESTRICTED:
            self.case_numbers.append((ACCESS_FIELD, RESTRICTED))
        self.keywords = list(self.case_numbers)
        for name in FACET_FIELDS:
            for value in f.values(name):
                self.keywords.append((f"filter_{name}", value.casefold()))
                self.keywords.append((f"facet_{name}", value))
        shared = {
            "filename": entry.filename,
            "source": entry.source,
            "facets": json.loads(facets_json),
            "meta": entry.hit_meta(),
        }
        # The stored record of a page is this plus its number and text.
        self.stored_tail = json.dumps(shared, ensure_ascii=False)[1:]

    def row(
        self,
        page_forms: list[list[tuple[str, ...]]],
        page_words: list[list[str]],
        paragraphs: list[str],
    ) -> DocumentRow:
        """The document-wide terms its first page carries (see ``DocumentRow``)."""
        terms = dict.fromkeys(chain.from_iterable(chain.from_iterable(page_forms)))
        terms.update(dict.fromkeys(row_term("paragraph", key) for key in paragraphs))
        for field, field_terms in self.small_terms.items():
            terms.update(dict.fromkeys(row_term(field, t.text) for t in field_terms))
        terms.update(dict.fromkeys(row_term(field, key) for field, key in self.case_numbers))
        vocabulary = words_for_suggestions(
            [*word_list(self.title), *chain.from_iterable(page_words)]
        )
        return DocumentRow(list(terms), vocabulary)

    def page(
        self,
        number: int,
        text: str,
        forms: list[tuple[str, ...]],
        words: list[str],
        row: DocumentRow | None,
        paragraphs: list[str],
    ) -> tantivy.Document:
        """One page as tantivy stores it; ``forms`` are the index forms of its words, and
        ``row`` the document-wide terms, given with the first page."""
        doc = tantivy.Document()
        doc.add_text("doc_id", self.doc_id)
        doc.add_unsigned("doc_key", self.doc_key)
        doc.add_unsigned("facet_key", self.facet_key)
        doc.add_unsigned("date", self.date)
        doc.add_unsigned("date_last", self.date or UNDATED_LAST)
        _content_fields(doc, forms, words)
        for key in paragraphs:
            doc.add_text("paragraph", key)
        for name, tokens in self.small.items():
            doc.add_pre_tokenized_text(name, tokens)
        if row is not None:
            doc.add_unsigned("document_row", 1)
            doc.add_text("doc_terms", " ".join(row.terms))
            doc.add_text("words", " ".join(row.vocabulary))
        for name, value in self.keywords:
            doc.add_text(name, value)
        stored = f'{{"page": {number}, "content": {json.dumps(text, ensure_ascii=False)}, '
        doc.add_bytes("stored", (stored + self.stored_tail).encode("utf-8"))
        return doc


class _Writer:
    def __init__(self, writer: tantivy.IndexWriter, pnr_key: bytes | None = None) -> None:
        self._writer = writer
        self._pnr_key = pnr_key

    def add_document(self, doc: Document) -> None:
        # tantivy applies a delete to what was added before it, in this batch too.
        self._writer.delete_documents_by_term("doc_id", doc.id)
        entries = page_entries(doc, self._pnr_key)
        if not entries:
            return
        shared = DocumentFields(entries[0])
        page_words = [word_list(entry.content) for entry in entries]
        page_forms = [list(map(index_forms, words)) for words in page_words]
        row = shared.row(
            page_forms, page_words, [k for entry in entries for k in entry.paragraph_keys]
        )
        for n, entry in enumerate(entries):
            page = shared.page(
                entry.page,
                entry.content,
                page_forms[n],
                page_words[n],
                row if n == 0 else None,
                entry.paragraph_keys,
            )
            self._writer.add_document(page)

    def delete_document(self, doc_id: str) -> None:
        self._writer.delete_documents_by_term("doc_id", doc_id)


@dataclass
class _Ranked:
    """Matching pages in rank order, with their document and facet keys."""

    addresses: list[tantivy.DocAddress]
    scores: list[float]
    doc_keys: list[int]
    count: int  # all matching pages, when asked for; else how many are here


def _best_pages(doc_keys: list[int], limit: int) -> list[int]:
    """Positions of the first (best) page of each of the first ``limit`` documents."""
    seen: set[int] = set()
    picks: list[int] = []
    for i, key in enumerate(doc_keys):
        if key not in seen:
            seen.add(key)
            picks.append(i)
            if len(picks) >= limit:
                break
    return picks


def _first_pages(ranked: _Ranked, doc_keys: list[int]) -> list[int]:
    """Positions of the best (first) page of each of ``doc_keys``, in their order: the
    documents of the exact path's top, which filters may have taken from deep down."""
    wanted = set(doc_keys)
    first: dict[int, int] = {}
    for i, key in enumerate(ranked.doc_keys):
        if key in wanted:
            first.setdefault(key, i)
            if len(first) == len(wanted):
                break
    return [first[key] for key in doc_keys]


class TantivyIndex:
    engine = ENGINE

    def __init__(self, path: Path, *, create: bool = True, pnr_key: bytes | None = None) -> None:
        self.path = Path(path)
        self._pnr_key = pnr_key
        marker = self.path / MARKER
        if marker.exists() and tantivy.Index.exists(str(self.path)):
            state = json.loads(marker.read_text())
            if state.get("engine") != ENGINE or state.get("schema_version") != SCHEMA_VERSION:
                raise IndexOutOfDateError(
                    f"{state.get('engine')} index of schema version "
                    f"{state.get('schema_version')}, this diarium needs {ENGINE} "
                    f"version {SCHEMA_VERSION}"
                )
            self._ix = tantivy.Index.open(str(self.path))
        elif create:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ix = tantivy.Index(build_schema(), path=str(self.path), reuse=False)
            marker.write_text(json.dumps({"engine": ENGINE, "schema_version": SCHEMA_VERSION}))
        else:
            raise FileNotFoundError(f"no index in {self.path}")
        self._schema = self._ix.schema
        self._meta_stamp = self._stamp()
        self._facets = FacetTable()
        self._held_writer: tantivy.IndexWriter | None = None
        # Counting beside ranking: tantivy searches without the GIL.
        self._pool = ThreadPoolExecutor(max_workers=SEARCH_THREADS)

    # -- writing -----------------------------------------------------------------------
    @contextmanager
    def writer(self, bulk: bool = False) -> Iterator[_Writer]:
        # A bulk run keeps one writer from batch to batch (each batch still commits):
        # segment merges then run in the background instead of stalling every batch.
        raw = self._held_writer or self._open_writer(BULK_THREADS if bulk else 1)
        self._held_writer = None
        try:
            yield _Writer(raw, self._pnr_key)
        except BaseException:
            raw.rollback()
            raw.wait_merging_threads()
            raise
        raw.commit()
        if bulk:
            self._held_writer = raw
        else:
            self._release(raw)
        self._ix.reload()
        self._meta_stamp = self._stamp()

    def _open_writer(self, threads: int) -> tantivy.IndexWriter:
        try:
            return self._ix.writer(heap_size=WRITER_HEAP_BYTES, num_threads=threads)
        except ValueError as exc:
            if "lock" in str(exc).lower():
                raise IndexLockedError(
                    f"the index in {self.path} is locked by another writer"
                ) from exc
            raise

    @staticmethod
    def _release(raw: tantivy.IndexWriter) -> None:
        # Merges started by the last commit finish here, and tantivy then deletes the
        # files of merged-away segments: an index whose old segments are never collected
        # grows without bound under re-ingest (tests/test_engines.py holds it to a bound).
        raw.wait_merging_threads()

    def close(self) -> None:
        """End of a run: finish merges and release the write lock (even when the writer
        died of an I/O error, such as a full disk)."""
        if self._held_writer is not None:
            held, self._held_writer = self._held_writer, None
            self._release(held)
            self._ix.reload()
            self._meta_stamp = self._stamp()

    # -- reading -----------------------------------------------------------------------
    def _stamp(self) -> float:
        meta = self.path / "meta.json"
        return meta.stat().st_mtime_ns if meta.exists() else 0.0

    def _searcher(self) -> tantivy.Searcher:
        """The searcher of the latest commit, by this process or any other."""
        stamp = self._stamp()
        if stamp != self._meta_stamp:
            self._ix.reload()
            self._meta_stamp = stamp
        return self._ix.searcher()

    def search(self, request: SearchRequest) -> SearchResult:
        parsed = parse_query(request.query, request.dnr, request.pnr_keys)
        searcher = self._searcher()
        tree = self._plan(searcher, parsed)
        if request.hide_restricted:
            tree = hide_restricted(tree)
        q = to_tantivy(tree, self._schema)
        # No words: newest first, as on Whoosh.
        browse = not parsed.text and not parsed.is_lookup()
        order = "-date" if browse and request.sort == "relevance" else request.sort
        filters = active_filters(request)
        per_document = document_level(tree)
        if per_document is not None:
            row_q = to_tantivy(per_document, self._schema)
            result = self._search_by_document_rows(
                searcher,
                q,
                row_q,
                needs_row_restriction(per_document),
                filters,
                request,
                parsed,
                order,
            )
        else:
            window = max(request.limit * 8, 32)
            first = self._ranked(searcher, q, window, order, count=True)
            superset = document_level_superset(tree) if first.count > EXACT_PAGES else None
            if superset is None:
                ranked = first
                if first.count > len(first.addresses):
                    ranked = self._ranked(searcher, q, first.count, order)
                result = self._search_exact(searcher, ranked, filters, request, parsed)
            else:
                # Too many pages to read: the documents holding the words anywhere are
                # counted instead, on document rows, and the result says it estimated.
                result = self._search_by_document_rows(
                    searcher,
                    q,
                    to_tantivy(superset, self._schema),
                    needs_row_restriction(superset),
                    filters,
                    request,
                    parsed,
                    order,
                    first if not filters else None,
                )
                result.estimated = True
        if order != "relevance" and not browse and result.hits:
            result.hits = self._with_best_pages(searcher, q, result.hits, parsed)
        if not result.total and parsed.text and not parsed.is_lookup():
            result.suggestion = self._suggest(searcher, parsed.text)
        return result

    def _with_best_pages(
        self, searcher: tantivy.Searcher, q: tantivy.Query, hits: list[Hit], parsed: ParsedQuery
    ) -> list[Hit]:
        """Sorted by date, a document's pages tie and the first came first: show each
        document's page the query matches best instead (one search over these
        documents' pages, by score)."""
        only = Query.boolean_query(
            [(Occur.Should, Query.term_query(self._schema, "doc_id", h.id)) for h in hits]
        )
        found = searcher.search(
            Query.boolean_query([(Occur.Must, q), (Occur.Must, only)]), limit=len(hits) * 8
        )
        addresses = [address for _, address in found.hits]
        best: dict[int, tantivy.DocAddress] = {}
        for key, address in zip(
            searcher.fast_field_values("doc_key", addresses), addresses, strict=True
        ):
            best.setdefault(key, address)
        out: list[Hit] = []
        for hit in hits:
            address = best.get(doc_key(hit.id))
            if address is None:
                out.append(hit)
                continue
            data = self._stored(searcher, address)
            out.append(make_hit(data, data["doc_id"], 0.0, parsed))
        return out

    def _plan(self, searcher: tantivy.Searcher, parsed: ParsedQuery) -> Any:
        def terms_with_prefix(field: str, start: str) -> list[str]:
            return [term for term, _ in searcher.terms_with_prefix(field, start)]

        def matches_any(tree: Any) -> bool:
            return searcher.search(to_tantivy(tree, self._schema), limit=1).count > 0

        return plan_query(parsed, terms_with_prefix, matches_any)

    def _search_by_document_rows(
        self,
        searcher: tantivy.Searcher,
        q: tantivy.Query,
        row_q: tantivy.Query,
        restrict_to_rows: bool,
        filters: dict[str, list[str]],
        request: SearchRequest,
        parsed: ParsedQuery,
        order: str,
        ranked: _Ranked | None = None,
    ) -> SearchResult:
        """Totals and facets counted by tantivy over document rows, exactly and without
        reading matches into Python; pages ranked as usual (``ranked``: the top of the
        ranking, when already fetched and no filter changes it)."""
        filter_queries = self._filter_queries(filters)
        rows = row_q
        if restrict_to_rows:
            is_row = Query.term_query(self._schema, "document_row", 1)
            rows = Query.boolean_query([(Occur.Must, row_q), (Occur.Must, is_row)])
        # Counting runs on the other core (tantivy releases the GIL) while pages are
        # ranked and read here.
        total = self._pool.submit(
            searcher.search, with_filters(rows, list(filter_queries.values())), 1, True
        )
        counts = (
            self._pool.submit(
                self._aggregate_facets, searcher, rows, filter_queries
            )
            if request.facets
            else None
        )
        full = with_filters(q, list(filter_queries.values()))
        hits = self._top_documents(searcher, full, request, parsed, order, ranked)
        return SearchResult(
            query=request.query or (request.dnr or ""),
            total=total.result().count,
            hits=hits,
            facets=counts.result() if counts is not None else {},
        )

    def _top_documents(
        self,
        searcher: tantivy.Searcher,
        q: tantivy.Query,
        request: SearchRequest,
        parsed: ParsedQuery,
        order: str,
        ranked: _Ranked | None = None,
    ) -> list[Hit]:
        """The best page of each of the top documents, looking further down the ranking
        while one document holds most of the top pages."""
        window = max(request.limit * 8, 32)
        ranked = ranked or self._ranked(searcher, q, window, order)
        while True:
            picks = _best_pages(ranked.doc_keys, request.limit)
            if len(picks) >= request.limit or len(ranked.addresses) < window:
                break
            window *= 4
            ranked = self._ranked(searcher, q, window, order)
        return [self._hit(searcher, ranked, i, parsed) for i in picks]

    def _ranked(
        self,
        searcher: tantivy.Searcher,
        q: tantivy.Query,
        limit: int,
        order: str,
        count: bool = False,
    ) -> _Ranked:
        if order != "relevance":
            # Newest first: undated pages (date 0) come last; oldest first reads
            # ``date_last``, where they come last too.
            field, direction = (
                ("date", tantivy.Order.Desc)
                if order == "-date"
                else ("date_last", tantivy.Order.Asc)
            )
            result = searcher.search(
                q, limit=limit, count=count, order_by_field=field, order=direction
            )
            scores = [0.0] * len(result.hits)
        else:
            result = searcher.search(q, limit=limit, count=count)
            scores = [score for score, _ in result.hits]
        addresses = list(map(itemgetter(1), result.hits))
        return _Ranked(
            addresses,
            scores,
            searcher.fast_field_values("doc_key", addresses),
            result.count if count else len(addresses),
        )

    def _stored(self, searcher: tantivy.Searcher, address: tantivy.DocAddress) -> dict[str, Any]:
        doc = searcher.doc(address)
        data: dict[str, Any] = json.loads(bytes(doc.get_first("stored")).decode("utf-8"))
        data["doc_id"] = doc.get_first("doc_id")
        return data

    def _facet_rows(
        self,
        searcher: tantivy.Searcher,
        keys: list[int],
        page_keys: list[int],
        pages: list[tantivy.DocAddress],
    ) -> list[int]:
        """The facet table's row of each of ``keys``; a key the table does not hold yet
        is read from the stored facets of a page with that key (``page_keys[i]`` is the
        key of ``pages[i]``)."""
        rows = self._facets.rows(keys)
        if None in rows:
            page_of = dict(zip(page_keys, pages, strict=True))
            for i, row in enumerate(rows):
                if row is None:
                    stored = self._stored(searcher, page_of[keys[i]])["facets"]
                    rows[i] = self._facets.add(keys[i], DocFacets.from_values(stored))
        return rows  # type: ignore[return-value]

    def warm(self) -> None:
        """Load every document's facet values into the facet table, so that no search
        of a long-running process pays for reading them (about 50 µs a document)."""
        searcher = self._searcher()
        rows = Query.term_query(self._schema, "document_row", 1)
        found = searcher.search(rows, limit=max(1, searcher.num_docs))
        addresses = [address for _, address in found.hits]
        keys = searcher.fast_field_values("facet_key", addresses)
        self._facet_rows(searcher, keys, keys, addresses)

    def _search_exact(
        self,
        searcher: tantivy.Searcher,
        ranked: _Ranked,
        filters: dict[str, list[str]],
        request: SearchRequest,
        parsed: ParsedQuery,
    ) -> SearchResult:
        """Every matching page in hand: exact totals and counts, the Whoosh way."""
        counts: dict[str, dict[str, int]] = {}
        if filters or request.facets:
            # Each document once, in the order of its best page (a dict keeps the first
            # insertion's place); all its pages share its facet key.
            page_facets = searcher.fast_field_values("facet_key", ranked.addresses)
            doc_facet = dict(zip(ranked.doc_keys, page_facets, strict=True))
            keys = list(doc_facet)
            rows = self._facet_rows(
                searcher, list(doc_facet.values()), page_facets, ranked.addresses
            )
            allowed, counts = self._facets.count(rows, filters, request.facets, FACET_BUCKETS)
            positions = np.flatnonzero(allowed)
            total = len(positions)
            shown = [keys[d] for d in positions[: request.limit]]
        else:
            keys = list(dict.fromkeys(ranked.doc_keys))
            total = len(keys)
            shown = keys[: request.limit]
        return SearchResult(
            query=request.query or (request.dnr or ""),
            total=total,
            hits=[self._hit(searcher, ranked, i, parsed) for i in _first_pages(ranked, shown)],
            facets=counts,
        )

    def _filter_queries(self, filters: dict[str, list[str]]) -> dict[str, tantivy.Query]:
        out: dict[str, tantivy.Query] = {}
        for name, values in filters.items():
            if name == DATE:
                low, high = date_bounds(*values)
                out[name] = Query.range_query(
                    self._schema, "date", tantivy.FieldType.Unsigned, low, high
                )
            else:
                out[name] = Query.boolean_query(
                    [
                        (Occur.Should, Query.term_query(self._schema, f"filter_{name}", v))
                        for v in sorted({v.casefold() for v in values})
                    ]
                )
        return out

    def _aggregate_facets(
        self,
        searcher: tantivy.Searcher,
        rows: tantivy.Query,
        filter_queries: dict[str, tantivy.Query],
    ) -> dict[str, dict[str, int]]:
        """Facet counts by tantivy's terms aggregation over document rows (one row per
        document, so a row count is a document count)."""
        # Facets whose own filter is off share one aggregation over the fully filtered
        # query; each filtered facet gets its own, without its filter.
        groups: dict[str, list[str]] = {}
        for name in FACET_FIELDS:
            groups.setdefault(name if name in filter_queries else "", []).append(name)
        out: dict[str, dict[str, int]] = {}
        for own, names in groups.items():
            others = [f for key, f in filter_queries.items() if key != own]
            spec = {
                name: {"terms": {"field": f"facet_{name}", "size": FACET_BUCKETS}}
                for name in names
            }
            result = searcher.aggregate(with_filters(rows, others), spec)
            for name in names:
                buckets = result.get(name, {}).get("buckets", [])
                out[name] = sort_counts({str(b["key"]): b["doc_count"] for b in buckets})
        return {name: out[name] for name in FACET_FIELDS}

    def _hit(self, searcher: tantivy.Searcher, ranked: _Ranked, i: int, parsed: ParsedQuery) -> Hit:
        data = self._stored(searcher, ranked.addresses[i])
        return make_hit(data, data["doc_id"], ranked.scores[i], parsed)

    def _suggest(self, searcher: tantivy.Searcher, text: str) -> str | None:
        def known(word: str) -> bool:
            return searcher.doc_freq("words", word) > 0

        return suggest_query(text, known, lambda first: searcher.terms_with_prefix("words", first))

    def documents_with_dnr(self, dnr: str) -> list[str]:
        result = self.search(SearchRequest(query="", dnr=dnr, limit=50))
        return [hit.id for hit in result.hits]

    def doc_ids(self) -> Iterator[str]:
        searcher = self._searcher()
        live = searcher.terms_with_prefix("doc_id", "", filter_query=Query.all_query())
        yield from (term for term, count in live if count > 0)

    def stored_pages(self) -> Iterator[str]:
        """The document id of every page in the index, each page's stored record read
        and decoded: damage that only shows when a page is shown (flipped bytes in a
        store file) surfaces here, and an id seen too often is a duplicate."""
        searcher = self._searcher()
        if not searcher.num_docs:
            return
        hits = searcher.search(Query.all_query(), limit=searcher.num_docs).hits
        for _score, address in hits:
            yield self._stored(searcher, address)["doc_id"]

    def stats(self) -> dict[str, Any]:
        searcher = self._searcher()
        # Every document has exactly one document row: counting them is one lookup,
        # where listing the ids took 0.4 s at 20,000 documents.
        rows = Query.term_query(self._schema, "document_row", 1)
        documents = searcher.search(rows, limit=1, count=True).count
        size = sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())
        return {
            "engine": ENGINE,
            "documents": documents,
            "pages": searcher.num_docs,
            "size_bytes": size,
            "schema_version": SCHEMA_VERSION,
            "segments": searcher.num_segments,
        }

    def destroy(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
