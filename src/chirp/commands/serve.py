"""`chirp serve`: refuses, in one line, what would make every request fail."""

from __future__ import annotations

import os

import click

from chirp.commands.common import claim_media, ready_database, settings_or_exit
from chirp.commands.serving import (
    ensure_port_free,
    mastodon_alongside,
    serve_both_in_one_process,
    uvicorn_options,
    worker_options,
)


@click.command()
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

    Before listening it checks every setting, that the database exists, answers and is
    migrated to this code's newest revision, that the media root is this database's,
    and that the port is free; any of these failing is one `Error:` line, exit 1.

    On SIGTERM or Ctrl-C the server stops accepting connections and gives requests in
    flight up to 10 seconds to finish before it exits (graceful shutdown).
    """
    import asyncio

    import uvicorn

    from chirp.logging import configure_logging

    settings = settings_or_exit()
    host, port = host or settings.host, port or settings.port
    if settings.storage == "sql":
        # Before logging is set up, so a refusal is the one line and not Alembic's chatter.
        asyncio.run(ready_database(settings))
    claim_media(settings)
    configure_logging(settings.log_format)
    ensure_port_free(host, port)
    second = _mastodon_port(mastodon_port, settings.mastodon_port)
    if second is not None:
        if second == port:
            raise click.ClickException("the Mastodon API needs a port of its own")
        ensure_port_free(host, second, "--mastodon-port (or CHIRP_MASTODON_PORT)")
        # Worker processes read their settings from the environment.
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
            **worker_options(),
        )


def _mastodon_port(option: str | None, setting: int | None) -> int | None:
    if option is None:
        return setting
    if option.strip().lower() == "off":
        return None
    if not option.isdigit() or not 1 <= int(option) <= 65535:
        raise click.ClickException(f"--mastodon-port must be a port or 'off', not {option!r}")
    return int(option)
