"""What the database commands share: settings, a refusal for memory://, one event loop."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from adapters.persistence.sql.diagnostics import probe
from chirp.container import Container, build_container
from chirp.settings import Settings

T = TypeVar("T")


def database_settings(action: str) -> Settings:
    settings = Settings.from_env()
    if settings.storage == "memory":
        raise click.ClickException(
            f"memory:// keeps nothing between runs, so there is nothing to {action}: "
            "set CHIRP_DATABASE_URL to a SQLite file or a PostgreSQL database"
        )
    return settings


async def with_container(settings: Settings, work: Callable[[Container], Awaitable[T]]) -> T:
    """Runs `work` once the database has answered, and closes the engine afterwards."""
    await probe(settings.database_url)
    container = build_container(settings)
    try:
        return await work(container)
    finally:
        await container.core.engine().dispose()
