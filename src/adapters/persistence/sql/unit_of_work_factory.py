from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.postgres import PostgresReadPath, PostgresReadUnitOfWork
from adapters.persistence.sql.reads.sqlite import SqliteReadPath, SqliteReadUnitOfWork
from adapters.persistence.sql.unit_of_work import SqlUnitOfWork
from adapters.persistence.sql.writes.postgres import PostgresWriteUnitOfWork
from adapters.persistence.sql.writes.sqlite import SqliteWritePath, SqliteWriteUnitOfWork


def sqlite_file_of(engine: AsyncEngine) -> str | None:
    """The database file, for SQLite on a file (an in-memory database is private to one
    connection, so only the engine's can see it)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return database
    return None


def read_path_for(
    engine: AsyncEngine, planner: TimelinePlanner | None = None
) -> SqliteReadPath | PostgresReadPath | None:
    """The driver-level read path for this database, when it has one: a SQLite file or
    PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return PostgresReadPath(engine, planner)
    database = sqlite_file_of(engine)
    return SqliteReadPath(database, planner) if database else None


def write_path_for(engine: AsyncEngine) -> SqliteWritePath | PostgresWritePath | None:
    if engine.dialect.name == "postgresql":
        return PostgresWritePath(engine)
    database = sqlite_file_of(engine)
    return SqliteWritePath(database) if database else None


class PostgresWritePath:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._planner = TimelinePlanner("postgresql")

    def __call__(self) -> PostgresWriteUnitOfWork:
        return PostgresWriteUnitOfWork(self._engine, self._planner)

    async def close(self) -> None:
        """Its connections are the engine's."""


class SqlUnitOfWorkFactory:
    """Pure reads get the read path's unit of work unless `read_path=False`; writes the
    write path's (SQLite on a file, PostgreSQL) unless `write_path=False`; the rest (an
    in-memory SQLite) a SqlUnitOfWork on the async engine."""

    def __init__(
        self, engine: AsyncEngine, *, read_path: bool = True, write_path: bool = True
    ) -> None:
        self.engine = engine
        self.read_path = read_path_for(engine) if read_path else None
        self.write_path = write_path_for(engine) if write_path else None
        self._one_writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    def __call__(
        self, *, read_only: bool = False
    ) -> (
        SqlUnitOfWork
        | SqliteReadUnitOfWork
        | PostgresReadUnitOfWork
        | SqliteWriteUnitOfWork
        | PostgresWriteUnitOfWork
    ):
        if read_only and self.read_path is not None:
            return self.read_path()
        if read_only:
            return SqlUnitOfWork(self.engine, read_only=True)
        if self.write_path is not None:
            return self.write_path()
        return SqlUnitOfWork(self.engine, one_writer=self._one_writer)

    async def close(self) -> None:
        """Closes the paths' own connections (the engine's are the engine's)."""
        if self.read_path is not None:
            await self.read_path.close()
        if self.write_path is not None:
            await self.write_path.close()
