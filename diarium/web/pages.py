"""The HTML pages: search, document, and the original PDF. Every handler reads the
request into the application API's terms, calls it, and renders a template; document
text reaches the templates only through the application API (the disclosure gate)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from diarium.app import archive, citations, documents, search
from diarium.app.archive import has_ocr_words
from diarium.app.disclosure import public_text
from diarium.app.highlight import mark_page
from diarium.app.versions import siblings
from diarium.corpus.errors import DiariumError, UsageError
from diarium.web.auth import csrf_token, current_user, viewer
from diarium.web.errors import http_status, public_message
from diarium.web.facet_view import chips, cleared, facet_view
from diarium.web.messages import swedish
from diarium.web.params import LABELS, URL_NAMES, SearchState
from diarium.web.security import NO_STORE
from diarium.web.templating import case_url

router = APIRouter(include_in_schema=False)
# HEAD as well as GET: link checkers and monitors ask for headers only.
PAGE_METHODS = ["GET", "HEAD"]

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
    context: dict[str, Any] = {"labels": LABELS, "url_names": URL_NAMES}
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
    shown_state = context["state"]
    facets = [
        facet_view(shown_state, name, LABELS.get(name, name), counts)
        for name, counts in result.facets.items()
        if counts or state.filters.get(name)
    ]
    return _render(
        request,
        "search.html",
        result=result,
        facets=facets,
        chips=chips(shown_state),
        clear_url=cleared(shown_state),
        pages=state.last_page(result.total),
        first_rank=(state.page - 1) * state.per + 1,
        private=any(hit.restricted for hit in result.hits),
        **context,
    )


def _said(request: Request, exc: DiariumError) -> str:
    """An error's message as the page shows it: in Swedish, with what to do, and no
    path of the server."""
    return public_message(swedish(exc), request.app.state.home)


def _echoed(state: SearchState) -> SearchState:
    """The search as the page shows it back (title, search box, heading, links): an
    identity number typed as a query or filter is masked, as the CLI and API mask it."""
    filters = {name: [public_text(v) for v in values] for name, values in state.filters.items()}
    return replace(state, q=public_text(state.q), dnr=public_text(state.dnr), filters=filters)


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
        shown = entity.text if entity.type == "DNR" else entity.value
        grouped[entity.type].append(
            {"value": shown, "url": _entity_search(entity.type, entity.value, entity.text)}
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
        url_names=URL_NAMES,
        pdf_shown=documents.original_shown(request.app.state.home, doc.id),
        cites=citations.references(
            request.app.state.home, doc, request.app.state.index, viewer(request)
        ),
        cited_by=citations.referenced_by(
            request.app.state.home, doc, request.app.state.index, viewer(request)
        ),
        searchable=has_ocr_words(doc),
        versions=siblings(request.app.state.home, doc),
        holds_pnr=any(e.type == "PNR" for e in doc.entities),
        unmasked=unmask_reason is not None,
        private=unmask_reason is not None or doc.access == "restricted",
    )


def _entity_search(kind: str, value: str, written: str) -> str:
    """Where an entity's link goes: a case number to its case page, a person or body as a filter,
    a date as the phrase it is written as."""
    if kind == "DNR":
        return case_url(written) or case_url(value) or "/?" + urlencode([("dnr", value)])
    if kind == "PERSON":
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


@router.get("/doc/{doc_id}/searchable.pdf")
def searchable_pdf(request: Request, doc_id: str) -> Any:
    """The searchable archive copy of an OCR'd document (diarium/app/archive.py)."""
    try:
        data = archive.searchable_pdf(
            request.app.state.home, doc_id, request.app.state.originals, viewer(request)
        )
        doc = documents.get(request.app.state.home, doc_id, viewer(request))
    except DiariumError as exc:
        return _render(request, "error.html", http_status(exc), message=_said(request, exc))
    stem = doc.filename.rsplit(".", 1)[0]
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{quote(stem)}-sokbar.pdf"'},
    )


@router.get("/intake", response_class=HTMLResponse)
def intake_page(request: Request) -> HTMLResponse:
    """Today's intake: ingested, queued by the watcher, failed with the reason (officers
    and up: file names of restricted documents are in it)."""
    from diarium.app.intake import intake_status

    if not viewer(request).sees_restricted:
        return _render(
            request, "error.html", 403, message="Intaget visas bara för handläggare och arkivarier."
        )
    return _render(request, "intake.html", st=intake_status(request.app.state.home))
