"""The application factory: settings → container → Litestar app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar

from adapters.http.app import build_app
from adapters.http.controllers.bench_limit import bench_limit
from adapters.http.observability import observe_requests
from adapters.mastodon.app import build_mastodon_app
from adapters.web.app import add_page_headers, template_config, web_route_handlers
from chirp.container import Container, build_container
from chirp.logging import configure_logging
from chirp.observability import instrument
from chirp.settings import Settings


def create_app(settings: Settings | None = None, container: Container | None = None) -> Litestar:
    container = container or build_container(settings)

    @asynccontextmanager
    async def dispose_engine(_: Litestar) -> AsyncIterator[None]:
        try:
            yield
        finally:
            # The limiter first: its last batch of hits may go to the database.
            limiter = container.core.rate_limiter()
            if hasattr(limiter, "close"):
                await limiter.close()
            if container.core.settings().storage == "sql":
                await container.core.uow().close()  # the read path's own connections
                await container.core.engine().dispose()

    settings = container.core.settings()
    app = build_app(
        container.use_cases,
        extra_route_handlers=[
            *web_route_handlers(),
            *([bench_limit] if settings.bench_limit_endpoint else []),
        ],
        lifespan=[dispose_engine],
        rate_limits=container.core.rate_limit_policy(),
        cors_origins=settings.cors_origins,
        template_config=template_config(),
        before_send=[add_page_headers],
    )
    app.state.container = container
    instrument(app, container)
    return app


def create_mastodon_app(
    settings: Settings | None = None,
    container: Container | None = None,
    *,
    owns_container: bool = True,
) -> Litestar:
    """The Mastodon client API over the same use cases (and, given it, the same container:
    with memory:// storage both APIs then see one database). When Chirp's own app shares
    the container, that app closes it (`owns_container=False` here)."""
    container = container or build_container(settings)

    @asynccontextmanager
    async def dispose_engine(_: Litestar) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if container.core.settings().storage == "sql":
                await container.core.uow().close()
                await container.core.engine().dispose()

    app = build_mastodon_app(
        container.use_cases, lifespan=[dispose_engine] if owns_container else []
    )
    app.state.container = container
    # Request ids and one access line per request, as on Chirp's own API.
    observe_requests(app)
    return app


def app_from_env() -> Litestar:
    """Entry point for uvicorn --factory (in every worker process)."""
    settings = Settings.from_env()
    configure_logging(settings.log_format)
    return create_app(settings)


def mastodon_app_from_env() -> Litestar:
    """Entry point for uvicorn --factory when the Mastodon API has its own processes."""
    settings = Settings.from_env()
    configure_logging(settings.log_format)
    return create_mastodon_app(settings)
