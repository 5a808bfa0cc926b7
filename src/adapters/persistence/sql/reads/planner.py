"""Choosing a timeline shape from rough table sizes.

The sizes are statistics, not data: they are read at most every few seconds per
process and only steer which (equally correct) statement runs."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum

from adapters.persistence.sql.reads.drivers import Reader
from adapters.persistence.sql.reads.statements import Statement

REFRESH_SECONDS = 10.0
# Seeking into an index costs about as much as reading this many rows along it.
SEEK_COST = 4

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


class TimelineShape(Enum):
    BY_AUTHOR = "seek each author's rows"
    BY_TIME_WITH_SET = "walk by time, testing authors against their set, built once"
    BY_TIME_WITH_PROBES = "walk by time, looking each walked row's author up in follows"


@dataclass
class TableSizes:
    profiles: int = 0
    tweets: int = 0


class TimelinePlanner:
    def __init__(self, dialect: str) -> None:
        self._dialect = dialect
        self._sizes = TableSizes()
        self._read_at = float("-inf")

    async def shape(self, reader: Reader, following: int, fetch: int) -> TimelineShape:
        """The shape expected to read the fewest rows for someone following `following`
        profiles. Seeking authors costs a seek per author and all their rows newer than the
        page; walking by time
        reads about `fetch` over the followed authors' share of all rows, and then either
        builds the set of followed authors (a cost per author) or probes follows for every
        row walked (a cost per row): the set pays off while rows walked outnumber authors."""
        sizes = await self._current(reader)
        if sizes.profiles <= 0:
            return TimelineShape.BY_AUTHOR
        authors = following + 1
        by_author = authors * (SEEK_COST + sizes.tweets / sizes.profiles)
        by_time = fetch * sizes.profiles / authors
        if by_author <= by_time:
            return TimelineShape.BY_AUTHOR
        if by_time > 2 * authors:
            return TimelineShape.BY_TIME_WITH_SET
        return TimelineShape.BY_TIME_WITH_PROBES

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
