"""Read-only units of work on PostgreSQL: the hot reads go straight to asyncpg, on a
small pool of its own per process, prepared once per connection; the rare ones go
through SQLAlchemy's engine, on a connection opened only when one is asked for.

No BEGIN is sent: under READ COMMITTED every statement sees its own snapshot either
way, so a transaction would only add two round trips. Nothing on these connections
changes session state, so they go back to the pool without asyncpg's reset round trip."""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any, Self

import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.engine import CONNECT_TIMEOUT_SECONDS, POOL_WAIT_SECONDS
from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.reads.binding import read_repositories
from adapters.persistence.sql.reads.drivers import PostgresReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner

READ_POOL_SIZE = 5
# Every hot statement is a keyed lookup or a short walk of an index under a LIMIT, the
# same plan whatever the values: plan it once per connection, not at each execution
# (PostgreSQL otherwise keeps re-planning statements whose LIMIT is a parameter).
# JIT off: a generic plan's LIMIT $n hides how few rows are wanted, its cost estimate
# passes jit_above_cost, and compiling then takes ~20-40 ms for a 0.4 ms walk.
# No parallel workers: the same estimate picks a Gather Merge for a hashtag's walk,
# whose workers' start-up cost 16 ms where the walk alone takes 4 (1,000,000 tweets).
READ_SESSION = {
    "plan_cache_mode": "force_generic_plan",
    "jit": "off",
    "max_parallel_workers_per_gather": "0",
}
# Bounds while the server is down or unreachable (the engine's are in ..engine): a read
# answers 503 instead of hanging. Every read here is a short indexed walk.
STATEMENT_TIMEOUT_SECONDS = 10


async def _keep_as_is(_connection: Any) -> None:
    """The pool's reset hook: read connections hold no session state to clear."""


class _OnDemandConnection:
    """SQLAlchemy's connection for the rare reads, opened at the first of them."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self.dialect = engine.dialect

    async def execute(self, statement: Any, parameters: Any = None) -> Any:
        if self._connection is None:
            self._connection = await self._engine.connect()
        return await self._connection.execute(statement, parameters)

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()


class PostgresReadPath:
    def __init__(self, engine: AsyncEngine, planner: TimelinePlanner | None = None) -> None:
        self.engine = engine
        self.planner = planner or TimelinePlanner("postgresql")
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._pool: asyncio.Future[asyncpg.Pool] | None = None

    def __call__(self) -> PostgresReadUnitOfWork:
        return PostgresReadUnitOfWork(self)

    async def pool(self) -> asyncpg.Pool:
        """Created in the running event loop on first use, once however many ask."""
        if self._pool is None:
            self._pool = asyncio.ensure_future(
                asyncpg.create_pool(
                    self._dsn,
                    min_size=1,
                    max_size=READ_POOL_SIZE,
                    reset=_keep_as_is,
                    server_settings=READ_SESSION,
                    timeout=CONNECT_TIMEOUT_SECONDS,
                    command_timeout=STATEMENT_TIMEOUT_SECONDS,
                )
            )
        try:
            return await asyncio.shield(self._pool)
        except Exception:
            self._pool = None  # the next read tries again
            raise

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None and pool.done() and pool.exception() is None:
            await pool.result().close()


class PostgresReadUnitOfWork:
    def __init__(self, path: PostgresReadPath) -> None:
        self._path = path
        self._pool: asyncpg.Pool | None = None
        self._raw: Any = None
        self._fallback: _OnDemandConnection | None = None

    async def __aenter__(self) -> Self:
        try:
            pool = await self._path.pool()
            raw = await pool.acquire(timeout=POOL_WAIT_SECONDS)
        except Exception as error:
            raise (translated(error) or error) from error
        self._pool, self._raw = pool, raw
        reader, loaded = PostgresReader(raw), Loaded()
        fallback = self._fallback = _OnDemandConnection(self._path.engine)
        read_repositories(reader, fallback, self._path.planner, loaded).lend_to(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pool, raw, fallback = self._pool, self._raw, self._fallback
        self._pool = self._raw = self._fallback = None
        try:
            try:
                if fallback is not None:
                    await fallback.close()
            finally:
                if pool is not None:
                    await pool.release(raw)
        except Exception as cleanup_error:
            # A connection the server dropped fails to close too; the reason to report
            # is the first error, if there was one.
            if exc is None:
                raise (translated(cleanup_error) or cleanup_error) from cleanup_error
        if exc is not None:
            replacement = translated(exc)
            if replacement is not None:
                raise replacement from exc

    async def commit(self) -> None:
        """A read-only unit of work has nothing to commit."""

    async def rollback(self) -> None:
        """Nothing was written, so there is nothing to undo."""
