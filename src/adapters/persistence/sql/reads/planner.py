"""Choosing a timeline shape from rough table sizes.

The sizes are statistics, not data: they are read at most every few seconds per
process and only steer which (equally correct) statement runs."""

from __future__ import annotations

import time
from dataclasses import dataclass

from adapters.persistence.sql.reads.drivers import Reader
from adapters.persistence.sql.reads.statements import Statement

REFRESH_SECONDS = 10.0

# O(log n) on SQLite: rowids only grow, so the largest is about the row count.
SQLITE_SIZES = Statement(
    "SELECT (SELECT max(rowid) FROM profiles), (SELECT max(rowid) FROM tweets)"
)
# The planner's own estimate, kept up to date by (auto)analyze; -1 before the first one.
POSTGRES_SIZES = Statement(
    "SELECT 1",
    "SELECT (SELECT reltuples FROM pg_class WHERE oid = 'profiles'::regclass), "
    "(SELECT reltuples FROM pg_class WHERE oid = 'tweets'::regclass)",
)
POSTGRES_COUNTS = Statement(
    "SELECT 1",
    "SELECT (SELECT count(*) FROM profiles), (SELECT count(*) FROM tweets)",
)


@dataclass
class TableSizes:
    profiles: int = 0
    tweets: int = 0


class TimelinePlanner:
    def __init__(self, dialect: str) -> None:
        self._dialect = dialect
        self._sizes = TableSizes()
        self._read_at = float("-inf")

    async def walk_by_time(self, reader: Reader, following: int, fetch: int) -> bool:
        """True when walking all tweets newest first is expected to read fewer rows than
        seeking each followed author's own tweets."""
        sizes = await self._current(reader)
        if sizes.profiles <= 0:
            return False
        authors = following + 1
        by_author = authors * sizes.tweets / sizes.profiles
        by_time = fetch * sizes.profiles / authors
        return by_time < by_author

    async def _current(self, reader: Reader) -> TableSizes:
        now = time.monotonic()
        if now - self._read_at >= REFRESH_SECONDS:
            self._read_at = now
            self._sizes = await self._measure(reader)
        return self._sizes

    async def _measure(self, reader: Reader) -> TableSizes:
        if self._dialect == "sqlite":
            profiles, tweets = await reader.first(SQLITE_SIZES, ())
        else:
            profiles, tweets = await reader.first(POSTGRES_SIZES, ())
            if profiles < 0 or tweets < 0:  # never analysed yet: count once
                profiles, tweets = await reader.first(POSTGRES_COUNTS, ())
        return TableSizes(int(profiles or 0), int(tweets or 0))
