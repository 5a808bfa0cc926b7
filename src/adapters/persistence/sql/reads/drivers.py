"""Running a statement on the bare driver, and the few value conversions each needs.

SQLAlchemy stores SQLite datetimes as naive UTC text with microseconds; the readers
write and parse exactly that form, so rows written by either path read the same."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.reads.id_lists import IdListStatement
from adapters.persistence.sql.reads.statements import Statement
from application.ports.unit_of_work import TransientConflict

_SQLITE_MOMENT = "%Y-%m-%d %H:%M:%S.%f"
_BUSY = ("database is locked", "database table is locked")


class SqliteReader:
    """Statements on a plain sqlite3 connection, run in the caller's thread."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._c = connection

    async def all(self, statement: Statement, parameters: Sequence[Any]) -> list[Any]:
        try:
            return self._c.execute(statement.sqlite, parameters).fetchall()
        except sqlite3.OperationalError as error:
            raise _translated(error) from error

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        try:
            return self._c.execute(statement.sqlite, parameters).fetchone()
        except sqlite3.OperationalError as error:
            raise _translated(error) from error

    async def all_among(
        self, statement: IdListStatement, leading: tuple[Any, ...], ids: list[str]
    ) -> list[Any]:
        """`statement` with `leading` parameters and then the ids, one placeholder each."""
        sized = statement.sized(len(ids))
        if sized is None:
            return await self.all(statement.general, (*leading, self.ids(ids)))
        size, text = sized
        return await self.all(text, (*leading, *ids, *[ids[-1]] * (size - len(ids))))

    @staticmethod
    def ids(values: list[str]) -> str:
        return json.dumps(values)

    @staticmethod
    def at(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime(_SQLITE_MOMENT)

    @staticmethod
    def moment(value: str) -> datetime:
        # Parsing the offset is cheaper than datetime.replace on the parsed value.
        return datetime.fromisoformat(value + "+00:00")

    @staticmethod
    def flag(value: Any) -> bool:
        return bool(value)

    # Inside a JSON document a moment keeps its stored text.
    json_moment = moment

    @staticmethod
    def word_query(words: Sequence[str]) -> str:
        return fts5_query(words)


class PostgresReader:
    """Statements on an asyncpg connection; asyncpg prepares each text once per
    connection and keeps it, so a hot statement is only bound and executed."""

    def __init__(self, connection: Any) -> None:
        self._c = connection

    async def all(self, statement: Statement, parameters: Sequence[Any]) -> list[Any]:
        return await self._c.fetch(statement.postgresql, *parameters)  # type: ignore[no-any-return]

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        return await self._c.fetchrow(statement.postgresql, *parameters)

    async def all_among(
        self, statement: IdListStatement, leading: tuple[Any, ...], ids: list[str]
    ) -> list[Any]:
        """The ids as one array parameter, as every list is here."""
        return await self.all(statement.general, (*leading, ids))

    @staticmethod
    def ids(values: list[str]) -> list[str]:
        return values

    @staticmethod
    def at(moment: datetime) -> datetime:
        return moment

    @staticmethod
    def moment(value: datetime) -> datetime:
        return value.astimezone(UTC)

    @staticmethod
    def flag(value: Any) -> bool:
        return bool(value)

    @staticmethod
    def json_moment(value: str) -> datetime:
        """A timestamptz inside JSON: ISO 8601 with the session's offset."""
        return datetime.fromisoformat(value).astimezone(UTC)

    @staticmethod
    def word_query(words: Sequence[str]) -> str:
        return tsquery(words)


def fts5_query(words: Sequence[str]) -> str:
    """Every word as a prefix: `"pyth"* "web"*` (FTS5 ANDs the phrases). Quoted, so a
    word such as NOT is a word, not an operator."""
    return " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)


def tsquery(words: Sequence[str]) -> str:
    """Every word as a prefix, ANDed: `'pyth':* & 'web':*` for to_tsquery('simple', ...)."""
    quoted = ("'{}'".format(word.replace("\\", "\\\\").replace("'", "''")) for word in words)
    return " & ".join(f"{word}:*" for word in quoted)


class SqliteConnectionReader(SqliteReader):
    """The same statements on SQLAlchemy's connection, in a writing unit of work's
    transaction (the driver's own text and parameters, values as the driver gives them)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._engine_connection = connection

    async def all(self, statement: Statement, parameters: Sequence[Any]) -> list[Any]:
        result = await self._engine_connection.exec_driver_sql(statement.sqlite, tuple(parameters))
        return list(result.fetchall())

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        result = await self._engine_connection.exec_driver_sql(statement.sqlite, tuple(parameters))
        return result.first()


class PostgresConnectionReader(PostgresReader):
    """As SqliteConnectionReader, on PostgreSQL (SQLAlchemy's asyncpg takes `$n`)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._engine_connection = connection

    async def all(self, statement: Statement, parameters: Sequence[Any]) -> list[Any]:
        text = statement.postgresql
        result = await self._engine_connection.exec_driver_sql(text, tuple(parameters))
        return list(result.fetchall())

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        text = statement.postgresql
        result = await self._engine_connection.exec_driver_sql(text, tuple(parameters))
        return result.first()


def connection_reader(connection: AsyncConnection) -> SqliteReader | PostgresReader:
    if connection.dialect.name == "sqlite":
        return SqliteConnectionReader(connection)
    return PostgresConnectionReader(connection)


Reader = SqliteReader | PostgresReader


def _translated(error: sqlite3.OperationalError) -> Exception:
    if any(marker in str(error) for marker in _BUSY):
        return TransientConflict("the database is busy")
    return error
