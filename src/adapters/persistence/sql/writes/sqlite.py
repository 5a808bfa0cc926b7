"""The write units of work of one SQLite file, for this process.

One connection per process, lent to one unit of work at a time (an asyncio lock queues
the next). BEGIN IMMEDIATE takes the write lock with a zero busy timeout: when another
process holds it, the unit of work waits with a jittered, growing asyncio.sleep, so the
event loop keeps serving meanwhile, instead of sleeping in SQLite's polling busy
handler. Everything after BEGIN runs synchronously in the loop thread (the repositories'
coroutines never yield), so the lock is held only for the statements' own time."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from types import TracebackType
from typing import Any, Self

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.markers import SqlMarkers
from adapters.persistence.sql.notifications import SqlNotifications
from adapters.persistence.sql.oauth import SqlOAuth
from adapters.persistence.sql.reads.conversations import ReadDiscovery, ReadSearch, ReadThreads
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.repositories import ReadMedia, ReadTokens
from adapters.persistence.sql.reads.sqlite import (
    READER_CACHE_KIB,
    READER_MMAP_BYTES,
    _SyncConnection,
)
from adapters.persistence.sql.reads.timelines import ReadTimelines
from adapters.persistence.sql.tokens import SqlLoginFailures
from adapters.persistence.sql.writes.repositories import (
    WriteFollows,
    WriteLikes,
    WriteNotifications,
    WriteProfiles,
    WriteRetweets,
    WriteTweets,
)
from adapters.persistence.sql.writes.writer import SqliteWriter, busy_or_same
from application.ports.unit_of_work import TransientConflict

# Waiting for another process's write lock: first a bare loop turn, then sleeps of up
# to FIRST_WAIT, doubling up to LONGEST_WAIT, for at most GIVE_UP_AFTER in all (then
# the use case's own retry takes over, as after any transient conflict).
FIRST_WAIT_S = 0.0005
LONGEST_WAIT_S = 0.008
GIVE_UP_AFTER_S = 5.0


class _ForgettingConnection(_SyncConnection):
    """The SQLAlchemy facade of a write unit of work. A statement through it may change
    rows (a repository method not on the driver), so what was loaded is forgotten."""

    def __init__(self, raw: sqlite3.Connection, loaded: Loaded) -> None:
        super().__init__(raw)
        self._loaded = loaded

    async def execute(self, statement: Any, parameters: Any = None) -> Any:
        self._loaded.clear()
        return await super().execute(statement, parameters)


@dataclass(frozen=True)
class WriteRepositories:
    profiles: WriteProfiles
    tokens: ReadTokens
    login_failures: SqlLoginFailures
    media: ReadMedia
    follows: WriteFollows
    notifications: SqlNotifications
    tweets: WriteTweets
    likes: WriteLikes
    retweets: WriteRetweets
    timelines: ReadTimelines
    threads: ReadThreads
    discovery: ReadDiscovery
    search: ReadSearch
    markers: SqlMarkers
    oauth: SqlOAuth

    def lend_to(self, unit: Any) -> None:
        for field in fields(self):
            setattr(unit, field.name, getattr(self, field.name))


def _write_repositories(
    writer: SqliteWriter, facade: Any, planner: TimelinePlanner, loaded: Loaded
) -> WriteRepositories:
    return WriteRepositories(
        profiles=WriteProfiles(writer, facade, loaded),
        tokens=ReadTokens(writer, facade),
        login_failures=SqlLoginFailures(facade),
        media=ReadMedia(writer, facade, loaded),
        follows=WriteFollows(writer, facade),
        notifications=WriteNotifications(writer, facade),
        tweets=WriteTweets(writer, facade, loaded),
        likes=WriteLikes(writer, facade, loaded),
        retweets=WriteRetweets(writer, facade, loaded),
        timelines=ReadTimelines(writer, facade, planner, loaded),
        threads=ReadThreads(writer, loaded),
        discovery=ReadDiscovery(writer, loaded),
        search=ReadSearch(writer, loaded),
        # Rare writes keep SQLAlchemy Core, run on the same connection through the facade.
        markers=SqlMarkers(facade),
        oauth=SqlOAuth(facade),
    )


class WriteSession:
    """The process's write connection with its repositories, built once."""

    def __init__(self, path: str, planner: TimelinePlanner) -> None:
        raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        raw.execute("PRAGMA busy_timeout=0")
        raw.execute("PRAGMA journal_mode=WAL")
        # WAL with synchronous=NORMAL: a commit is in the WAL file (the OS's page cache)
        # when it returns, so it survives the process being killed; only a power cut
        # may lose the last commits.
        raw.execute("PRAGMA synchronous=NORMAL")
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute(f"PRAGMA cache_size=-{READER_CACHE_KIB}")
        raw.execute(f"PRAGMA mmap_size={READER_MMAP_BYTES}")
        self.raw = raw
        self.loaded = Loaded()
        self.facade = _ForgettingConnection(raw, self.loaded)
        writer = SqliteWriter(raw, self.loaded)
        self.repositories = _write_repositories(writer, self.facade, planner, self.loaded)

    async def begin(self) -> None:
        self.loaded.clear()
        waited_since: float | None = None
        wait = FIRST_WAIT_S
        while True:
            try:
                self.raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not isinstance(busy_or_same(error), TransientConflict):
                    raise
            # Another process writes: let the loop serve others meanwhile.
            if waited_since is None:
                waited_since = time.monotonic()
                await asyncio.sleep(0)
                continue
            if time.monotonic() - waited_since > GIVE_UP_AFTER_S:
                raise TransientConflict("the database stayed busy")
            await asyncio.sleep(random.uniform(wait / 2, wait))
            wait = min(wait * 2, LONGEST_WAIT_S)

    def commit(self) -> None:
        self.loaded.clear()
        self.raw.execute("COMMIT")
        # Then SQLAlchemy's view of it: its rollback is sqlite3's, which would undo an
        # open transaction, and now finds none.
        self.facade.end()

    def end(self) -> None:
        """Rolls back what was not committed."""
        self.loaded.clear()
        self.facade.end()
        if self.raw.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.facade.close()
        self.raw.close()


