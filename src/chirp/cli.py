"""The `chirp` command: one entry point for every operational task."""

from __future__ import annotations

import asyncio
import os

import click

from chirp.commands.check import check
from chirp.commands.errors import ChirpGroup
from chirp.commands.seed import seed
from chirp.commands.serving import (
    ensure_port_free,
    mastodon_alongside,
    serve_both_in_one_process,
    uvicorn_options,
)
from chirp.commands.users import create_user
from chirp.settings import SettingError, Settings


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingError as error:
        raise click.ClickException(str(error)) from None


@click.group(cls=ChirpGroup)
def main() -> None:
    """Chirp, an open Twitter-like backend."""


main.add_command(seed)
main.add_command(check)
main.add_command(create_user)


@main.command()
@click.option("--host", default=None, help="Interface to bind (default CHIRP_HOST or 127.0.0.1).")
@click.option(
    "--port", default=None, type=click.IntRange(1, 65535), help="Port (default PORT or 8000)."
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Processes."
)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
@click.option(
    "--mastodon-port",
    default=None,
    help="Port of the Mastodon client API, or 'off' (default CHIRP_MASTODON_PORT or 8001).",
)
def serve(
    host: str | None, port: int | None, workers: int, reload: bool, mastodon_port: str | None
) -> None:
    """Serve the HTTP API with uvicorn, and the Mastodon client API on its own port.

    On SIGTERM or Ctrl-C the server stops accepting connections and gives requests in
    flight up to 10 seconds to finish before it exits (graceful shutdown).
    """
    import uvicorn

    from adapters.persistence.sql.diagnostics import probe
    from chirp.logging import configure_logging

    settings = _settings()
    host, port = host or settings.host, port or settings.port
    second = _mastodon_port(mastodon_port, settings.mastodon_port)
    configure_logging(settings.log_format)
    if settings.storage == "sql":
        asyncio.run(probe(settings.database_url))
    ensure_port_free(host, port)
    if second is not None:
        if second == port:
            raise click.ClickException("the Mastodon API needs a port of its own")
        ensure_port_free(host, second)
        # The child process and `Settings.from_env` in it read the port from here.
        os.environ["CHIRP_MASTODON_PORT"] = str(second)
    if second is not None and workers == 1 and not reload:
        serve_both_in_one_process(host, port, second)
        return
    if second is not None and settings.storage == "memory":
        raise click.ClickException(
            "memory:// keeps data per process: with --workers or --reload, serve the "
            "Mastodon API with CHIRP_MASTODON_PORT=off or use a database"
        )
    with mastodon_alongside(host, None if reload else second, workers):
        uvicorn.run(
            "chirp.app:app_from_env",
            factory=True,
            port=port,
            workers=None if reload else workers,
            reload=reload,
            **uvicorn_options(host),
        )


def _mastodon_port(option: str | None, setting: int | None) -> int | None:
    if option is None:
        return setting
    if option.strip().lower() == "off":
        return None
    if not option.isdigit() or not 1 <= int(option) <= 65535:
        raise click.ClickException(f"--mastodon-port must be a port or 'off', not {option!r}")
    return int(option)


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


@main.command("sweep-media")
@click.option(
    "--older-than-minutes",
    default=60,
    show_default=True,
    type=click.IntRange(min=1),
    help="Only what is at least this old goes, so uploads in flight are safe.",
)
def sweep_media(older_than_minutes: int) -> None:
    """Delete uploads no tweet uses and stored files that never got a record.

    A crash between storing a file and committing its record leaves such a file;
    run this regularly (e.g. hourly from cron) to clean them up.
    """
    import asyncio
    from datetime import timedelta

    from chirp.media_sweep import run_sweep

    settings = _settings()
    if settings.storage == "memory" or settings.media_backend == "memory":
        raise click.ClickException("memory storage keeps nothing between runs: nothing to sweep")
    report = asyncio.run(run_sweep(settings, timedelta(minutes=older_than_minutes)))
    click.echo(
        f"removed {report.records_removed} unused uploads and {report.files_removed} orphan files"
    )
