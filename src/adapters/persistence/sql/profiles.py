from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import profiles
from domain.profile import Profile, email_key, username_key

_EDITABLE = ("username", "email", "display_name", "bio", "picture_key", "password_hash")


def profile_from_row(row: Any) -> Profile:
    return Profile(
        id=row.id,
        username=row.username,
        email=row.email,
        display_name=row.display_name,
        bio=row.bio,
        created_at=row.created_at,
        password_hash=row.password_hash,
        picture_key=row.picture_key,
        followers_count=row.followers_count,
        following_count=row.following_count,
        tweets_count=row.tweets_count,
    )


class SqlProfiles:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, profile: Profile) -> None:
        await self._c.execute(
            insert(profiles).values(
                id=profile.id,
                username_key=profile.username_key,
                email_key=profile.email_key,
                created_at=profile.created_at,
                **{name: getattr(profile, name) for name in _EDITABLE},
            )
        )

    async def update(self, profile: Profile) -> None:
        await self._c.execute(
            update(profiles)
            .where(profiles.c.id == profile.id)
            .values(
                username_key=profile.username_key,
                email_key=profile.email_key,
                **{name: getattr(profile, name) for name in _EDITABLE},
            )
        )

    async def get(self, profile_id: str) -> Profile | None:
        return await self._one(profiles.c.id == profile_id)

    async def get_by_username(self, username: str) -> Profile | None:
        return await self._one(profiles.c.username_key == username_key(username))

    async def get_by_email(self, email: str) -> Profile | None:
        return await self._one(profiles.c.email_key == email_key(email))

    async def get_many(self, profile_ids: list[str]) -> dict[str, Profile]:
        if not profile_ids:
            return {}
        result = await self._c.execute(select(profiles).where(profiles.c.id.in_(set(profile_ids))))
        return {row.id: profile_from_row(row) for row in result}

    async def get_many_by_usernames(self, usernames: list[str]) -> dict[str, Profile]:
        keys = {username_key(name) for name in usernames}
        if not keys:
            return {}
        statement = select(profiles).where(profiles.c.username_key.in_(keys))
        return {row.username_key: profile_from_row(row) for row in await self._c.execute(statement)}

    async def adjust_counts(
        self, profile_id: str, *, followers: int = 0, following: int = 0, tweets: int = 0
    ) -> None:
        changes = {
            column: profiles.c[column] + delta
            for column, delta in (
                ("followers_count", followers),
                ("following_count", following),
                ("tweets_count", tweets),
            )
            if delta
        }
        if changes:
            await self._c.execute(
                update(profiles).where(profiles.c.id == profile_id).values(changes)
            )

    async def _one(self, condition: Any) -> Profile | None:
        row = (await self._c.execute(select(profiles).where(condition))).first()
        return profile_from_row(row) if row else None
