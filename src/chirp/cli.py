"""The `chirp` command: one entry point for every operational task."""

from __future__ import annotations

import sys

import click

from chirp.settings import SettingError, Settings


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingError as error:
        raise click.ClickException(str(error)) from None


@click.group()
def main() -> None:
    """Chirp, an open Twitter-like backend."""


@main.command()
@click.option("--host", default=None, help="Interface to bind (default CHIRP_HOST or 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default PORT or 8000).")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes.")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str | None, port: int | None, workers: int, reload: bool) -> None:
    """Serve the HTTP API with uvicorn."""
    import uvicorn

    settings = _settings()
    uvicorn.run(
        "chirp.app:app_from_env",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=None if reload else workers,
        reload=reload,
        loop="uvloop" if sys.platform != "win32" else "asyncio",
        http="httptools",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )


@main.group()
def migrate() -> None:
    """Manage the database schema."""


@migrate.command()
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    settings = _settings()
    if settings.storage == "memory":
        click.echo("memory:// needs no migrations")
        return
    from adapters.persistence.sql.migrate import upgrade as run_upgrade

    run_upgrade(settings.database_url, revision)
    click.echo("database is up to date")


@migrate.command()
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Undo migrations down to REVISION (e.g. -1, or base)."""
    from adapters.persistence.sql.migrate import downgrade as run_downgrade

    run_downgrade(_settings().database_url, revision)


@migrate.command()
def current() -> None:
    """Show the revision the database is at."""
    from adapters.persistence.sql.migrate import current as show_current

    show_current(_settings().database_url)
