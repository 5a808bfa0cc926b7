"""The packed follow lists (tables.follow_lists), kept equal to the follows rows.

Each follower's row lists the numbers (profiles.number) of the profiles it follows, in
the order followed, as big-endian int32 one after the other (PostgreSQL's int4send, so
its SQL can append one; a bytea is sent as it is stored, where an int4[] costs a
conversion per element on the way out). Whoever changes a follows row changes the list
in the same transaction, and only when the row really changed: a repeated follow
changes nothing. SQLite rewrites the list from Python (writes are serialised there, so
nobody else changes it between the read and the write). PostgreSQL appends in one
upsert and removes under the row lock (SELECT ... FOR UPDATE), so two transactions of
one follower are ordered and neither loses the other's change."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.reads.drivers import SqliteReader, connection_reader
from adapters.persistence.sql.reads.statements import Statement
from adapters.persistence.sql.tables import follow_lists

_LITTLE_ENDIAN = sys.byteorder == "little"
assert array("i").itemsize == 4, "profile numbers are packed as int32"


def packed(numbers: Iterable[int]) -> bytes:
    values = array("i", numbers)
    if _LITTLE_ENDIAN:
        values.byteswap()
    return values.tobytes()


def unpacked(blob: bytes | None) -> array[int]:
    values = array("i")
    if blob:
        values.frombytes(blob)
        if _LITTLE_ENDIAN:
            values.byteswap()
    return values


# Both numbers and the follower's list, then the list written back whole. PostgreSQL
# only comes here to remove, from a list that exists: it is locked.
_NUMBERS_AND_LIST = Statement(
    "SELECT a.number, b.number, l.followees FROM profiles AS a JOIN profiles AS b "
    "ON b.id = ?2 LEFT JOIN follow_lists AS l ON l.follower = a.number WHERE a.id = ?1",
    "SELECT a.number, b.number, l.followees FROM profiles AS a JOIN profiles AS b "
    "ON b.id = ?2 JOIN follow_lists AS l ON l.follower = a.number WHERE a.id = ?1 "
    "FOR UPDATE OF l",
)
_STORE = Statement(
    "INSERT INTO follow_lists (follower, followees) VALUES (?, ?) "
    "ON CONFLICT (follower) DO UPDATE SET followees = excluded.followees"
)
# PostgreSQL appends in one statement: the upsert waits for the row's lock and appends
# to the newest version.
_APPEND = Statement(
    "INSERT INTO follow_lists (follower, followees) SELECT a.number, int4send(b.number) "
    "FROM profiles AS a, profiles AS b WHERE a.id = ? AND b.id = ? "
    "ON CONFLICT (follower) DO UPDATE SET followees = follow_lists.followees || EXCLUDED.followees"
)


class Runner(Protocol):
    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any: ...

    async def run(self, statement: Statement, parameters: Sequence[Any]) -> int: ...


class ConnectionRunner:
    """The same two methods on SQLAlchemy's connection (the engine's unit of work)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self._reader = connection_reader(connection)
        self.sqlite = isinstance(self._reader, SqliteReader)

    async def first(self, statement: Statement, parameters: Sequence[Any]) -> Any:
        return await self._reader.first(statement, parameters)

    async def run(self, statement: Statement, parameters: Sequence[Any]) -> int:
        text = statement.sqlite if self.sqlite else statement.postgresql
        result = await self._connection.exec_driver_sql(text, tuple(parameters))
        return int(result.rowcount)


class FollowLists:
    def __init__(self, runner: Runner, *, sqlite: bool) -> None:
        self._r = runner
        self._sqlite = sqlite

    async def followed(self, follower_id: str, followee_id: str) -> None:
        """After a new follows row."""
        if self._sqlite:
            await self._rewrite(follower_id, followee_id, adding=True)
        else:
            await self._r.run(_APPEND, (follower_id, followee_id))

    async def unfollowed(self, follower_id: str, followee_id: str) -> None:
        """After a follows row was deleted."""
        await self._rewrite(follower_id, followee_id, adding=False)

    async def _rewrite(self, follower_id: str, followee_id: str, *, adding: bool) -> None:
        row = await self._r.first(_NUMBERS_AND_LIST, (follower_id, followee_id))
        if row is None:  # no profile, or nothing listed to remove
            return
        follower, followee, blob = row
        numbers = unpacked(blob)
        if adding:
            numbers.append(followee)
        elif followee in numbers:
            numbers.remove(followee)
        await self._r.run(_STORE, (follower, packed(numbers)))


async def extend_lists(
    connection: AsyncConnection, pairs: Iterable[tuple[str, str]], numbers: dict[str, int]
) -> None:
    """The bulk writer's new follows rows (follower id, followee id), appended to the
    lists in the same transaction: one upsert per follower of the batch."""
    grouped: dict[int, list[int]] = {}
    for follower_id, followee_id in pairs:
        grouped.setdefault(numbers[follower_id], []).append(numbers[followee_id])
    if not grouped:
        return
    if connection.dialect.name == "postgresql":
        upsert = postgresql.insert(follow_lists)
        upsert = upsert.on_conflict_do_update(
            index_elements=[follow_lists.c.follower],
            set_={"followees": follow_lists.c.followees.op("||")(upsert.excluded.followees)},
        )
        rows = [{"follower": n, "followees": packed(listed)} for n, listed in grouped.items()]
        await connection.execute(upsert, rows)
        return
    existing: dict[int, bytes] = {}
    followers = list(grouped)
    for start in range(0, len(followers), 500):
        chunk = followers[start : start + 500]
        found = await connection.execute(
            select(follow_lists.c.follower, follow_lists.c.followees).where(
                follow_lists.c.follower.in_(chunk)
            )
        )
        existing.update((row[0], row[1]) for row in found)
    replace = sqlite.insert(follow_lists)
    replace = replace.on_conflict_do_update(
        index_elements=[follow_lists.c.follower],
        set_={"followees": replace.excluded.followees},
    )
    rows = [
        {"follower": n, "followees": existing.get(n, b"") + packed(listed)}
        for n, listed in grouped.items()
    ]
    await connection.execute(replace, rows)
