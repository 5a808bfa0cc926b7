from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.postgres import PostgresReadPath, PostgresReadUnitOfWork
from adapters.persistence.sql.reads.sqlite import SqliteReadPath, SqliteReadUnitOfWork
from adapters.persistence.sql.unit_of_work import SqlUnitOfWork


def read_path_for(
    engine: AsyncEngine, planner: TimelinePlanner | None = None
) -> SqliteReadPath | PostgresReadPath | None:
    """The driver-level read path for this database, when it has one: a SQLite file
    (an in-memory database is private to one connection) or PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return PostgresReadPath(engine, planner)
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return SqliteReadPath(database, planner)
    return None


class SqlUnitOfWorkFactory:
    """Writes (and reads that lead to writes) get a SqlUnitOfWork on the async engine;
    pure reads get the read path's unit of work unless `read_path=False`."""

    def __init__(self, engine: AsyncEngine, *, read_path: bool = True) -> None:
        self.engine = engine
        self.read_path = read_path_for(engine) if read_path else None
        self._one_writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    def __call__(
        self, *, read_only: bool = False
    ) -> SqlUnitOfWork | SqliteReadUnitOfWork | PostgresReadUnitOfWork:
        if read_only and self.read_path is not None:
            return self.read_path()
        if read_only:
            return SqlUnitOfWork(self.engine, read_only=True)
        return SqlUnitOfWork(self.engine, one_writer=self._one_writer)

    async def close(self) -> None:
        """Closes the read path's own connections (the engine's are the engine's)."""
        if self.read_path is not None:
            await self.read_path.close()
