"""The HTML pages: search, document, and the original PDF. Every handler reads the
request into the application API's terms, calls it, and renders a template; document
text reaches the templates only through the application API (the disclosure gate)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse

from corpus.errors import DiariumError, UsageError
from diarium.app import documents, search
from diarium.app.disclosure import public_text
from diarium.app.highlight import mark_page
from diarium.web.auth import csrf_token, current_user, viewer
from diarium.web.errors import http_status, public_message
from diarium.web.params import URL_NAMES, SearchState
from diarium.web.security import NO_STORE

router = APIRouter(include_in_schema=False)
# HEAD as well as GET: link checkers and monitors ask for headers only.
PAGE_METHODS = ["GET", "HEAD"]

FACET_LABELS = {
    "year": "År",
    "doc_type": "Typ",
    "municipality": "Kommun",
    "organ": "Organ",
    "body": "Nämns",
    "person": "Person",
}
FACET_SHOWN = 12  # values per facet, besides the ones switched on
ENTITY_LABELS = {"DNR": "Diarienummer", "DATE": "Datum", "PERSON": "Personer", "BODY": "Nämns"}


def _render(
    request: Request,
    template: str,
    status: int = 200,
    *,
    private: bool = False,
    **context: Any,
) -> HTMLResponse:
    """``private``: the page shows restricted or unmasked text, which no cache may keep."""
    user = current_user(request)
    html = request.app.state.templates.get_template(template).render(
        user=user, csrf=csrf_token(request) if user else "", **context
    )
    return HTMLResponse(html, status_code=status, headers=NO_STORE if private else None)


@router.api_route("/", methods=PAGE_METHODS, response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    context: dict[str, Any] = {"labels": FACET_LABELS, "url_names": URL_NAMES}
    try:
        state = SearchState.from_pairs(request.query_params.multi_items())
    except UsageError as exc:
        state = SearchState()
        error = _said(request, exc)
        return _render(request, "search.html", 400, state=state, error=error, **context)
    context["state"] = _echoed(state)
    if state.is_empty():
        return _render(request, "search.html", result=None, **context)
    try:
        result = search.search(
            request.app.state.home, state.query(), request.app.state.index, viewer(request)
        )
    except DiariumError as exc:
        error = _said(request, exc)
        return _render(request, "search.html", http_status(exc), error=error, **context)
    facets = {
        name: _facet_values(context["state"], name, counts)
        for name, counts in result.facets.items()
    }
    return _render(
        request,
        "search.html",
        result=result,
        facets=facets,
        pages=state.last_page(result.total),
        first_rank=(state.page - 1) * state.per + 1,
        private=any(hit.restricted for hit in result.hits),
        **context,
    )


def _said(request: Request, exc: DiariumError) -> str:
    """An error's message as the page shows it: no path of the server."""
    return public_message(exc.message, request.app.state.home)


def _echoed(state: SearchState) -> SearchState:
    """The search as the page shows it back (title, search box, heading, links): an
    identity number typed as a query or filter is masked, as the CLI and API mask it."""
    filters = {name: [public_text(v) for v in values] for name, values in state.filters.items()}
    return replace(state, q=public_text(state.q), dnr=public_text(state.dnr), filters=filters)


def _facet_values(state: SearchState, name: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    """The most frequent values plus every value switched on (even at zero)."""
    shown = list(counts.items())[:FACET_SHOWN]
    for value in state.filters.get(name, []):
        if value not in dict(shown):
            shown.append((value, counts.get(value, 0)))
    return [
        {
            "value": value,
            "count": n,
            "active": state.active(name, value),
            "url": state.toggled(name, value),
        }
        for value, n in shown
    ]


@router.api_route("/doc/{doc_id}", methods=PAGE_METHODS, response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, hit: int = 0) -> HTMLResponse:
    return _document_page(request, doc_id, hit, None)


@router.post("/doc/{doc_id}/visa", response_class=HTMLResponse)
def unmasked_page(
    request: Request, doc_id: str, reason: Annotated[str, Form()] = ""
) -> HTMLResponse:
    """The document with its identity numbers shown: an archivist, a reason, audited."""
    return _document_page(request, doc_id, 0, reason)


def _document_page(
    request: Request, doc_id: str, hit: int, unmask_reason: str | None
) -> HTMLResponse:
    try:
        state = SearchState.from_pairs(
            (k, v) for k, v in request.query_params.multi_items() if k != "hit"
        )
        doc = documents.get(
            request.app.state.home, doc_id, viewer(request), unmask_reason=unmask_reason
        )
    except DiariumError as exc:
        return _render(request, "error.html", http_status(exc), message=_said(request, exc))
    hit_page = hit if 1 <= hit <= doc.n_pages else 1
    pages = [
        {
            "number": p.number,
            "method": p.method,
            "error": p.error,
            "text": mark_page(p.text, state.q, state.dnr or None),
        }
        for p in doc.pages
    ]
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for entity in doc.entities:
        if (entity.type, entity.value) in seen or entity.type not in ENTITY_LABELS:
            continue
        seen.add((entity.type, entity.value))
        grouped[entity.type].append(
            {"value": entity.value, "url": _entity_search(entity.type, entity.value, entity.text)}
        )
    entities = [
        (ENTITY_LABELS[kind], sorted(grouped[kind], key=lambda e: e["value"]))
        for kind in ENTITY_LABELS
        if grouped.get(kind)
    ]
    return _render(
        request,
        "document.html",
        doc=doc,
        pages=pages,
        hit_page=hit_page,
        entities=entities,
        state=_echoed(state),
        back=_echoed(state).url() if not state.is_empty() else None,
        holds_pnr=any(e.type == "PNR" for e in doc.entities),
        unmasked=unmask_reason is not None,
        private=unmask_reason is not None or doc.access == "restricted",
    )


def _entity_search(kind: str, value: str, written: str) -> str:
    """Where an entity's link goes: its case number, its person or body as a filter,
    a date as the phrase it is written as."""
    if kind == "DNR":
        pairs = [("dnr", value)]
    elif kind == "PERSON":
        pairs = [("person", value)]
    elif kind == "BODY":
        pairs = [("body", value)]
    else:
        pairs = [("q", f'"{written}"')]
    return "/?" + urlencode(pairs)


@router.api_route("/doc/{doc_id}/pdf", methods=PAGE_METHODS)
def original_pdf(request: Request, doc_id: str) -> Any:
    """The original PDF from the archive, found from the stored record of the id."""
    return _original(request, doc_id, None)


@router.post("/doc/{doc_id}/pdf")
def unmasked_pdf(request: Request, doc_id: str, reason: Annotated[str, Form()] = "") -> Any:
    """The original PDF of a document holding identity numbers: an archivist, a reason,
    audited."""
    return _original(request, doc_id, reason)


def _original(request: Request, doc_id: str, unmask_reason: str | None) -> Any:
    home = request.app.state.home
    who = viewer(request)
    try:
        path, doc = request.app.state.originals.original(
            home, doc_id, who, unmask_reason=unmask_reason
        )
    except DiariumError as exc:
        return _render(request, "error.html", http_status(exc), message=_said(request, exc))
    private = unmask_reason is not None or doc.access == "restricted"
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=doc.filename,
        content_disposition_type="inline",
        headers=NO_STORE if private else None,
    )
