"""The application factory: settings → container → Litestar app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar

from adapters.http.app import build_app
from adapters.http.controllers.bench_limit import bench_limit
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
        extra_route_handlers=[bench_limit] if settings.bench_limit_endpoint else [],
        lifespan=[dispose_engine],
        rate_limits=container.core.rate_limit_policy(),
        cors_origins=settings.cors_origins,
    )
    app.state.container = container
    instrument(app, container)
    return app


def app_from_env() -> Litestar:
    """Entry point for uvicorn --factory (in every worker process)."""
    settings = Settings.from_env()
    configure_logging(settings.log_format)
    return create_app(settings)
