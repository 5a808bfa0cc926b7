"""What the database commands share: settings, a refusal for memory://, one event loop.

Heavy modules (drivers, the container) are imported inside the functions, so that
`chirp --help` and the commands that do not need them start fast."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import click

from chirp.media_location import claim_media_root
from chirp.settings import SettingError, Settings

if TYPE_CHECKING:
    from chirp.container import Container

T = TypeVar("T")


def settings_or_exit() -> Settings:
    try:
        return Settings.from_env()
    except SettingError as error:
        raise click.ClickException(str(error)) from None


def database_settings(action: str) -> Settings:
    settings = settings_or_exit()
    if settings.storage == "memory":
        raise click.ClickException(
            f"memory:// keeps nothing between runs, so there is nothing to {action}: "
            "set CHIRP_DATABASE_URL to a SQLite file or a PostgreSQL database"
        )
    return settings


def claim_media(settings: Settings) -> None:
    """Files go only where this database's files are (see chirp.media_location)."""
    if settings.media_backend == "filesystem":
        claim_media_root(settings.media_directory, settings.database_url)


async def ready_database(settings: Settings) -> None:
    """The database exists, answers and is at this code's newest revision."""
    import asyncio

    from adapters.persistence.sql.diagnostics import probe
    from adapters.persistence.sql.migrate import ensure_current

    await probe(settings.database_url)
    await asyncio.to_thread(ensure_current, settings.database_url)


async def with_container(settings: Settings, work: Callable[[Container], Awaitable[T]]) -> T:
    """Runs `work` once the database is ready, and closes the engine afterwards."""
    from chirp.container import build_container

    await ready_database(settings)
    container = build_container(settings)
    try:
        return await work(container)
    finally:
        await container.core.engine().dispose()
