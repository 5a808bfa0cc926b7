"""Counting the round trips an app makes to PostgreSQL: a proxy between the two that
reads the client's side of the wire protocol. A round trip ends with a message that asks
the server to answer: Sync (the extended protocol: parse, bind, execute) or Query (a
simple query such as BEGIN). It reads plain text only: a server that accepts SSL would
hide the messages (the test server does not)."""

from __future__ import annotations

import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from adapters.persistence.sql.engine import sqlalchemy_url
from tests.support.tcp_proxy import TcpProxy

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


class RoundTripCounter(TcpProxy):
    """A TcpProxy that counts what the client's side of each connection asks for."""

    def __init__(self, target_host: str, target_port: int) -> None:
        super().__init__(target_host, target_port)
        self._lock = threading.Lock()
        self._count = 0

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

    def _watcher(self) -> Callable[[bytes], None]:
        return _ClientMessages(self).feed


@contextmanager
def round_trip_counter(database_url: str) -> Iterator[RoundTripCounter]:
    target = make_url(sqlalchemy_url(database_url))
    counter = RoundTripCounter(target.host or "127.0.0.1", target.port or 5432)
    counter.start()
    try:
        yield counter
    finally:
        counter.stop()
