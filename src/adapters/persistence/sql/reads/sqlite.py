"""Read-only units of work on plain sqlite3 connections in the event-loop thread.

Each process keeps a few connections (usually one: a read never waits, so the next
request finds it free again) and lends one to each read-only unit of work, which holds
one snapshot from BEGIN to its end. Writers are other connections (the async engine's),
so in WAL mode neither ever waits for the other."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from adapters.persistence.sql.reads.binding import read_repositories
from adapters.persistence.sql.reads.drivers import SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from application.ports.unit_of_work import TransientConflict

# A reader only waits in rare moments (recovery of the WAL index); never stall the loop long.
READER_BUSY_TIMEOUT_MS = 200
READER_CACHE_KIB = 32 * 1024
# Pages are read straight from the OS page cache, without a read() copy per page. They
# count in the process's RSS as shared, file-backed memory, like the page cache they are.
READER_MMAP_BYTES = 2 * 1024 * 1024 * 1024


class _SyncConnection:
    """Enough of SQLAlchemy's AsyncConnection for the inherited (rare) read methods:
    they run synchronously, on the session's sqlite3 connection, in its transaction.
    Opened with the session, so SQLAlchemy's first-connect queries are not a request's."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self._engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
        self._connection: Connection = self._engine.connect()
        self.dialect = self._engine.dialect

    async def execute(self, statement: Any, parameters: Any = None) -> Any:
        return self._connection.execute(statement, parameters)

    def end(self) -> None:
        if self._connection.in_transaction():
            self._connection.rollback()

    def close(self) -> None:
        self._connection.close()
        self._engine.dispose()


class ReadSession:
    """One connection with its repositories, built once and lent out many times."""

    def __init__(self, path: str, planner: TimelinePlanner) -> None:
        raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        raw.execute(f"PRAGMA busy_timeout={READER_BUSY_TIMEOUT_MS}")
        raw.execute(f"PRAGMA cache_size=-{READER_CACHE_KIB}")
        raw.execute(f"PRAGMA mmap_size={READER_MMAP_BYTES}")
        raw.execute("PRAGMA query_only=ON")
        self.raw = raw
        self.fallback = _SyncConnection(raw)
        self.loaded = Loaded()
        reader, fallback, loaded = SqliteReader(raw), self.fallback, self.loaded
        self.repositories = read_repositories(reader, fallback, planner, loaded)

    def begin(self) -> None:
        self.loaded.clear()
        try:
            self.raw.execute("BEGIN")
        except sqlite3.OperationalError as error:
            raise TransientConflict("the database is busy") from error

    def end(self) -> None:
        self.loaded.clear()
        self.fallback.end()
        if self.raw.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.fallback.close()
        self.raw.close()


class SqliteReadPath:
    """Hands out read-only units of work of one database file, for this process."""

    def __init__(self, path: str, planner: TimelinePlanner | None = None) -> None:
        self._path = path
        self._idle: list[ReadSession] = []
        self._opened: list[ReadSession] = []
        self._tracer: Callable[[str], None] | None = None
        self.planner = planner or TimelinePlanner("sqlite")

    def __call__(self) -> SqliteReadUnitOfWork:
        return SqliteReadUnitOfWork(self)

    def trace(self, tracer: Callable[[str], None] | None) -> None:
        """Hands every statement the read path runs to `tracer` (None: stop), as
        SQLAlchemy's before_cursor_execute event does for the engine."""
        self._tracer = tracer
        for session in self._opened:
            session.raw.set_trace_callback(tracer)

    def take(self) -> ReadSession:
        if self._idle:
            return self._idle.pop()
        session = ReadSession(self._path, self.planner)
        session.raw.set_trace_callback(self._tracer)
        self._opened.append(session)
        return session

    def give_back(self, session: ReadSession) -> None:
        self._idle.append(session)

    def discard(self, session: ReadSession) -> None:
        self._opened.remove(session)
        session.close()

    @property
    def idle_connections(self) -> int:
        return len(self._idle)

    async def close(self) -> None:
        while self._idle:
            session = self._idle.pop()
            self._opened.remove(session)
            session.close()


class SqliteReadUnitOfWork:
    """A snapshot for the reads of one use case; nothing to commit."""

    def __init__(self, path: SqliteReadPath) -> None:
        self._path = path
        self._session: ReadSession | None = None

    async def __aenter__(self) -> Self:
        session = self._path.take()
        try:
            session.begin()
        except BaseException:
            self._path.give_back(session)
            raise
        self._session = session
        session.repositories.lend_to(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.end()
        except sqlite3.Error:
            self._path.discard(session)  # a connection in an unknown state is not lent again
            raise
        self._path.give_back(session)

    async def commit(self) -> None:
        """A read-only unit of work has nothing to commit."""

    async def rollback(self) -> None:
        """Nothing was written, so there is nothing to undo."""
