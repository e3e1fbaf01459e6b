"""Headers every response carries, so a page can neither be framed nor have script or
style slipped into it, and a browser never guesses a type or leaks an address.

The pages have no inline script or style (the stylesheet and the upload script are
files under ``/static/``), so the policy allows only this server's own files. A page
showing restricted or unmasked text also says ``Cache-Control: no-store`` (its handler
sets :data:`NO_STORE`), so no shared or disk cache keeps it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
NO_STORE = {"Cache-Control": "no-store"}


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response (a plain ASGI layer: cheaper than
    Starlette's BaseHTTPMiddleware, which copies each response through a stream)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
