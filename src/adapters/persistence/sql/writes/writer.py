"""Running the hot writes on the driver connection of a write unit of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

import asyncpg

from adapters.persistence.sql.reads.drivers import PostgresReader, SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.statements import Statement
from adapters.persistence.sql.writes.pending import PendingWrites, Row
from application.ports.unit_of_work import TransientConflict

_BUSY = ("database is locked", "database table is locked")
# serialization_failure, deadlock_detected, lock_not_available: a retry can cure them.
_TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03"}
FOREIGN_KEY_VIOLATION = "23503"


def bound_values(at: Callable[[datetime], Any], values: Mapping[str, Any]) -> list[Any]:
    """A domain object's field values as SQLAlchemy stores them on the backend whose
    moments `at` writes."""
    return [
        at(value)
        if isinstance(value, datetime)
        else value.value
        if isinstance(value, Enum)
        else value
        for value in values.values()
    ]


class SqliteWriter(SqliteReader):
    """Reads as the read path does; `run` changes rows. Whatever the unit of work has
    loaded is forgotten at each change, since the change may be to those very rows.
    Nothing here awaits: a write unit of work never yields to the loop."""

    def __init__(self, connection: sqlite3.Connection, loaded: Loaded) -> None:
        super().__init__(connection)
        self._raw = connection
        self._loaded = loaded

    def bound(self, values: Mapping[str, Any]) -> list[Any]:
        return bound_values(self.at, values)

    async def run(self, statement: Statement, parameters: Sequence[Any]) -> int:
        """The number of rows changed."""
        self._loaded.clear()
        try:
            return self._raw.execute(statement.sqlite, parameters).rowcount
        except sqlite3.OperationalError as error:
            raise busy_or_same(error) from error

    async def run_many(self, statement: Statement, rows: Sequence[Sequence[Any]]) -> None:
        self._loaded.clear()
        try:
            self._raw.executemany(statement.sqlite, rows)
        except sqlite3.OperationalError as error:
            raise busy_or_same(error) from error

    async def defer(
        self, statement: Statement, parameters: Sequence[Any], rows: Iterable[Row] = ()
    ) -> None:
        """A write nobody reads the answer of: on SQLite, written at once."""
        await self.run(statement, parameters)

    async def defer_many(self, statement: Statement, rows: Sequence[Sequence[Any]]) -> None:
        await self.run_many(statement, rows)


class PostgresWriter(PostgresReader):
    """The same on the asyncpg connection under SQLAlchemy's; asyncpg prepares each text
    once per connection. The transaction begins (`begin`) only before the first
    statement that writes: under READ COMMITTED a read sees the same outside it (its
    own snapshot, no lock), so reads first cost no BEGIN. Writes nobody reads the answer
    of wait in a batch (pending.py) until something must see them: a read, another
    write, a SQLAlchemy statement (`settle`) or the commit (`finish`)."""

    def __init__(
        self,
        connection: Any,
        loaded: Loaded,
        begin: Callable[[], Awaitable[None]],
        in_transaction: Callable[[], bool],
    ) -> None:
        super().__init__(connection)
        self._loaded = loaded
        self._begin = begin
        self._in_transaction = in_transaction
        self._pending = PendingWrites()

    def bound(self, values: Mapping[str, Any]) -> list[Any]:
        return bound_values(self.at, values)

    async def all(self, statement: Statement, parameters: Sequence[Any]) -> list[Any]:
        await self._send_pending()
        return await super().all(statement, parameters)

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        await self._send_pending()
        return await super().first(statement, parameters)

    async def run(self, statement: Statement, parameters: Sequence[Any]) -> int:
        await self.settle()
        self._loaded.clear()
        try:
            status = await self._c.execute(statement.postgresql, *parameters)
        except asyncpg.PostgresError as error:
            raise transient_or_same(error) from error
        # "INSERT 0 1", "UPDATE 2", "DELETE 0": the last word counts the rows.
        return int(status.rsplit(" ", 1)[-1])

    async def run_many(self, statement: Statement, rows: Sequence[Sequence[Any]]) -> None:
        await self.settle()
        self._loaded.clear()
        try:
            await self._c.executemany(statement.postgresql, rows)
        except asyncpg.PostgresError as error:
            raise transient_or_same(error) from error

    async def defer(
        self, statement: Statement, parameters: Sequence[Any], rows: Iterable[Row] = ()
    ) -> None:
        """A write whose answer nobody reads, sent with the next batch. `rows`: the
        (table, key) it touches; one already touched by the batch sends the batch first."""
        self._loaded.clear()
        rows = tuple(rows)
        if self._pending.overlaps(rows):
            await self._send_pending()
        self._pending.add(statement.postgresql, parameters, rows)

    async def defer_many(self, statement: Statement, rows: Sequence[Sequence[Any]]) -> None:
        for parameters in rows:
            await self.defer(statement, parameters)

    async def act(self, statement: str, parameters: Sequence[Any]) -> Any:
        """The one row a whole act's statement answers with, or None; the caller commits
        right after (application.ports.acts). With nothing written before it, the
        statement is the whole transaction: it goes without BEGIN and commits by itself.
        Its foreign keys fail only when the row acted on went away since the statement
        began: a race the retried transaction turns into a 404."""
        if self._pending or self._in_transaction():
            await self.settle()
        self._loaded.clear()
        try:
            return await self._c.fetchrow(statement, *parameters)
        except asyncpg.PostgresError as error:
            if is_foreign_key_failure(error):
                raise TransientConflict("the row acted on changed meanwhile") from error
            raise transient_or_same(error) from error

    async def settle(self) -> None:
        """In the transaction, with every held-back write sent: before a statement
        that writes, through this writer or SQLAlchemy."""
        await self._begin()
        await self._send_pending()

    async def finish(self) -> None:
        """At commit: the batch is sent. When nothing began the transaction, the batch
        (one statement) is the whole transaction and commits by itself."""
        if self._pending:
            await self._execute_pending()

    def discard(self) -> None:
        """Leaving without commit: what was held back is never sent."""
        self._pending.discard()

    async def _send_pending(self) -> None:
        if self._pending:
            await self._begin()
            await self._execute_pending()

    async def _execute_pending(self) -> None:
        text, values = self._pending.take()
        try:
            await self._c.execute(text, *values)
        except asyncpg.PostgresError as error:
            raise transient_or_same(error) from error


Writer = SqliteWriter | PostgresWriter


def busy_or_same(error: sqlite3.OperationalError) -> Exception:
    if any(marker in str(error) for marker in _BUSY):
        return TransientConflict("the database is busy")
    return error


def transient_or_same(error: Exception) -> Exception:
    if getattr(error, "sqlstate", None) in _TRANSIENT_SQLSTATES:
        return TransientConflict(type(error).__name__)
    return error


def is_foreign_key_failure(error: Exception) -> bool:
    return isinstance(error, sqlite3.IntegrityError) or (
        getattr(error, "sqlstate", None) == FOREIGN_KEY_VIOLATION
    )
