from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.follow_lists import ConnectionRunner, FollowLists
from adapters.persistence.sql.statements import insert_if_absent, newest_first
from adapters.persistence.sql.tables import follows
from application.pagination import PageRequest
from domain.follow import Follow

_f = follows.c


def _follow_from_row(row: Any) -> Follow:
    return Follow(
        follower_id=row.follower_id, followee_id=row.followee_id, created_at=row.created_at
    )


class SqlFollows:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, follow: Follow) -> bool:
        statement = insert_if_absent(self._c, follows).values(
            follower_id=follow.follower_id,
            followee_id=follow.followee_id,
            created_at=follow.created_at,
        )
        if not (await self._c.execute(statement)).rowcount:
            return False
        await self._engine_lists().followed(follow.follower_id, follow.followee_id)
        return True

    async def remove(self, follower_id: str, followee_id: str) -> bool:
        statement = delete(follows).where(
            _f.follower_id == follower_id, _f.followee_id == followee_id
        )
        if not (await self._c.execute(statement)).rowcount:
            return False
        await self._engine_lists().unfollowed(follower_id, followee_id)
        return True

    def _engine_lists(self) -> FollowLists:
        """Made when a follow changes: only the engine's unit of work comes here (the
        driver paths override add and remove), and only its connection runs driver SQL."""
        runner = ConnectionRunner(self._c)
        return FollowLists(runner, sqlite=runner.sqlite)

    async def followed_among(self, follower_id: str, profile_ids: list[str]) -> set[str]:
        if not profile_ids:
            return set()
        result = await self._c.execute(
            select(_f.followee_id).where(
                _f.follower_id == follower_id, _f.followee_id.in_(set(profile_ids))
            )
        )
        return set(result.scalars())

    async def followers(self, profile_id: str, page: PageRequest) -> list[Follow]:
        statement = select(follows).where(_f.followee_id == profile_id)
        statement = newest_first(statement, _f.created_at, _f.follower_id, page)
        return [_follow_from_row(row) for row in await self._c.execute(statement)]

    async def following(self, profile_id: str, page: PageRequest) -> list[Follow]:
        statement = select(follows).where(_f.follower_id == profile_id)
        statement = newest_first(statement, _f.created_at, _f.followee_id, page)
        return [_follow_from_row(row) for row in await self._c.execute(statement)]
