"""Rate-limit counters in the database, so a limit holds across every server process
without another service to run. One atomic upsert per request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.tables import rate_limit_counters as counters
from application.ports.rate_limits import Decision, Quota, decide, fixed_window
from application.ports.system import Clock

SWEEP_EVERY_SECONDS = 60


class SqlRateLimiter:
    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine, self._clock = engine, clock
        self._insert: Any = sqlite_insert if engine.dialect.name == "sqlite" else postgresql_insert
        self._next_sweep = 0.0

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        start, reset = fixed_window(now, quota.window_seconds)
        # INSERT … ON CONFLICT DO UPDATE … RETURNING is one atomic statement on both
        # SQLite and PostgreSQL: concurrent hits from any process each get their own count.
        statement = (
            self._insert(counters)
            .values(
                key=key,
                window_seconds=quota.window_seconds,
                window_start=start,
                hits=1,
                expires_at=start + quota.window_seconds,
            )
            .on_conflict_do_update(
                index_elements=[counters.c.key, counters.c.window_seconds, counters.c.window_start],
                set_={"hits": counters.c.hits + 1},
            )
            .returning(counters.c.hits)
        )
        async with self._transaction() as connection:
            count = (await connection.execute(statement)).scalar_one()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_EVERY_SECONDS
            await self._sweep(int(now))
        return decide(count, quota, reset)

    async def _sweep(self, now: int) -> None:
        async with self._transaction() as connection:
            await connection.execute(delete(counters).where(counters.c.expires_at <= now))

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncConnection]:
        """A short write transaction of its own, apart from any request's unit of work."""
        connection = await self._engine.connect()
        try:
            if self._engine.dialect.name == "sqlite":
                connection = await connection.execution_options(sqlite_begin="IMMEDIATE")
            async with connection.begin():
                yield connection
        except Exception as error:
            replacement = translated(error)
            if replacement is not None:
                raise replacement from error
            raise
        finally:
            await connection.close()
