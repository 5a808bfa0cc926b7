"""Counting the round trips an app makes to PostgreSQL: a proxy between the two that
reads the client's side of the wire protocol. A round trip ends with a message that asks
the server to answer: Sync (the extended protocol: parse, bind, execute) or Query (a
simple query such as BEGIN). It reads plain text only: a server that accepts SSL would
hide the messages (the test server does not)."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from adapters.persistence.sql.engine import sqlalchemy_url

_ANSWERED = {ord("S"), ord("Q")}
_PROTOCOL_3 = 196608  # the StartupMessage's version; SSLRequest and others come before


class _ClientMessages:
    """The client's byte stream cut into messages, counting those the server answers."""

    def __init__(self, counter: RoundTripCounter) -> None:
        self._counter = counter
        self._buffer = bytearray()
        self._started = False

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while True:
            if not self._started:
                if len(self._buffer) < 8:
                    return
                length, version = struct.unpack("!ii", self._buffer[:8])
                if len(self._buffer) < length:
                    return
                self._started = version == _PROTOCOL_3
                del self._buffer[:length]
                continue
            if len(self._buffer) < 5:
                return
            kind = self._buffer[0]
            (length,) = struct.unpack("!i", self._buffer[1:5])
            if len(self._buffer) < 1 + length:
                return
            if kind in _ANSWERED:
                self._counter.count()
            del self._buffer[: 1 + length]


class RoundTripCounter:
    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._lock = threading.Lock()
        self._count = 0
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])

    def count(self) -> None:
        with self._lock:
            self._count += 1

    @property
    def total(self) -> int:
        with self._lock:
            return self._count

    def url_for(self, database_url: str) -> str:
        url = make_url(sqlalchemy_url(database_url)).set(host="127.0.0.1", port=self.port)
        return url.render_as_string(hide_password=False)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(timeout=10)

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port)

    async def _pipe(self, client_reader, client_writer) -> None:  # type: ignore[no-untyped-def]
        server_reader, server_writer = await asyncio.open_connection(*self._target)
        messages = _ClientMessages(self)

        async def copy(reader, writer, watch) -> None:  # type: ignore[no-untyped-def]
            try:
                while data := await reader.read(65536):
                    if watch:
                        messages.feed(data)
                    writer.write(data)
                    await writer.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                writer.transport.abort()

        await asyncio.gather(
            copy(client_reader, server_writer, True), copy(server_reader, client_writer, False)
        )


@contextmanager
def round_trip_counter(database_url: str) -> Iterator[RoundTripCounter]:
    target = make_url(sqlalchemy_url(database_url))
    counter = RoundTripCounter(target.host or "127.0.0.1", target.port or 5432)
    counter.start()
    try:
        yield counter
    finally:
        counter.stop()
