"""Headers for pages: a strict Content-Security-Policy (scripts and styles only from our
own files, never inline), no framing, and no caching of pages that show private data."""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

NOT_PAGES = ("/api/", "/schema", "/media/", "/health", "/metrics")
STATIC_PREFIX = "/static/"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' blob:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


async def add_page_headers(message: Message, scope: Scope) -> None:
    """A before-send hook, so error pages and redirects carry the headers too."""
    if message["type"] != "http.response.start":
        return
    path = scope.get("path", "")
    if path.startswith(NOT_PAGES):
        return
    headers = MutableScopeHeaders.from_message(message)
    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    headers["X-Frame-Options"] = "DENY"
    if not path.startswith(STATIC_PREFIX):
        headers["Cache-Control"] = "no-store"
