"""`Allow` on OPTIONS lists exactly the methods of the path.

Litestar makes each path's OPTIONS handler when the path is first registered and keeps
it when more handlers join the path later, so its `Allow` misses them (GET /tweets/{id}
was missing). The app's final routes know every method; this hook answers from them."""

from __future__ import annotations

from litestar import Litestar
from litestar.datastructures import MutableScopeHeaders
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope


def methods_by_handler(app: Litestar) -> dict[int, str]:
    """`Allow` values keyed by the id of each route handler, from the final routes."""
    allowed: dict[int, str] = {}
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            value = ", ".join(sorted(route.methods))
            for handler in route.route_handlers:
                allowed[id(handler)] = value
    return allowed


async def list_allowed_methods(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    headers = MutableScopeHeaders.from_message(message)
    handler = scope.get("route_handler")
    allowed = scope["app"].state.get("allowed_methods", {}).get(id(handler))
    if "allow" in headers and allowed:
        headers["Allow"] = allowed
