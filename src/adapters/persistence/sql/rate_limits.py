"""Rate-limit counters in the database, so a limit holds across every server process
without another service to run. One atomic upsert per call; the batching limiter in front
(adapters.persistence.batched_rate_limits) calls it for many hits at once.

On a SQLite file the batches go through the process's write path (its connection, its
turn, in the loop) rather than the engine's own connection: a batch then neither holds
SQLite's write lock across a thread's hand-overs nor makes the use cases' writers back
off (p99 of the writes), and it waits its turn in the kernel, not in a polling loop."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.tables import rate_limit_counters as counters
from adapters.persistence.sql.writes.sqlite import SqliteWritePath
from application.ports.rate_limits import Counter, Decision, Quota, decide, fixed_window
from application.ports.system import Clock

SWEEP_EVERY_SECONDS = 60
# The same upsert as the SQLAlchemy one below, one row per statement, for sqlite3.
SQLITE_UPSERT = (
    "INSERT INTO rate_limit_counters (key, window_seconds, window_start, hits, expires_at) "
    "VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (key, window_seconds, window_start) "
    "DO UPDATE SET hits = rate_limit_counters.hits + excluded.hits "
    "RETURNING hits"
)
SQLITE_SWEEP = "DELETE FROM rate_limit_counters WHERE expires_at <= ?"


class SqlRateLimiter:
    def __init__(self, engine: AsyncEngine, clock: Clock, write_path: object = None) -> None:
        """`write_path`: the unit-of-work factory's; used when it is a SQLite file's."""
        self._engine, self._clock = engine, clock
        self._sqlite = write_path if isinstance(write_path, SqliteWritePath) else None
        self._insert: Any = sqlite_insert if engine.dialect.name == "sqlite" else postgresql_insert
        self._next_sweep = 0.0
        # INSERT … ON CONFLICT DO UPDATE … RETURNING is atomic per row on both SQLite and
        # PostgreSQL: concurrent batches from any process each get their own totals.
        insert = self._insert(counters)
        self._upsert = insert.on_conflict_do_update(
            index_elements=[counters.c.key, counters.c.window_seconds, counters.c.window_start],
            set_={"hits": counters.c.hits + insert.excluded.hits},
        ).returning(
            counters.c.key, counters.c.window_seconds, counters.c.window_start, counters.c.hits
        )

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        start, reset = fixed_window(now, quota.window_seconds)
        counter = Counter(key, quota.window_seconds, start)
        count = (await self.add({counter: 1}))[counter]
        return decide(count, quota, reset)

    async def add(self, hits: Mapping[Counter, int]) -> dict[Counter, int]:
        """One upsert for the whole batch, in one short transaction: a batch costs about
        what a single hit does."""
        # Sorted, so two processes adding overlapping batches lock rows in one order.
        rows = [
            {
                "key": counter.key,
                "window_seconds": counter.window_seconds,
                "window_start": counter.window_start,
                "hits": count,
                "expires_at": counter.ends_at,
            }
            for counter, count in sorted(hits.items(), key=lambda item: _sort_key(item[0]))
        ]
        totals: dict[Counter, int] = {}
        if rows and self._sqlite is not None:
            totals = await self._sqlite.run_alone(lambda raw: _upserted(raw, rows))
        elif rows:
            async with self._transaction() as connection:
                # A list of rows runs as SQLAlchemy's "insertmanyvalues": multi-row
                # statements of one cached, compiled form (and one prepared statement).
                result = await connection.execute(self._upsert, rows)
                for key, window_seconds, window_start, total in result:
                    totals[Counter(key, window_seconds, window_start)] = int(total)
        now = self._clock.now().timestamp()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_EVERY_SECONDS
            await self._sweep(int(now))
        return totals

    async def _sweep(self, now: int) -> None:
        if self._sqlite is not None:
            await self._sqlite.run_alone(lambda raw: raw.execute(SQLITE_SWEEP, (now,)))
            return
        async with self._transaction() as connection:
            await connection.execute(delete(counters).where(counters.c.expires_at <= now))

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncConnection]:
        """A connection of its own, apart from any unit of work: one short IMMEDIATE
        transaction on SQLite, autocommit statements on PostgreSQL."""
        connection = await self._engine.connect()
        try:
            if self._engine.dialect.name == "sqlite":
                connection = await connection.execution_options(sqlite_begin="IMMEDIATE")
            else:
                # Each statement here is atomic by itself: without BEGIN and COMMIT a
                # batch is one round trip instead of three.
                connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            async with connection.begin():
                yield connection
        except Exception as error:
            replacement = translated(error)
            if replacement is not None:
                raise replacement from error
            raise
        finally:
            await connection.close()


def _upserted(raw: sqlite3.Connection, rows: list[dict[str, Any]]) -> dict[Counter, int]:
    totals = {}
    for row in rows:
        (total,) = raw.execute(SQLITE_UPSERT, tuple(row.values())).fetchone()
        totals[Counter(row["key"], row["window_seconds"], row["window_start"])] = int(total)
    return totals


def _sort_key(counter: Counter) -> tuple[str, int, int]:
    return counter.key, counter.window_seconds, counter.window_start
