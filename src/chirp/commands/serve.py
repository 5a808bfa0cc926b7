"""`chirp serve`: refuses, in one line, what would make every request fail."""

from __future__ import annotations

import sys

import click

from chirp.commands.common import claim_media, ready_database, settings_or_exit
from chirp.commands.serving import ensure_port_free


@click.command()
@click.option("--host", default=None, help="Interface to bind (default CHIRP_HOST or 127.0.0.1).")
@click.option(
    "--port", default=None, type=click.IntRange(1, 65535), help="Port (default PORT or 8000)."
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Processes."
)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str | None, port: int | None, workers: int, reload: bool) -> None:
    """Serve the HTTP API with uvicorn.

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
    uvicorn.run(
        "chirp.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        log_config=None,  # chirp.logging formats uvicorn's lines too
        access_log=False,  # the app writes its own access line, with the route template
        workers=None if reload else workers,
        reload=reload,
        loop="uvloop" if sys.platform != "win32" else "asyncio",
        http="httptools",
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
        # uvicorn's 5 s default kills workers still importing on a busy machine.
        timeout_worker_healthcheck=30,
    )
