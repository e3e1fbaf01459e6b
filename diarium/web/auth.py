"""Who is asking: sessions, API tokens, CSRF, and the sign-in and sign-out pages.

Once the home has an account, every route but the sign-in page and the stylesheet and
scripts needs a signed-in user: a page redirects to ``/logga-in``, the API answers 401
JSON. A browser's session lives in a signed cookie (Starlette's SessionMiddleware over
itsdangerous: HttpOnly, SameSite=Lax, eight hours) that holds the account's name and the
session's CSRF token; the account is looked up again on every request, so disabling it
ends its sessions at once. Scripts send ``Authorization: Bearer TOKEN`` instead and need
no CSRF token (no browser sends that header by itself).

Every POST, PUT, PATCH or DELETE that comes with the session cookie must carry the
session's CSRF token, as the ``csrf`` field of a form or the ``X-CSRF-Token`` header;
the check is here, in front of every handler, so no form can forget it.

Without any account the server behaves as before accounts existed: one person on this
machine (``serve`` refuses another address), who sees every document but may not
unmask identity numbers or upload.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diarium.app import accounts
from diarium.app.access import Viewer
from diarium.app.accounts import RateLimited, SignInRefused, User
from diarium.ingest.home import Home

SIGN_IN = "/logga-in"
SIGN_OUT = "/logga-ut"
_OPEN_PATHS = (SIGN_IN,)
_OPEN_PREFIXES = ("/static/",)
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_MAX_FORM_BYTES = 64 * 1024


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def current_user(request: Request) -> User | None:
    """The signed-in account; None when the home has no accounts (one local user)."""
    return request.scope.get("diarium_user")


class AuthMiddleware:
    """Resolves the user of every request and turns away those who need one and have
    none; checks the CSRF token of every state-changing request made with a cookie.
    Runs inside SessionMiddleware (it reads ``scope["session"]``)."""

    def __init__(self, app: ASGIApp, home: Home) -> None:
        self.app = app
        self.home = home
        self._accounts_seen = False

    def _accounts(self) -> bool:
        # Accounts are never deleted (only disabled): once seen, always there.
        if not self._accounts_seen:
            self._accounts_seen = accounts.any_accounts(self.home)
        return self._accounts_seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        user, by_token = self._identify(scope)
        scope["diarium_user"] = user
        enabled = self._accounts()
        if scope["method"] in _UNSAFE and not by_token:
            receive, ok = await _csrf_checked(scope, receive)
            if not ok:
                await _refuse(scope, send, 403, "CSRF-kontrollen misslyckades: ladda om sidan "
                              "och försök igen (missing or wrong CSRF token)")
                return
        if enabled and user is None and not _open(path):
            if path.startswith("/api/"):
                response: Response = JSONResponse(
                    {"error": "sign in first: send Authorization: Bearer TOKEN "
                     "(diarium token create NAME)"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            else:
                target = path + ("?" + scope["query_string"].decode("latin-1")
                                 if scope.get("query_string") else "")
                response = RedirectResponse(f"{SIGN_IN}?next={quote(target)}", status_code=303)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _identify(self, scope: Scope) -> tuple[User | None, bool]:
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                scheme, _, token = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer" and self._accounts():
                    return accounts.user_for_token(self.home, token.strip()), True
        name = scope.get("session", {}).get("user")
        if name and self._accounts():
            return accounts.user_named(self.home, name), False
        return None, False


def _open(path: str) -> bool:
    return path in _OPEN_PATHS or path.startswith(_OPEN_PREFIXES)


async def _csrf_checked(scope: Scope, receive: Receive) -> tuple[Receive, bool]:
    """Whether the request carries the session's CSRF token (header, or the ``csrf``
    field of a URL-encoded form, whose body is then handed on unchanged)."""
    expected = str(scope.get("session", {}).get("csrf") or "")
    headers = dict(scope.get("headers", ()))
    sent = headers.get(b"x-csrf-token", b"").decode("latin-1")
    content_type = headers.get(b"content-type", b"").decode("latin-1")
    if not sent and content_type.startswith("application/x-www-form-urlencoded"):
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > _MAX_FORM_BYTES:
                return receive, False
        sent = (parse_qs(body.decode("utf-8", "replace")).get("csrf") or [""])[0]
        replayed = False
        original = receive

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await original()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        receive = replay
    ok = bool(expected) and bool(sent) and hmac.compare_digest(sent, expected)
    return receive, ok


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    response = JSONResponse({"error": message}, status_code=status)

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    await response(scope, nothing, send)


router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this server (never ``//elsewhere`` or a full URL)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template("login.html").render(
        csrf=csrf_token(request), user=None, **context
    )
    return HTMLResponse(html, status_code=status)


@router.get(SIGN_IN, response_class=HTMLResponse)
def sign_in_page(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, next=_safe_next(next))


@router.post(SIGN_IN, response_model=None)
def sign_in(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    address = request.client.host if request.client else "?"
    try:
        user = accounts.sign_in(request.app.state.home, name.strip(), password, address)
    except RateLimited as exc:
        return _page(request, 429, error=exc.message, name=name, next=_safe_next(next))
    except SignInRefused as exc:
        return _page(request, 401, error=exc.message, name=name, next=_safe_next(next))
    # A fresh session (and CSRF token) on every sign-in: nothing set before it survives.
    request.session.clear()
    request.session["user"] = user.name
    request.session["csrf"] = secrets.token_urlsafe(32)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post(SIGN_OUT, response_model=None)
def sign_out(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse(SIGN_IN, status_code=303)


def viewer(request: Request) -> Viewer:
    """Who the application layer serves: the signed-in account, or (in a home without
    accounts) the one local user, who sees what an officer sees."""
    address = request.client.host if request.client else None
    user = current_user(request)
    if user is None:
        return Viewer("local", "officer", address)
    return Viewer(user.name, user.role, address)
