"""Running the hot writes on the raw sqlite3 connection of a write unit of work."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from adapters.persistence.sql.reads.drivers import SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from application.ports.unit_of_work import TransientConflict

_BUSY = ("database is locked", "database table is locked")


class SqliteWriter(SqliteReader):
    """Reads as the read path does; `run` changes rows. Whatever the unit of work has
    loaded is forgotten at each change, since the change may be to those very rows."""

    def __init__(self, connection: sqlite3.Connection, loaded: Loaded) -> None:
        super().__init__(connection)
        self._raw = connection
        self._loaded = loaded

    def run(self, sql: str, parameters: Sequence[Any]) -> int:
        """The number of rows changed."""
        self._loaded.clear()
        try:
            return self._raw.execute(sql, parameters).rowcount
        except sqlite3.OperationalError as error:
            raise busy_or_same(error) from error

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._loaded.clear()
        try:
            self._raw.executemany(sql, rows)
        except sqlite3.OperationalError as error:
            raise busy_or_same(error) from error

    def bound(self, values: Mapping[str, Any]) -> list[Any]:
        """A domain object's field values as SQLAlchemy stores them on SQLite."""
        return [self.stored(value) for value in values.values()]

    def stored(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return self.at(value)
        if isinstance(value, Enum):
            return value.value
        return value


def busy_or_same(error: sqlite3.OperationalError) -> Exception:
    if any(marker in str(error) for marker in _BUSY):
        return TransientConflict("the database is busy")
    return error
