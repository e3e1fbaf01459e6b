"""The JSON API under ``/api/``: the same JSON as ``diarium search --json``, ``diarium
show --json`` and ``diarium stats --json``; errors as ``{"error": message}`` with the
status of :mod:`diarium.web.errors`."""

from __future__ import annotations

import inspect
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from diarium.app import documents, search, stats
from diarium.index.filters import FILTERS, SORTS
from diarium.web.auth import viewer
from diarium.web.security import NO_STORE

router = APIRouter(prefix="/api", tags=["api"])


class JSON(Response):
    """JSON written straight from the application's dicts: FastAPI's own path (encoder,
    response validation) costs a search's facet counts several milliseconds more."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False).encode("utf-8")


def _filters(**given: list[str] | str) -> dict[str, list[str] | str]:
    """The declared filters' values (index/filters.py) keyed by field, read by FastAPI
    from the parameters below, which it also documents in the OpenAPI schema."""
    return given


# One query parameter per declared filter: a list for a repeatable one, else one value.
_filters.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            f.field,
            inspect.Parameter.KEYWORD_ONLY,
            default=[] if f.many else "",
            annotation=Annotated[
                list[str] if f.many else str, Query(alias=f.param, description=f.help)
            ],
        )
        for f in FILTERS
    ]
)


@router.get("/search", summary="Search the documents", response_class=JSON)
def api_search(
    request: Request,
    filters: Annotated[dict[str, list[str] | str], Depends(_filters)],
    q: Annotated[str, Query(description="Words, \"phrases\", AND/OR/NOT, field:, prefix*, "
                            "or a case number in any written form")] = "",
    dnr: Annotated[str, Query(description="A case number, in any written form")] = "",
    sort: Annotated[
        str,
        Query(
            pattern=f"^({'|'.join(SORTS)})$",
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
    query = search.SearchQuery.with_filters(
        filters,
        text=q.strip(),
        dnr=dnr.strip() or None,
        sort=sort,
        limit=limit,
        offset=offset,
        facets=True,
    )
    result = search.search(request.app.state.home, query, request.app.state.index, viewer(request))
    out = result.to_dict()
    for hit in out["hits"]:
        del hit["source"]  # a path on the server: the id addresses the document
    private = any(h.restricted for h in result.hits)
    return JSON(out, headers=NO_STORE if private else None)


@router.get(
    "/documents/{ref:path}",
    summary="A document by id, id prefix or case number",
    response_class=JSON,
)
def api_document(request: Request, ref: str) -> JSON:
    """One document's JSON (as `diarium show --json`); a list when a case number names
    several documents."""
    docs = documents.find(
        request.app.state.home, ref, request.app.state.index, viewer=viewer(request)
    )
    shown = [_without_path(d.to_dict()) for d in docs]
    private = any(d.access == "restricted" for d in docs)
    return JSON(shown[0] if len(shown) == 1 else shown, headers=NO_STORE if private else None)


def _without_path(doc: dict[str, Any]) -> dict[str, Any]:
    """A document's JSON without its path on the server (``source``)."""
    doc.pop("source", None)
    return doc


@router.get("/stats", summary="What the home holds", response_class=JSON)
def api_stats(request: Request) -> JSON:
    """Documents, pages, engine, index and corpus size, last ingest (officers and up:
    a count of documents would tell a reader that restricted ones exist)."""
    if not viewer(request).sees_restricted:
        return JSON({"error": "only officers and up may see the archive's figures"}, 403)
    info = stats.stats(request.app.state.home, request.app.state.index)
    info.pop("home", None)  # a path on the server
    return JSON(info)


@router.get("/intake", summary="Today's intake", response_class=JSON)
def api_intake(request: Request) -> JSON:
    """As ``diarium status --json``: ingested today, queued by the watcher, failed
    (officers and up: file names of restricted documents are in it)."""
    from diarium.app.intake import intake_status

    if not viewer(request).sees_restricted:
        return JSON({"error": "only officers and up may see the intake"}, 403)
    return JSON(intake_status(request.app.state.home).to_dict())