class SqliteWritePath:
    """Hands out write units of work of one database file, one at a time."""

    def __init__(self, path: str, planner: TimelinePlanner | None = None) -> None:
        self._path = path
        self._planner = planner or TimelinePlanner("sqlite")
        self._session: WriteSession | None = None
        self._one_writer = asyncio.Lock()
        self._tracer: Callable[[str], None] | None = None

    def __call__(self) -> SqliteWriteUnitOfWork:
        return SqliteWriteUnitOfWork(self)

    def trace(self, tracer: Callable[[str], None] | None) -> None:
        self._tracer = tracer
        if self._session is not None:
            self._session.raw.set_trace_callback(tracer)

    async def take(self) -> WriteSession:
        await self._one_writer.acquire()
        try:
            if self._session is None:
                self._session = WriteSession(self._path, self._planner)
                self._session.raw.set_trace_callback(self._tracer)
            await self._session.begin()
        except BaseException:
            self._one_writer.release()
            raise
        return self._session

    def give_back(self, session: WriteSession, *, broken: bool = False) -> None:
        if broken and session is self._session:
            self._session = None  # a connection in an unknown state is not lent again
            session.close()
        self._one_writer.release()

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.close()


class SqliteWriteUnitOfWork:
    """One write transaction on the process's write connection."""

    def __init__(self, path: SqliteWritePath) -> None:
        self._path = path
        self._session: WriteSession | None = None

    async def __aenter__(self) -> Self:
        try:
            self._session = await self._path.take()
        except sqlite3.Error as error:
            raise (_translated(error) or error) from error
        self._session.repositories.lend_to(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            broken = False
            try:
                session.end()
            except sqlite3.Error:
                broken = True
                raise
            finally:
                self._path.give_back(session, broken=broken)
        if exc is not None:
            replacement = _translated(exc)
            if replacement is not None:
                raise replacement from exc

    async def commit(self) -> None:
        """Ends the transaction; nothing more is written in this unit of work."""
        assert self._session is not None, "commit outside the transaction"
        try:
            self._session.commit()
        except sqlite3.Error as error:
            raise (_translated(error) or error) from error

    async def rollback(self) -> None:
        if self._session is not None:
            self._session.end()


def _translated(error: BaseException) -> BaseException | None:
    if isinstance(error, sqlite3.OperationalError):
        replacement = busy_or_same(error)
        return replacement if replacement is not error else None
    return translated(error)
