"""Upload for archivists: the page ``/ladda-upp`` and ``POST /api/documents``.

The request body is parsed as it streams in (python-multipart), each file written
straight into the home's upload scratch folder, so nothing lands in /tmp; the whole
request and each file have a size limit. The files then go through the same ingest as
the command line (:mod:`diarium.app.uploads`), in a worker thread.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from diarium.app import uploads
from diarium.app.access import Viewer
from diarium.web.auth import csrf_token, current_user, viewer

router = APIRouter()


def _refused(request: Request, message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@router.get("/ladda-upp", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request) -> HTMLResponse:
    templates = request.app.state.templates
    user = current_user(request)
    if not viewer(request).may("archivist"):
        html = templates.get_template("error.html").render(
            user=user, csrf=csrf_token(request) if user else "",
            message="Bara arkivarier får ladda upp dokument.",
        )
        return HTMLResponse(html, status_code=403)
    html = templates.get_template("upload.html").render(
        user=user, csrf=csrf_token(request),
        max_mb=uploads.MAX_FILE_BYTES // (1024 * 1024),
    )
    return HTMLResponse(html)


@router.post(
    "/api/documents",
    summary="Upload PDFs (archivists): each is ingested as `diarium ingest` would",
    tags=["api"],
)
async def upload_documents(request: Request) -> JSONResponse:
    """`multipart/form-data` with one or more `file` parts. Answers one result per file:
    `ingested` (with its id), `skipped` (already in the archive, with its id) or
    `failed` (with the reason); 503 when another ingest holds the archive."""
    who = viewer(request)
    if not who.may("archivist"):
        return _refused(request, "only an archivist may upload documents", 403)
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return _refused(request, "send the files as multipart/form-data", 400)
    home = request.app.state.home
    # A folder of its own per request: whatever happens, it is removed at the end, with
    # any half-written file of an upload cut short.
    scratch = uploads.scratch_dir(home) / secrets.token_hex(8)
    scratch.mkdir()
    try:
        return await _receive(request, scratch, who)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


async def _receive(request: Request, scratch: Path, who: Viewer) -> JSONResponse:
    from python_multipart.multipart import FormParser, parse_options_header

    content_type = request.headers.get("content-type", "")
    arrived: list[tuple[str, Path]] = []
    too_many = False

    def on_file(file: Any) -> None:
        nonlocal too_many
        file.flush_to_disk()
        file.file_object.close()
        path = Path(file.actual_file_name.decode("utf-8", "replace"))
        arrived.append(((file.file_name or b"").decode("utf-8", "replace"), path))
        too_many = too_many or len(arrived) > uploads.MAX_FILES

    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        return _refused(request, "the multipart upload names no boundary", 400)
    parser = FormParser(
        kind.decode("latin-1"),
        on_field=lambda _field: None,
        on_file=on_file,
        boundary=boundary,
        config={
            "UPLOAD_DIR": str(scratch),
            "UPLOAD_DELETE_TMP": False,
            "MAX_MEMORY_FILE_SIZE": 0,
        },
    )
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > uploads.MAX_REQUEST_BYTES:
                return _refused(
                    request,
                    f"the upload is larger than {uploads.MAX_REQUEST_BYTES // 2**20} MB",
                    413,
                )
            parser.write(chunk)
        parser.finalize()
    except Exception as exc:  # python-multipart raises its own errors on a bad body
        if isinstance(exc, anyio.get_cancelled_exc_class()):
            raise
        return _refused(request, f"the upload could not be read ({type(exc).__name__})", 400)
    if too_many:
        return _refused(request, f"send at most {uploads.MAX_FILES} files at once", 400)
    if not arrived:
        return _refused(request, "no file in the upload (a part named file)", 400)
    home = request.app.state.home
    outcomes = await anyio.to_thread.run_sync(uploads.ingest_uploads, home, arrived, who)
    busy = all(o.reason == uploads.BUSY for o in outcomes)
    return JSONResponse(
        {"files": [o.to_dict() for o in outcomes]}, status_code=503 if busy else 200
    )

