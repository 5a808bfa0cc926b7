"""Running the hot writes on the driver connection of a write unit of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

import asyncpg

from adapters.persistence.sql.reads.drivers import PostgresReader, SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.statements import Statement
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


class PostgresWriter(PostgresReader):
    """The same on the asyncpg connection under SQLAlchemy's, in its transaction;
    asyncpg prepares each text once per connection."""

    def __init__(self, connection: Any, loaded: Loaded) -> None:
        super().__init__(connection)
        self._loaded = loaded

    def bound(self, values: Mapping[str, Any]) -> list[Any]:
        return bound_values(self.at, values)

    async def run(self, statement: Statement, parameters: Sequence[Any]) -> int:
        self._loaded.clear()
        try:
            status = await self._c.execute(statement.postgresql, *parameters)
        except asyncpg.PostgresError as error:
            raise transient_or_same(error) from error
        # "INSERT 0 1", "UPDATE 2", "DELETE 0": the last word counts the rows.
        return int(status.rsplit(" ", 1)[-1])

    async def run_many(self, statement: Statement, rows: Sequence[Sequence[Any]]) -> None:
        self._loaded.clear()
        try:
            await self._c.executemany(statement.postgresql, rows)
        except asyncpg.PostgresError as error:
            raise transient_or_same(error) from error

    async def act(self, statement: str, parameters: Sequence[Any]) -> Any:
        """The one row a whole act's statement answers with, or None. Its foreign keys
        fail only when the row acted on went away since the statement began: a race the
        retried transaction turns into a 404."""
        self._loaded.clear()
        try:
            return await self._c.fetchrow(statement, *parameters)
        except asyncpg.PostgresError as error:
            if is_foreign_key_failure(error):
                raise TransientConflict("the row acted on changed meanwhile") from error
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
