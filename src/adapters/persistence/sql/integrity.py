"""The SQL of `chirp check`: each count compared with a count of its rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.tables import follows, likes, media, profiles, retweets, tweets
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

    async def media_created(self) -> dict[str, datetime]:
        async with self._engine.connect() as connection:
            result = await connection.execute(select(media.c.storage_key, media.c.created_at))
            return {row.storage_key: row.created_at for row in result}
