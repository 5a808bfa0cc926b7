"""The SQL of `chirp check`: each count compared with a count of its rows, each follow
list with its follow rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.follow_lists import extend_lists, unpacked
from adapters.persistence.sql.tables import (
    follow_lists,
    follows,
    likes,
    media,
    profiles,
    retweets,
    tweets,
)
from application.ports.integrity import CountMismatch

# A tweet's replies are tweets too: counted through a second name for the table.
replies = tweets.alias("replies")

# (table holding the count, count column, column shown to people, rows counted, their key)
COUNTS: tuple[tuple[Table, str, Column[str], Any, Column[str]], ...] = (
    (profiles, "followers_count", profiles.c.username, follows, follows.c.followee_id),
    (profiles, "following_count", profiles.c.username, follows, follows.c.follower_id),
    (profiles, "tweets_count", profiles.c.username, tweets, tweets.c.author_id),
    (tweets, "like_count", tweets.c.id, likes, likes.c.tweet_id),
    (tweets, "retweet_count", tweets.c.id, retweets, retweets.c.tweet_id),
    (tweets, "reply_count", tweets.c.id, replies, replies.c.in_reply_to_id),
    # Storage's own: a page looks a tweet's media up only when this counts some.
    (tweets, "media_count", tweets.c.id, media, media.c.tweet_id),
)


a_follower, a_followee = profiles.alias("a"), profiles.alias("b")
_FOLLOWS_BY_FOLLOWER = (
    select(a_follower.c.number, a_followee.c.number)
    .select_from(follows)
    .join(a_follower, a_follower.c.id == follows.c.follower_id)
    .join(a_followee, a_followee.c.id == follows.c.followee_id)
    .order_by(a_follower.c.number)
)
_ID_NUMBERS = select(profiles.c.id, profiles.c.number)
_REBUILT_AT_ONCE = 20_000


async def _usernames(connection: AsyncConnection) -> dict[int, str]:
    found = await connection.execute(select(profiles.c.number, profiles.c.username))
    return {row[0]: row[1] for row in found}


def _actual(owner: Table, rows: Any, key: Column[str]):  # type: ignore[no-untyped-def]
    return select(func.count()).select_from(rows).where(key == owner.c.id).scalar_subquery()


class SqlIntegrityChecker:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def count_mismatches(self) -> list[CountMismatch]:
        found = []
        async with self._engine.connect() as connection:
            for owner, count, label, rows, key in COUNTS:
                actual = _actual(owner, rows, key)
                statement = (
                    select(owner.c.id, label.label("label"), owner.c[count], actual.label("actual"))
                    .where(owner.c[count] != actual)
                    .order_by(owner.c.id)
                )
                for row in await connection.execute(statement):
                    found.append(
                        CountMismatch(owner.name, row.id, row.label, count, row[2], row.actual)
                    )
        return found

    async def repair_counts(self) -> int:
        changed = 0
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(sqlite_begin="IMMEDIATE")
            async with connection.begin():
                for owner, count, _label, rows, key in COUNTS:
                    actual = _actual(owner, rows, key)
                    result = await connection.execute(
                        update(owner).where(owner.c[count] != actual).values({count: actual})
                    )
                    changed += result.rowcount
        return changed

    async def stale_follow_lists(self) -> list[str]:
        """The follow rows are walked in follower order, so only the (small) packed lists
        are held in memory at once, never every row."""
        stale: list[int] = []
        async with self._engine.connect() as connection:
            names = await _usernames(connection)
            lists = {
                row[0]: sorted(unpacked(row[1]))
                for row in await connection.execute(select(follow_lists))
            }
            current: int | None = None
            followed: list[int] = []
            rows = await connection.stream(_FOLLOWS_BY_FOLLOWER)
            async for follower, followee in rows:
                if follower != current:
                    if current is not None and sorted(followed) != lists.pop(current, []):
                        stale.append(current)
                    current, followed = follower, []
                followed.append(followee)
            if current is not None and sorted(followed) != lists.pop(current, []):
                stale.append(current)
            stale += [number for number, listed in lists.items() if listed]
        return sorted(names[number] for number in stale)

    async def rebuild_follow_lists(self) -> None:
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(sqlite_begin="IMMEDIATE")
            async with connection.begin():
                await connection.execute(delete(follow_lists))
                numbers = {row[0]: row[1] for row in await connection.execute(_ID_NUMBERS)}
                pairs = await connection.stream(
                    select(follows.c.follower_id, follows.c.followee_id)
                )
                async for chunk in pairs.partitions(_REBUILT_AT_ONCE):
                    await extend_lists(connection, ((a, b) for a, b in chunk), numbers)

    async def media_created(self) -> dict[str, datetime]:
        async with self._engine.connect() as connection:
            result = await connection.execute(select(media.c.storage_key, media.c.created_at))
            return {row.storage_key: row.created_at for row in result}
