"""Search: one query, its filters and a page of results, for the CLI, the web page and
the JSON API alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from diarium.app.access import Viewer
from diarium.app.disclosure import public_result
from diarium.app.indexes import IndexHandle
from diarium.app.versions import with_versions
from diarium.corpus.errors import UsageError
from diarium.index.base import SORTS, UNDATED, SearchIndex, SearchRequest, SearchResult
from diarium.index.filters import BY_FIELD, FACET_FIELDS, FILTERS
from diarium.ingest.home import Home
from diarium.ingest.indexing import guarded


@dataclass
class SearchQuery:
    """What a user asked for. ``filters`` maps a facet field (``year``, ``doc_type``,
    ``municipality``, ``organ``, ``body``, ``person``) to accepted values: one field's
    values are OR'ed, fields AND'ed. ``offset`` skips that many documents (pagination).
    ``sort``: ``relevance``, ``date`` (oldest first) or ``-date`` (newest first)."""

    text: str = ""
    dnr: str | None = None
    # One identity number (any written form), looked up by its keyed hash; or any.
    pnr: str | None = None
    has_pnr: bool = False
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    limit: int = 10
    offset: int = 0
    facets: bool = False
    sort: str = "relevance"

    @classmethod
    def with_filters(
        cls, given: Mapping[str, str | Sequence[str] | None], **rest: Any
    ) -> SearchQuery:
        """A query from the values of the declared filters (index/filters.py) keyed by
        field, as the CLI's options, the page's URL and the API's parameters give them:
        the facets into ``filters``, the date bounds into ``date_from``/``date_to``."""
        facets: dict[str, list[str]] = {}
        dates: dict[str, str | None] = {}
        for f in FILTERS:
            value = given.get(f.field)
            if f.many:
                values = [value] if isinstance(value, str) else list(value or ())
                if values:
                    facets[f.field] = values
            else:
                dates[f.field] = value if isinstance(value, str) and value else None
        return cls(filters=facets, **dates, **rest)

    def is_empty(self) -> bool:
        return not (
            self.text.strip() or self.dnr or self.pnr or self.has_pnr or self.active_filters()
            or self.date_from or self.date_to
        )

    def active_filters(self) -> dict[str, list[str]]:
        return {k: [v for v in vs if v] for k, vs in self.filters.items() if any(vs)}


def validate(query: SearchQuery) -> SearchQuery:
    """The query with empty filters dropped; a ``UsageError`` naming what is wrong."""
    if query.is_empty():
        raise UsageError("give a query, a case number or a filter")
    unknown = sorted(set(query.filters) - set(FACET_FIELDS))
    if unknown:
        raise UsageError(f"unknown filter {', '.join(unknown)} (known: {', '.join(FACET_FIELDS)})")
    # Each value read by its filter's declared parser: the same check and the same
    # widening (``from 2021``) whichever way the query came.
    filters = {
        name: [BY_FIELD[name].parse(v) for v in values]
        for name, values in query.active_filters().items()
    }
    date_from = BY_FIELD["date_from"].parse(query.date_from) if query.date_from else None
    date_to = BY_FIELD["date_to"].parse(query.date_to) if query.date_to else None
    if date_from and date_to and date_from > date_to:
        # It could only ever find nothing, which looks like "no such decision".
        raise UsageError(
            f"from {query.date_from} is after to {query.date_to}: nothing can be dated so"
        )
    if query.sort not in SORTS:
        raise UsageError(f"sort {query.sort!r} is not one of {', '.join(SORTS)}")
    if query.limit < 1 or query.offset < 0:
        raise UsageError("limit must be at least 1 and offset not negative")
    return replace(
        query,
        text=query.text.strip(),
        dnr=(query.dnr or "").strip() or None,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
    )


def search(
    home: Home,
    query: SearchQuery,
    handle: IndexHandle | None = None,
    viewer: Viewer | None = None,
) -> SearchResult:
    """Run the query on the home's index; hits from ``offset`` on, at most ``limit``,
    through the disclosure gate. ``handle`` is a long-lived server's open index; the
    CLI passes none and the index is opened for this call. ``viewer``: the web user
    asking; one who may not see restricted documents gets a search without them (hits,
    totals, facets and suggestions alike)."""
    query = validate(query)
    handle = handle or IndexHandle(home)
    request = SearchRequest(
        query=query.text,
        dnr=query.dnr,
        limit=query.offset + query.limit,
        filters=query.filters,
        date_from=query.date_from,
        date_to=query.date_to,
        facets=query.facets,
        sort=query.sort,
        hide_restricted=viewer is not None and not viewer.sees_restricted,
    )
    if query.pnr:
        from diarium.ingest.pnr_lookup import pnr_search_keys

        request.pnr_keys = pnr_search_keys(home, query.pnr)
    elif query.has_pnr:
        from diarium.index.schema import HAS_PNR_TERM

        request.pnr_keys = [HAS_PNR_TERM]
    with handle.reading() as index, guarded(home):
        result = index.search(request)
        if result.suggestion and request.hide_restricted:
            result = replace(result, suggestion=_found_by(index, request, result.suggestion))
        left_out = _undated_left_out(index, request)
    if left_out is not None:
        result = replace(result, undated_left_out=left_out)
    if not result.query:
        shown = f"--pnr {query.pnr}" if query.pnr else "--has-pnr" if query.has_pnr else ""
        result = replace(result, query=shown)
    if query.offset:
        result = replace(result, hits=result.hits[query.offset :])
    return public_result(with_versions(home, result))


def _found_by(index: SearchIndex, request: SearchRequest, suggestion: str) -> str | None:
    """The suggestion, if it finds something this viewer may see: the vocabulary it
    comes from holds the words of restricted documents too, and offering one of those
    would tell a reader that such a document exists."""
    probe = replace(request, query=suggestion, dnr=None, limit=1, facets=False)
    return suggestion if index.search(probe).total else None


def _undated_left_out(index: SearchIndex, request: SearchRequest) -> int | None:
    """How many documents without a found date match the search but were left out by
    its date or year filter; None when it has no such filter (or asks for undated
    documents itself). One more search, only when such a filter is given."""
    years = request.filters.get("year", [])
    if not (request.date_from or request.date_to or years) or UNDATED in years:
        return None
    filters = {**request.filters, "year": [UNDATED]}
    undated = replace(
        request, filters=filters, date_from=None, date_to=None, facets=False, limit=1
    )
    return index.search(undated).total
