"""The web application over one home, and running it with uvicorn.

FastAPI handlers declared with ``def`` run in the server's thread pool; the tantivy
index is opened once per process (:class:`diarium.app.indexes.IndexHandle`) and
searched from those threads concurrently, since tantivy releases the GIL while it
searches.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from diarium import __version__
from diarium.app.authdb import session_secret
from diarium.app.documents import OriginalFiles
from diarium.app.indexes import IndexHandle
from diarium.corpus.errors import DiariumError
from diarium.ingest.home import Home
from diarium.web import api, auth, case_pages, pages, upload
from diarium.web.errors import http_status, public_message
from diarium.web.security import SecurityHeaders
from diarium.web.templating import STATIC, environment

SESSION_SECONDS = 8 * 3600  # a working day; then sign in again

# The host names a server answers for unless told others (``serve --allowed-host``): a
# browser page from elsewhere that rebinds its own name to this address (DNS rebinding)
# sends its own name as Host and is refused.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_DOCS_FILES = "/api/docs/files"


def create_app(
    home: Home, threads: int = 4, allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
) -> FastAPI:
    """The application; ``threads`` is the size of the pool that runs the handlers,
    ``allowed_hosts`` the Host names it answers (any other gets 400)."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        # Open (and so start warming) the index before the first request, if there is one.
        with contextlib.suppress(DiariumError):
            await anyio.to_thread.run_sync(app.state.index.index)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="diarium",
        version=__version__,
        description="Search Swedish municipal decisions: read-only JSON API.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.home = home
    app.state.index = IndexHandle(home, warm=True)
    app.state.originals = OriginalFiles()
    app.state.templates = environment()

    @app.exception_handler(DiariumError)
    def diarium_error(_request: Request, exc: DiariumError) -> JSONResponse:
        return JSONResponse(
            {"error": public_message(exc.message, home)}, status_code=http_status(exc)
        )

    @app.exception_handler(RequestValidationError)
    def bad_parameters(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
            for e in exc.errors()
        )
        return JSONResponse({"error": f"bad parameter: {problems}"}, status_code=400)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """Swagger UI from the fastapi-offline package's copy of its files and a script file of
        ours: nothing is loaded from outside the server (an intranet has no CDN) and
        nothing is inline (a strict Content-Security-Policy forbids both)."""
        page = app.state.templates.get_template("api_docs.html").render(files=_DOCS_FILES)
        return HTMLResponse(page)

    app.include_router(upload.router)
    app.include_router(api.router)
    app.include_router(case_pages.api_router)
    app.include_router(case_pages.router)
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(_DOCS_FILES, StaticFiles(directory=_swagger_ui_files()), name="docs-files")
    # Outermost last: headers on every response, then the Host check, then the session,
    # then who asks.
    app.add_middleware(auth.AuthMiddleware, home=home)
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(home),
        session_cookie="diarium_session",
        max_age=SESSION_SECONDS,
        same_site="lax",
        https_only=False,
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app


def _swagger_ui_files() -> str:
    """Swagger UI's own files as the fastapi-offline package ships them."""
    import fastapi_offline

    return str(Path(fastapi_offline.__file__).parent / "static")


_HOME_VARIABLE = "DIARIUM_SERVE_HOME"
_THREADS_VARIABLE = "DIARIUM_SERVE_THREADS"
_HOSTS_VARIABLE = "DIARIUM_SERVE_ALLOWED_HOSTS"


def app_from_environment() -> FastAPI:
    """The application of a worker process started by uvicorn (``--workers`` > 1): each
    worker opens the home's index once for itself."""
    return create_app(
        Home(Path(os.environ[_HOME_VARIABLE])),
        int(os.environ[_THREADS_VARIABLE]),
        tuple(os.environ[_HOSTS_VARIABLE].split()),
    )


def serve(
    home: Home,
    host: str = "127.0.0.1",
    port: int = 8000,
    threads: int = 4,
    workers: int = 1,
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS,
) -> None:
    """Run the server until interrupted. ``threads``: the pool that runs the handlers in
    each process; ``workers``: processes (the Python part of a search holds the GIL,
    so more than one core wants more than one process); ``allowed_hosts``: the Host
    names answered."""
    import uvicorn

    options = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "server_header": False,  # no "server: uvicorn": nothing to fingerprint
    }
    if workers == 1:
        uvicorn.run(create_app(home, threads, allowed_hosts), **options)  # type: ignore[arg-type]
        return
    os.environ[_HOME_VARIABLE] = str(home.root.absolute())
    os.environ[_THREADS_VARIABLE] = str(threads)
    os.environ[_HOSTS_VARIABLE] = " ".join(allowed_hosts)
    uvicorn.run(
        "diarium.web.server:app_from_environment", factory=True, workers=workers, **options
    )  # type: ignore[arg-type]
