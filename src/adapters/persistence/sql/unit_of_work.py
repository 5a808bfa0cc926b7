from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.follows import SqlFollows
from adapters.persistence.sql.idempotency import SqlIdempotencyKeys
from adapters.persistence.sql.likes import SqlLikes
from adapters.persistence.sql.markers import SqlMarkers
from adapters.persistence.sql.media import SqlMedia
from adapters.persistence.sql.notifications import SqlNotifications
from adapters.persistence.sql.oauth import SqlOAuth
from adapters.persistence.sql.outage import is_unavailable
from adapters.persistence.sql.profiles import SqlProfiles
from adapters.persistence.sql.reads.conversations import ReadDiscovery, ReadSearch, ReadThreads
from adapters.persistence.sql.reads.drivers import connection_reader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.retweets import SqlRetweets
from adapters.persistence.sql.timelines import SqlTimelines
from adapters.persistence.sql.tokens import SqlLoginFailures, SqlTokens
from adapters.persistence.sql.tweets import SqlTweets
from application.acting import RepositoryActs
from application.ports.acts import Acts


class SqlUnitOfWork:
    """One connection, one transaction. Driver errors leave as domain errors or
    TransientConflict, so no use case ever sees SQLAlchemy."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        read_only: bool = False,
        one_writer: asyncio.Lock | None = None,
    ) -> None:
        self._engine = engine
        self._read_only = read_only
        self._connection: AsyncConnection | None = None
        # SQLite has one writer at a time: writers of this process queue here, where the
        # next starts the moment one ends, not in SQLite's busy handler, which polls.
        self._one_writer = one_writer

    async def __aenter__(self) -> Self:
        if self._one_writer is not None:
            await self._one_writer.acquire()
        try:
            connection = await self._engine.connect()
            if self._engine.dialect.name == "sqlite":
                begin = "DEFERRED" if self._read_only else "IMMEDIATE"
                connection = await connection.execution_options(sqlite_begin=begin)
            await connection.begin()
        except BaseException as error:
            if self._one_writer is not None:
                self._one_writer.release()
            if isinstance(error, Exception):
                raise (translated(error) or error) from error
            raise
        self._connection = connection
        self._bind(connection)
        return self

    def _bind(self, connection: AsyncConnection) -> None:
        self.profiles = SqlProfiles(connection)
        self.tokens = SqlTokens(connection)
        self.login_failures = SqlLoginFailures(connection)
        self.media = SqlMedia(connection)
        self.follows = SqlFollows(connection)
        self.notifications = SqlNotifications(connection)
        self.tweets = SqlTweets(connection)
        self.likes = SqlLikes(connection)
        self.retweets = SqlRetweets(connection)
        self.timelines = SqlTimelines(connection)
        self.markers = SqlMarkers(connection)
        self.oauth = SqlOAuth(connection)
        self.idempotency_keys = SqlIdempotencyKeys(connection)
        # The read statements, in this transaction; what they load is not reused here.
        reader, loaded = connection_reader(connection), Loaded()
        self.threads = ReadThreads(reader, loaded)
        self.discovery = ReadDiscovery(reader, loaded)
        self.search = ReadSearch(reader, loaded)
        self.acts: Acts = RepositoryActs(self)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                try:
                    if exc is not None and is_unavailable(exc):
                        # Statements sent to the driver directly (writes/postgres.py) fail
                        # where SQLAlchemy cannot see it: tell the pool this one is dead.
                        await connection.invalidate(exc if isinstance(exc, Exception) else None)
                    elif connection.in_transaction():
                        await connection.rollback()
                finally:
                    try:
                        await connection.close()
                    finally:
                        if self._one_writer is not None:
                            self._one_writer.release()
            except Exception as cleanup_error:
                # A connection the server dropped fails to roll back too; the reason to
                # report is the first error, if there was one.
                if exc is None:
                    raise (translated(cleanup_error) or cleanup_error) from cleanup_error
        if exc is not None:
            replacement = translated(exc)
            if replacement is not None:
                raise replacement from exc

    async def commit(self) -> None:
        assert self._connection is not None, "commit outside the transaction"
        # The next statement, if any, begins a new transaction by itself.
        await self._connection.commit()

    async def rollback(self) -> None:
        if self._connection is not None and self._connection.in_transaction():
            await self._connection.rollback()
