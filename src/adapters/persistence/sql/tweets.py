from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import tweets
from domain.tweet import Tweet


def tweet_from_row(row: Any) -> Tweet:
    return Tweet(
        id=row.id,
        author_id=row.author_id,
        text=row.text,
        created_at=row.created_at,
        like_count=row.like_count,
        retweet_count=row.retweet_count,
    )


class SqlTweets:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, tweet: Tweet) -> None:
        await self._c.execute(insert(tweets).values(**tweet.__dict__))

    async def get(self, tweet_id: str) -> Tweet | None:
        row = (await self._c.execute(select(tweets).where(tweets.c.id == tweet_id))).first()
        return tweet_from_row(row) if row else None

    async def get_many(self, tweet_ids: list[str]) -> dict[str, Tweet]:
        if not tweet_ids:
            return {}
        result = await self._c.execute(select(tweets).where(tweets.c.id.in_(set(tweet_ids))))
        return {row.id: tweet_from_row(row) for row in result}

    async def remove(self, tweet_id: str) -> bool:
        result = await self._c.execute(delete(tweets).where(tweets.c.id == tweet_id))
        return bool(result.rowcount)

    async def adjust_counts(self, tweet_id: str, *, likes: int = 0, retweets: int = 0) -> None:
        # `count = count + delta` in the database, never read-modify-write in Python:
        # concurrent likes then add up exactly.
        changes = {
            column: tweets.c[column] + delta
            for column, delta in (("like_count", likes), ("retweet_count", retweets))
            if delta
        }
        if changes:
            await self._c.execute(update(tweets).where(tweets.c.id == tweet_id).values(changes))
