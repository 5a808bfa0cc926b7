from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.statements import insert_act, newest_first
from adapters.persistence.sql.tables import likes
from application.pagination import PageRequest
from domain.tweet import Like


def _like_from_row(row: Any) -> Like:
    return Like(profile_id=row.profile_id, tweet_id=row.tweet_id, created_at=row.created_at)


class SqlLikes:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, like: Like) -> bool:
        return await insert_act(self._c, likes, like.__dict__)

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        result = await self._c.execute(
            delete(likes).where(likes.c.profile_id == profile_id, likes.c.tweet_id == tweet_id)
        )
        return bool(result.rowcount)

    async def liked_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        if not tweet_ids:
            return set()
        result = await self._c.execute(
            select(likes.c.tweet_id).where(
                likes.c.profile_id == profile_id, likes.c.tweet_id.in_(set(tweet_ids))
            )
        )
        return set(result.scalars())

    async def of_tweet(self, tweet_id: str, page: PageRequest) -> list[Like]:
        statement = select(likes).where(likes.c.tweet_id == tweet_id)
        statement = newest_first(statement, likes.c.created_at, likes.c.profile_id, page)
        return [_like_from_row(row) for row in await self._c.execute(statement)]

    async def by_profile(self, profile_id: str, page: PageRequest) -> list[Like]:
        statement = select(likes).where(likes.c.profile_id == profile_id)
        statement = newest_first(statement, likes.c.created_at, likes.c.tweet_id, page)
        return [_like_from_row(row) for row in await self._c.execute(statement)]

    async def remove_of_tweet(self, tweet_id: str) -> list[Like]:
        result = await self._c.execute(select(likes).where(likes.c.tweet_id == tweet_id))
        gone = [_like_from_row(row) for row in result]
        if gone:
            await self._c.execute(delete(likes).where(likes.c.tweet_id == tweet_id))
        return gone
