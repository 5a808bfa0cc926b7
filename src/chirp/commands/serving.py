"""Checks `chirp serve` makes before starting uvicorn, so a mistake is one clear line."""

from __future__ import annotations

import errno
import socket

import click


def ensure_port_free(host: str, port: int) -> None:
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
                    "choose another port with --port (or PORT)"
                ) from None
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {error.strerror}"
            ) from None
