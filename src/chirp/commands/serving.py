"""Checks `chirp serve` makes before starting uvicorn, so a mistake is one clear line."""

from __future__ import annotations

import asyncio
import errno
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click


def ensure_port_free(host: str, port: int, option: str = "--port (or PORT)") -> None:
    """Binds the address the way uvicorn will (with SO_REUSEADDR) and lets go again."""
    try:
        candidates = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise click.ClickException(f"cannot listen on {host!r}: {error.strerror}") from None
    family, kind, protocol, _, address = candidates[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is already in use: stop the other server or "
                    f"choose another port with {option}"
                ) from None
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {error.strerror}"
            ) from None


def uvicorn_options(host: str) -> dict[str, Any]:
    return {
        "host": host,
        "log_config": None,  # chirp.logging formats uvicorn's lines too
        "access_log": False,  # the app writes its own access line, with the route template
        "loop": "uvloop" if sys.platform != "win32" else "asyncio",
        "http": "httptools",
        "server_header": False,
        "proxy_headers": False,
        "timeout_graceful_shutdown": 10,
    }


def worker_options() -> dict[str, Any]:
    # uvicorn's 5 s default kills workers still importing on a busy machine.
    return {"timeout_worker_healthcheck": 30}


def serve_both_in_one_process(host: str, port: int, mastodon_port: int) -> None:
    """One process, one event loop, one container behind both APIs (so memory://
    storage is shared too). When one server stops, so does the other."""
    import uvicorn

    from chirp.app import create_app, create_mastodon_app
    from chirp.container import build_container
    from chirp.settings import Settings

    settings = Settings.from_env()
    container = build_container(settings)
    options = uvicorn_options(host)
    servers = [
        uvicorn.Server(uvicorn.Config(create_app(settings, container), port=port, **options)),
        uvicorn.Server(
            uvicorn.Config(
                create_mastodon_app(settings, container, owns_container=False),
                port=mastodon_port,
                **options,
            )
        ),
    ]

    async def run_all() -> None:
        tasks = [asyncio.create_task(server.serve()) for server in servers]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for server in servers:
            server.should_exit = True
        await asyncio.gather(*tasks, return_exceptions=True)

    if options["loop"] == "uvloop":
        import uvloop

        uvloop.run(run_all())
    else:
        asyncio.run(run_all())


def run_mastodon_workers(host: str, port: int, workers: int) -> None:
    """The Mastodon API's own uvicorn (in a child process): `workers` processes."""
    import uvicorn

    from chirp.logging import configure_logging
    from chirp.settings import Settings

    configure_logging(Settings.from_env().log_format)
    uvicorn.run(
        "chirp.app:mastodon_app_from_env",
        factory=True,
        port=port,
        workers=workers,
        **uvicorn_options(host),
    )


@contextmanager
def mastodon_alongside(host: str, port: int | None, workers: int) -> Iterator[None]:
    """Runs the Mastodon API in a process of its own (with its own uvicorn workers) for
    as long as the block runs; SIGTERM gives it the same graceful shutdown."""
    if port is None:
        yield
        return
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from chirp.commands.serving import run_mastodon_workers; "
            "run_mastodon_workers(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))",
            host,
            str(port),
            str(workers),
        ]
    )
    try:
        yield
    finally:
        if child.poll() is None:
            child.terminate()
        try:
            child.wait(15)
        except subprocess.TimeoutExpired:
            child.kill()
