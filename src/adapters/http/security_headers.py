"""Response headers that close doors browsers would otherwise leave open, and the CORS
policy: only the origins the operator lists may read answers from a browser."""

from __future__ import annotations

from collections.abc import Sequence

from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

API_PREFIX = "/api/"

# An API answer is data, never a page: nothing may frame it, run it or cache it.
API_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}


async def add_security_headers(message: Message, scope: Scope) -> None:
    """A before-send hook, so it also covers answers no handler made (404, 405, CORS)."""
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    if "server" in headers:
        del headers["server"]
    if scope.get("path", "").startswith(API_PREFIX):
        for name, value in API_HEADERS.items():
            if name not in headers:
                headers[name] = value


def cors_config(allowed_origins: Sequence[str]) -> CORSConfig | None:
    """No origin is allowed unless listed: without a list there is no CORS at all, so a
    browser on another site can call the API but never read the answer."""
    origins = [origin for origin in allowed_origins if origin and origin != "*"]
    if not origins:
        return None
    return CORSConfig(
        allow_origins=origins,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "If-None-Match"],
        expose_headers=[
            "ETag",
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
        ],
        allow_credentials=False,
        max_age=600,
    )
