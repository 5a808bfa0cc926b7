"""The API's abuse limits on the pages too, in the same counters: a browser gets no
more sign-ups, log-ins, writes or reads than an API client."""

from __future__ import annotations

import logging
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from adapters.web.session import UNSAFE_METHODS, viewer_id_of
from application.ports.rate_limits import Quota

BY_ADDRESS = {"/signup": "signup", "/login": "login"}
logger = logging.getLogger("chirp.rate_limits")


class TooManyPageRequests(Exception):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("too many requests")
        self.retry_after_seconds = retry_after_seconds


def _counter(
    connection: ASGIConnection[Any, Any, Any, Any], policy: Any
) -> tuple[str, Quota] | None:
    method = str(connection.scope.get("method", ""))
    address = connection.client.host if connection.client else "unknown"
    if method in UNSAFE_METHODS:
        address_class = BY_ADDRESS.get(connection.scope.get("path_template", ""))
        if address_class is not None:
            quota = getattr(policy, address_class)
            return (f"{address_class}:addr:{address}", quota) if quota else None
    request_class = "write" if method in UNSAFE_METHODS else "read"
    quota = getattr(policy, request_class)
    if quota is None:
        return None
    viewer_id = viewer_id_of(connection)
    caller = f"user:{viewer_id}" if viewer_id else f"addr:{address}"
    return f"{request_class}:{caller}", quota


async def enforce_page_limits(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard placed after the session is known, so writes count per user."""
    policy = connection.app.state.get("rate_limits")
    if policy is None:
        return
    found = _counter(connection, policy)
    if found is None:
        return
    key, quota = found
    try:
        decision = await policy.limiter.hit(key, quota)
    except Exception:
        logger.warning("rate limiter unavailable; request let through", exc_info=True)
        return
    if not decision.allowed:
        raise TooManyPageRequests(decision.retry_after_seconds)
