from __future__ import annotations

from adapters.persistence.memory.keyset import newest_first
from adapters.persistence.memory.store import MemoryTables
from application.pagination import PageRequest
from domain.follow import Follow


class MemoryFollows:
    def __init__(self, tables: MemoryTables) -> None:
        self._follows: dict[tuple[str, str], Follow] = tables.extra.setdefault("follows", {})

    async def add(self, follow: Follow) -> bool:
        pair = (follow.follower_id, follow.followee_id)
        if pair in self._follows:
            return False
        self._follows[pair] = follow
        return True

    async def remove(self, follower_id: str, followee_id: str) -> bool:
        return self._follows.pop((follower_id, followee_id), None) is not None

    async def followed_among(self, follower_id: str, profile_ids: list[str]) -> set[str]:
        return {p for p in profile_ids if (follower_id, p) in self._follows}

    async def followers(self, profile_id: str, page: PageRequest) -> list[Follow]:
        return newest_first(
            (f for f in self._follows.values() if f.followee_id == profile_id),
            page,
            lambda f: (f.created_at, f.follower_id),
        )

    async def following(self, profile_id: str, page: PageRequest) -> list[Follow]:
        return newest_first(
            (f for f in self._follows.values() if f.follower_id == profile_id),
            page,
            lambda f: (f.created_at, f.followee_id),
        )
