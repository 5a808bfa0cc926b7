"""Write units of work on PostgreSQL: SQLAlchemy's connection and transaction, with the
hot statements sent straight to the asyncpg connection under it (prepared once per
connection, without SQLAlchemy's per-statement work), and the re-reads a write answers
with taken from the read path's statements (a tweet comes with its author and media).
Every other repository method runs through SQLAlchemy, in the same transaction.

The transaction begins before the first write, and writes nobody reads the answer of
go in one batch (writer.PostgresWriter): a use case that reads, then writes only such
rows (a new tweet) costs its reads and one statement, without BEGIN or COMMIT."""

from __future__ import annotations

import contextlib
import sys
from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.outage import is_unavailable
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.unit_of_work import SqlUnitOfWork
from adapters.persistence.sql.writes.binding import write_repositories
from adapters.persistence.sql.writes.postgres_acts import PostgresActs
from adapters.persistence.sql.writes.writer import PostgresWriter, transient_or_same


class _ForgettingConnection:
    """SQLAlchemy's connection for the methods not on the driver. A statement through
    it may change rows, so what the unit of work loaded is forgotten, and it comes after
    the writes held back."""

    def __init__(self, connection: AsyncConnection, loaded: Loaded, writer: PostgresWriter) -> None:
        self._connection = connection
        self._loaded = loaded
        self._writer = writer
        self.dialect = connection.dialect

    async def execute(self, statement: Any, parameters: Any = None) -> Any:
        await self._writer.settle()
        self._loaded.clear()
        return await self._connection.execute(statement, parameters)

    async def exec_driver_sql(self, statement: str, parameters: Any = None) -> Any:
        await self._writer.settle()
        self._loaded.clear()
        return await self._connection.exec_driver_sql(statement, parameters)


class PostgresWriteUnitOfWork(SqlUnitOfWork):
    def __init__(self, engine: AsyncEngine, planner: TimelinePlanner) -> None:
        super().__init__(engine)
        self._planner = planner
        self._writer: PostgresWriter | None = None

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        try:
            await self._bind_driver()
        except BaseException:
            await self.__aexit__(*sys.exc_info())
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.discard()
        # A dead connection met on the driver is unknown to SQLAlchemy's pool, which
        # would lend it again: it is invalidated here, as SQLAlchemy does for its own.
        connection = self._connection
        if exc is not None and connection is not None and is_unavailable(exc):
            with contextlib.suppress(Exception):
                await connection.invalidate()
        await super().__aexit__(exc_type, exc, tb)

    async def commit(self) -> None:
        assert self._writer is not None, "commit outside the transaction"
        await self._writer.finish()
        await super().commit()

    async def rollback(self) -> None:
        if self._writer is not None:
            self._writer.discard()
        await super().rollback()

    async def _bind_driver(self) -> None:
        connection = self._connection
        assert connection is not None
        raw = await connection.get_raw_connection()
        adapted: Any = raw.dbapi_connection

        async def begin() -> None:
            # SQLAlchemy's asyncpg adapter sends BEGIN with its own first statement; the
            # driver's writes may come first, so they begin the transaction themselves.
            if adapted._transaction is None:
                try:
                    await adapted._start_transaction()
                except Exception as error:
                    raise transient_or_same(error) from error

        def in_transaction() -> bool:
            return adapted._transaction is not None

        loaded = Loaded()
        writer = PostgresWriter(raw.driver_connection, loaded, begin, in_transaction)
        self._writer = writer
        facade = _ForgettingConnection(connection, loaded, writer)
        write_repositories(writer, facade, self._planner, loaded).lend_to(self)
        self.acts = PostgresActs(writer, self.commit)
