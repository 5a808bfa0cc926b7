"""The outermost layer of every HTTP request: a request id, one access log line, metrics.

It wraps the app's whole ASGI handler rather than sitting in Litestar's middleware list:
route middleware only runs for requests that matched a route, and unknown paths (404),
wrong methods (405) and CORS preflights deserve an id and a log line as well."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from structlog.contextvars import bound_contextvars

from adapters.http.metrics import HttpMetrics

REQUEST_ID_HEADER = b"x-request-id"
# An incoming id is kept only when it is short and plain, so it is safe in a log line.
WELL_FORMED_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")
UNMATCHED_ROUTE = "<unmatched>"
access_log = logging.getLogger("chirp.access")


def request_id_of(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER and WELL_FORMED_ID.fullmatch(value):
            return value.decode("ascii")
    return uuid.uuid4().hex


class RequestObserver:
    def __init__(self, app: ASGIApp, metrics: HttpMetrics | None = None) -> None:
        self._app = app
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self._app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500  # what is logged if the app fails before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    (name, value)
                    for name, value in message.get("headers", ())
                    if name.lower() != REQUEST_ID_HEADER
                ]
                headers.append((REQUEST_ID_HEADER, request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        with bound_contextvars(request_id=request_id):
            try:
                await self._app(scope, receive, send_with_id)
            finally:
                self._record(scope, status, time.perf_counter() - started, request_id)

    def _record(self, scope: Scope, status: int, seconds: float, request_id: str) -> None:
        method = str(scope.get("method", ""))
        route = scope.get("path_template") or UNMATCHED_ROUTE
        fields: dict[str, Any] = {
            "method": method,
            "path": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "request_id": request_id,
        }
        if access_log.isEnabledFor(logging.INFO):
            # As access_log.info would, without looking up the caller's frame: no format
            # shows it, and the stack walk is a good part of the line's cost.
            access_log.handle(
                access_log.makeRecord(
                    access_log.name, logging.INFO, __file__, 0, "request", (), None, extra=fields
                )
            )
        if self._metrics is not None:
            self._metrics.observe(method, route, status, seconds)


def observe_requests(app: Litestar, metrics: HttpMetrics | None = None) -> None:
    app.asgi_handler = RequestObserver(app.asgi_handler, metrics)
