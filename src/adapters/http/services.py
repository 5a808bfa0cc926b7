"""How handlers reach the use cases: through the container the app was built with."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import Provide


def services_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Any:
    return connection.app.state.use_cases


def use_case(name: str) -> Provide:
    """A Litestar dependency that asks the container for the named use case.

    Hot routes make it their only dependency and read the viewer and the page from the
    request themselves: Litestar resolves two or more dependencies of one level in an
    anyio task group (litestar#4563), which costs more than all these lookups together."""

    def provide(request: Request[Any, Any, Any]) -> Any:
        return getattr(request.app.state.use_cases, name)()

    provide.__name__ = f"provide_{name}"
    return Provide(provide, sync_to_thread=False)
