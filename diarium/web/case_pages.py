"""The case page ``/arende/<case key>`` and its JSON ``/api/cases/<key>``: every document
holding one case number, in date order (``diarium/app/cases.py``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from diarium.app import cases
from diarium.corpus.errors import DiariumError
from diarium.web.api import JSON
from diarium.web.auth import viewer
from diarium.web.errors import http_status
from diarium.web.messages import swedish

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


@router.get("/arende/{ref:path}", response_class=HTMLResponse)
def case_page(request: Request, ref: str) -> Response:
    """A case; a number written another way ("ks 2023/412") is redirected to its key."""
    templates = request.app.state.templates
    try:
        key = cases.case_key(ref)
        if key is not None and key != ref and cases.case_key(key) == key:
            return RedirectResponse(f"/arende/{key}", status_code=308)
        found = cases.case(request.app.state.home, ref, request.app.state.index, viewer(request))
    except DiariumError as exc:
        html = templates.get_template("error.html").render(message=swedish(exc))
        return HTMLResponse(html, status_code=http_status(exc))
    html = templates.get_template("case.html").render(case=found)
    return HTMLResponse(html)


@api_router.get(
    "/cases/{ref:path}",
    summary="A case: every document holding one case number, in date order",
    response_class=JSON,
)
def api_case(request: Request, ref: str) -> JSON:
    """The case's key, its number as printed, and per document: id, title, date, type,
    organ, the § that handled the case, the decision (or proposal) and where the number
    stands."""
    found = cases.case(request.app.state.home, ref, request.app.state.index, viewer(request))
    return JSON(found.to_dict())
