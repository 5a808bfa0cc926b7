"""Read-only units of work on PostgreSQL: the hot reads go straight to the asyncpg
connection under SQLAlchemy's pooled one, prepared once per connection; the rare ones
go through SQLAlchemy on that same connection.

No BEGIN is sent for the hot reads: under READ COMMITTED every statement sees its own
snapshot either way, so an explicit transaction would only add two round trips."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.notifications import SqlNotifications
from adapters.persistence.sql.reads.drivers import PostgresReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.repositories import (
    ReadFollows,
    ReadLikes,
    ReadMedia,
    ReadProfiles,
    ReadRetweets,
    ReadTimelines,
    ReadTokens,
    ReadTweets,
)
from adapters.persistence.sql.tokens import SqlLoginFailures


class PostgresReadPath:
    def __init__(self, engine: AsyncEngine, planner: TimelinePlanner | None = None) -> None:
        self.engine = engine
        self.planner = planner or TimelinePlanner("postgresql")

    def __call__(self) -> PostgresReadUnitOfWork:
        return PostgresReadUnitOfWork(self)

    def close(self) -> None:
        """The engine owns the connections; disposing it closes them."""


class PostgresReadUnitOfWork:
    def __init__(self, path: PostgresReadPath) -> None:
        self._path = path
        self._connection: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        try:
            connection = await self._path.engine.connect()
            try:
                raw = (await connection.get_raw_connection()).driver_connection
            except BaseException:
                await connection.close()
                raise
        except Exception as error:
            raise (translated(error) or error) from error
        self._connection = connection
        reader, loaded = PostgresReader(raw), Loaded()
        self.profiles = ReadProfiles(reader, connection, loaded)
        self.tokens = ReadTokens(reader, connection)
        self.login_failures = SqlLoginFailures(connection)
        self.media = ReadMedia(reader, connection)
        self.follows = ReadFollows(reader, connection)
        self.notifications = SqlNotifications(connection)
        self.tweets = ReadTweets(reader, connection, loaded)
        self.likes = ReadLikes(reader, connection, loaded)
        self.retweets = ReadRetweets(reader, connection, loaded)
        self.timelines = ReadTimelines(reader, connection, self._path.planner, loaded)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()
        if exc is not None:
            replacement = translated(exc)
            if replacement is not None:
                raise replacement from exc

    async def commit(self) -> None:
        """A read-only unit of work has nothing to commit."""

    async def rollback(self) -> None:
        """Nothing was written, so there is nothing to undo."""
