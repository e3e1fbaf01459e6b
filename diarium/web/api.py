"""The JSON API under ``/api/``: the same JSON as ``diarium search --json``, ``diarium
show --json`` and ``diarium stats --json``; errors as ``{"error": message}`` with the
status of :mod:`diarium.web.errors`."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from diarium.app import documents, search, stats
from diarium.web.params import SearchState

router = APIRouter(prefix="/api", tags=["api"])


class JSON(Response):
    """JSON written straight from the application's dicts: FastAPI's own path (encoder,
    response validation) costs a search's facet counts several milliseconds more."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False).encode("utf-8")


Many = Annotated[list[str], Query()]


@router.get("/search", summary="Search the documents", response_class=JSON)
def api_search(
    request: Request,
    q: Annotated[str, Query(description="Words, \"phrases\", AND/OR/NOT, field:, prefix*, "
                            "or a case number in any written form")] = "",
    dnr: Annotated[str, Query(description="A case number, in any written form")] = "",
    year: Many = [],  # noqa: B006 - FastAPI copies defaults per request
    type: Many = [],  # noqa: B006
    municipality: Many = [],  # noqa: B006
    organ: Annotated[
        list[str], Query(description="The body that decided or authored the document")
    ] = [],  # noqa: B006
    body: Annotated[list[str], Query(description="Any body the document names")] = [],  # noqa: B006
    person: Many = [],  # noqa: B006
    date_from: Annotated[str, Query(alias="from", description="ISO date, inclusive")] = "",
    date_to: Annotated[str, Query(alias="to", description="ISO date, inclusive")] = "",
    sort: Annotated[
        str,
        Query(
            pattern="^(relevance|date|-date)$",
            description="relevance, date (oldest first) or -date (newest first)",
        ),
    ] = "relevance",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=1000)] = 0,
) -> JSON:
    """Ranked documents with their best page and a snippet (matched words in `[[…]]`),
    facet counts, and a "Menade du" suggestion when nothing matches. Several values of
    one filter are OR'ed, different filters AND'ed. With a date or year filter,
    `undated_left_out` counts the documents without a found date it left out; `year=utan
    datum` asks for those."""
    state = SearchState.from_pairs(request.query_params.multi_items())
    query = state.query(facets=True, per_page=limit)
    query.offset = offset
    result = search.search(request.app.state.home, query, request.app.state.index)
    return JSON(result.to_dict())


@router.get(
    "/documents/{ref:path}",
    summary="A document by id, id prefix or case number",
    response_class=JSON,
)
def api_document(request: Request, ref: str) -> JSON:
    """One document's JSON (as `diarium show --json`); a list when a case number names
    several documents."""
    docs = documents.find(request.app.state.home, ref)
    return JSON(docs[0].to_dict() if len(docs) == 1 else [d.to_dict() for d in docs])


@router.get("/stats", summary="What the home holds", response_class=JSON)
def api_stats(request: Request) -> JSON:
    """Documents, pages, engine, index and corpus size, last ingest."""
    return JSON(stats.stats(request.app.state.home, request.app.state.index))


@router.get("/intake", summary="Today's intake", response_class=JSON)
def api_intake(request: Request) -> JSON:
    """As ``diarium status --json``: ingested today, queued by the watcher, failed."""
    from diarium.app.intake import intake_status

    return JSON(intake_status(request.app.state.home).to_dict())
