"""Running a statement on the bare driver, and the few value conversions each needs.

SQLAlchemy stores SQLite datetimes as naive UTC text with microseconds; the readers
write and parse exactly that form, so rows written by either path read the same."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

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


class PostgresReader:
    """Statements on an asyncpg connection; asyncpg prepares each text once per
    connection and keeps it, so a hot statement is only bound and executed."""

    def __init__(self, connection: Any) -> None:
        self._c = connection

    async def all(self, statement: Statement, parameters: Sequence[Any]) -> list[Any]:
        return await self._c.fetch(statement.postgresql, *parameters)  # type: ignore[no-any-return]

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        return await self._c.fetchrow(statement.postgresql, *parameters)

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


Reader = SqliteReader | PostgresReader


def _translated(error: sqlite3.OperationalError) -> Exception:
    if any(marker in str(error) for marker in _BUSY):
        return TransientConflict("the database is busy")
    return error
