"""Abuse limits at the HTTP edge, keyed by route and caller, so no use case knows of them.

Every `/api/v1` request falls in one class: sign-up and log-in (per client address),
writes (any other unsafe method) and reads (GET), both per user when a valid token is
sent and per client address otherwise. Over the quota the answer is 429 with
`Retry-After`; every limited answer carries `RateLimit-Limit`, `RateLimit-Remaining` and
`RateLimit-Reset` (seconds until the window starts again)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import TooManyRequestsException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Message, Scope

from application.ports.rate_limits import Decision, Quota, RateLimiter

API_PREFIX = "/api/v1/"
SAFE_METHODS = frozenset({"GET", "HEAD"})
BY_ADDRESS = {
    ("POST", "/api/v1/auth/signup"): "signup",
    ("POST", "/api/v1/auth/login"): "login",
}
STATE_KEY = "rate_limit"
logger = logging.getLogger("chirp.rate_limits")


@dataclass(frozen=True)
class RateLimitPolicy:
    limiter: RateLimiter
    signup: Quota | None = None
    login: Quota | None = None
    write: Quota | None = None
    read: Quota | None = None

    def quota_for(
        self, method: str, path_template: str, viewer_id: str | None, address: str
    ) -> tuple[str, Quota] | None:
        """The counter key and quota a request counts against; None when unlimited."""
        if not path_template.startswith(API_PREFIX) or method == "OPTIONS":
            return None
        address_class = BY_ADDRESS.get((method, path_template))
        if address_class is not None:
            quota = getattr(self, address_class)
            return (f"{address_class}:addr:{address}", quota) if quota else None
        request_class = "read" if method in SAFE_METHODS else "write"
        quota = getattr(self, request_class)
        if quota is None:
            return None
        caller = f"user:{viewer_id}" if viewer_id else f"addr:{address}"
        return f"{request_class}:{caller}", quota


async def enforce_rate_limits(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """An app guard placed after the viewer is known, so writes count per user."""
    policy: RateLimitPolicy | None = connection.app.state.get("rate_limits")
    if policy is None:
        return
    scope = connection.scope
    # The scope's own state dict: `connection.state` builds a new wrapper on each use.
    state: dict[str, Any] = scope.setdefault("state", {})
    client = scope.get("client")
    found = policy.quota_for(
        str(scope.get("method", "")),
        scope.get("path_template", ""),
        state.get("viewer_id"),
        client[0] if client else "unknown",
    )
    if found is None:
        return
    key, quota = found
    try:
        decision = await policy.limiter.hit(key, quota)
    except Exception:
        # The limiter's store being down must not take the API down with it.
        logger.warning("rate limiter unavailable; request let through", exc_info=True)
        return
    state[STATE_KEY] = decision
    if not decision.allowed:
        raise TooManyRequestsException(
            detail=f"too many requests; try again in {decision.retry_after_seconds} s",
            headers={"Retry-After": str(decision.retry_after_seconds)},
        )


async def add_rate_limit_headers(message: Message, scope: Scope) -> None:
    """A before-send hook: the quota state goes on every answer it applied to, 429 too."""
    if message["type"] != "http.response.start":
        return
    decision: Decision | None = scope.get("state", {}).get(STATE_KEY)
    if decision is None:
        return
    # Appended, not set: nothing else sends these, and setting searches every header.
    headers = MutableScopeHeaders.from_message(message)
    headers.add("RateLimit-Limit", str(decision.limit))
    headers.add("RateLimit-Remaining", str(decision.remaining))
    headers.add("RateLimit-Reset", str(decision.reset_seconds))
