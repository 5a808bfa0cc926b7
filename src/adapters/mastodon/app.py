"""The Mastodon API's Litestar app, over the same use cases as Chirp's own API."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from litestar import Litestar
from litestar.config.cors import CORSConfig

from adapters.mastodon.errors import EXCEPTION_HANDLERS
from adapters.mastodon.routes import (
    accounts,
    apps,
    authorize,
    defaults,
    files,
    instance,
    notifications,
    search,
    statuses,
    timelines,
)

# An image upload is at most 5 MiB; room for the multipart framing around it.
BODY_LIMIT = 6 * 1024 * 1024
MODULES = (
    instance,
    apps,
    authorize,
    accounts,
    statuses,
    timelines,
    notifications,
    files,
    search,
    defaults,
)


# Browser apps (Elk, Phanpy, ...) run on origins of their own, as with Mastodon: any
# origin may read answers, with no credentials (a bearer token is never ambient, so
# another site cannot borrow someone's session through this).
CORS = CORSConfig(
    allow_origins=["*"],
    allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
    expose_headers=["Link"],
    allow_credentials=False,
    max_age=600,
)


def route_handlers() -> list[Any]:
    handlers: list[Any] = []
    for module in MODULES:
        handlers.extend(getattr(module, "ROUTES", ()))
    return handlers


def build_mastodon_app(
    use_cases: Any,
    *,
    lifespan: Sequence[Callable[[Litestar], AbstractAsyncContextManager[None]]] = (),
    debug: bool = False,
) -> Litestar:
    app = Litestar(
        route_handlers=route_handlers(),
        exception_handlers=EXCEPTION_HANDLERS,
        cors_config=CORS,
        openapi_config=None,
        request_max_body_size=BODY_LIMIT,
        lifespan=list(lifespan),
        debug=debug,
        logging_config=None,
    )
    app.state.use_cases = use_cases
    return app
