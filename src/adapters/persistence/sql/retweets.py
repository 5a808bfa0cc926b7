from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.statements import insert_act, newest_first
from adapters.persistence.sql.tables import retweets
from application.pagination import PageRequest
from domain.tweet import Retweet


def _retweet_from_row(row: Any) -> Retweet:
    return Retweet(
        id=row.id, profile_id=row.profile_id, tweet_id=row.tweet_id, created_at=row.created_at
    )


class SqlRetweets:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, retweet: Retweet) -> bool:
        # The unique (profile_id, tweet_id) pair is what makes a second retweet a no-op.
        return await insert_act(self._c, retweets, retweet.__dict__)

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        result = await self._c.execute(
            delete(retweets).where(
                retweets.c.profile_id == profile_id, retweets.c.tweet_id == tweet_id
            )
        )
        return bool(result.rowcount)

    async def retweeted_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        if not tweet_ids:
            return set()
        result = await self._c.execute(
            select(retweets.c.tweet_id).where(
                retweets.c.profile_id == profile_id, retweets.c.tweet_id.in_(set(tweet_ids))
            )
        )
        return set(result.scalars())

    async def of_tweet(self, tweet_id: str, page: PageRequest) -> list[Retweet]:
        statement = select(retweets).where(retweets.c.tweet_id == tweet_id)
        statement = newest_first(statement, retweets.c.created_at, retweets.c.id, page)
        return [_retweet_from_row(row) for row in await self._c.execute(statement)]

    async def remove_of_tweet(self, tweet_id: str) -> list[Retweet]:
        result = await self._c.execute(select(retweets).where(retweets.c.tweet_id == tweet_id))
        gone = [_retweet_from_row(row) for row in result]
        if gone:
            await self._c.execute(delete(retweets).where(retweets.c.tweet_id == tweet_id))
        return gone
