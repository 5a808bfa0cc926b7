"""The write units of work of one SQLite file, for this process.

One connection per process, lent to one unit of work at a time (an asyncio lock queues
the next). The worker processes take turns at writing (turns.py), then BEGIN IMMEDIATE
takes SQLite's write lock with a zero busy timeout: when a writer outside the turns (a
command, the engine's connections) holds it, the unit of work waits with a jittered,
growing asyncio.sleep, so the event loop keeps serving meanwhile, instead of sleeping
in SQLite's polling busy handler. Everything after BEGIN runs synchronously in the loop
thread (the repositories' coroutines never yield), so the lock is held only for the
statements' own time. A use case that awaits something else inside its transaction
(log-in hashes a password) holds the lock and the turn that long."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.sqlite import (
    READER_CACHE_KIB,
    READER_MMAP_BYTES,
    _SyncConnection,
)
from adapters.persistence.sql.writes.binding import write_repositories
from adapters.persistence.sql.writes.checkpoints import Checkpointer
from adapters.persistence.sql.writes.turns import WriterTurns
from adapters.persistence.sql.writes.writer import SqliteWriter, busy_or_same
from application.acting import RepositoryActs
from application.ports.unit_of_work import TransientConflict

# Waiting for another process's write lock: first a bare loop turn, then sleeps of up
# to FIRST_WAIT, doubling up to LONGEST_WAIT, for at most GIVE_UP_AFTER in all (then
# the use case's own retry takes over, as after any transient conflict).
FIRST_WAIT_S = 0.0005
LONGEST_WAIT_S = 0.008
GIVE_UP_AFTER_S = 5.0
# Transactions a process may run in one turn while its writers queue (see turns.py).
TURN_TRANSACTIONS = 16
T = TypeVar("T")


class _ForgettingConnection(_SyncConnection):
    """The SQLAlchemy facade of a write unit of work. A statement through it may change
    rows (a repository method not on the driver), so what was loaded is forgotten."""

    def __init__(self, raw: sqlite3.Connection, loaded: Loaded) -> None:
        super().__init__(raw)
        self._loaded = loaded

    async def execute(self, statement: Any, parameters: Any = None) -> Any:
        self._loaded.clear()
        return await super().execute(statement, parameters)


class WriteSession:
    """The process's write connection with its repositories, built once."""

    def __init__(self, path: str, planner: TimelinePlanner, checkpointer: Checkpointer) -> None:
        raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        raw.execute("PRAGMA busy_timeout=0")
        raw.execute("PRAGMA wal_autocheckpoint=0")  # see checkpoints.py
        self._checkpointer = checkpointer
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
        self.repositories = write_repositories(writer, self.facade, planner, self.loaded)

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
        self._checkpointer.committed()
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
        self.checkpointer = Checkpointer(path)
        self._turns = WriterTurns(path)
        self._in_turn = 0
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
            if not self._turns.held:
                await self._turns.take()
                self._in_turn = 0
            if self._session is None:
                self._session = WriteSession(self._path, self._planner, self.checkpointer)
                self._session.raw.set_trace_callback(self._tracer)
            await self._session.begin()
        except BaseException:
            self._release()
            raise
        return self._session

    async def run_alone(self, statements: Callable[[sqlite3.Connection], T]) -> T:
        """`statements` (plain sqlite3 calls, nothing awaited) in one transaction of their
        own on the write connection, committed, in this process's turn like any unit of
        work: a writer beside the use cases (the rate limiter's batches) then never
        meets them at SQLite's lock, where one of the two would sleep and poll."""
        session = await self.take()
        try:
            result = statements(session.raw)
            session.commit()
            return result
        except sqlite3.Error as error:
            raise (_translated(error) or error) from error
        finally:
            self.end(session)

    def end(self, session: WriteSession) -> None:
        """Ends the session's transaction (what was not committed is rolled back) and
        gives the turn back; a connection that failed to end is not lent again."""
        broken = False
        try:
            session.end()
        except sqlite3.Error:
            broken = True
            raise
        finally:
            self.give_back(session, broken=broken)

    def give_back(self, session: WriteSession, *, broken: bool = False) -> None:
        if broken and session is self._session:
            self._session = None  # a connection in an unknown state is not lent again
            session.close()
        self._in_turn += 1
        self._release()

    def _release(self) -> None:
        """The process keeps its turn for the writers already queued here, up to
        TURN_TRANSACTIONS, so a hand-over (a thread's wake-up) is paid once for many.
        Whenever no writer of this process took the lock after all, the turn goes."""
        if self._in_turn >= TURN_TRANSACTIONS:
            self._turns.give_back()
        self._one_writer.release()
        asyncio.get_running_loop().call_soon(self._give_turn_back_if_idle)

    def _give_turn_back_if_idle(self) -> None:
        if not self._one_writer.locked():
            self._turns.give_back()

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.close()
        self.checkpointer.close()
        self._turns.close()


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
        self.acts = RepositoryActs(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            self._path.end(session)
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
