from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import media, profiles, tweets
from domain.media import Media

# Keeps each IN list well under the bind-parameter limits of SQLite and asyncpg.
KEY_BATCH = 500


def media_from_row(row: Any) -> Media:
    return Media(
        id=row.id,
        owner_id=row.owner_id,
        storage_key=row.storage_key,
        content_type=row.content_type,
        width=row.width,
        height=row.height,
        size_bytes=row.size_bytes,
        created_at=row.created_at,
        tweet_id=row.tweet_id,
        position=row.position,
    )


async def count_media_of_tweets(connection: AsyncConnection, tweet_ids: list[str]) -> None:
    """tweets.media_count of these tweets, counted again from their media rows: a page
    looks a tweet's media up only when its row counts some. (A deleted tweet's media go
    with it, so only media attached, or added attached, need this.)"""
    counted = select(func.count()).where(media.c.tweet_id == tweets.c.id).scalar_subquery()
    unique = sorted(set(tweet_ids))
    for start in range(0, len(unique), KEY_BATCH):
        chunk = unique[start : start + KEY_BATCH]
        await connection.execute(
            update(tweets).where(tweets.c.id.in_(chunk)).values(media_count=counted)
        )


class SqlMedia:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, item: Media) -> None:
        await self._c.execute(insert(media).values(**item.__dict__))
        if item.tweet_id is not None:
            await count_media_of_tweets(self._c, [item.tweet_id])

    async def get(self, media_id: str) -> Media | None:
        row = (await self._c.execute(select(media).where(media.c.id == media_id))).first()
        return media_from_row(row) if row else None

    async def get_by_storage_key(self, storage_key: str) -> Media | None:
        statement = select(media).where(media.c.storage_key == storage_key)
        row = (await self._c.execute(statement)).first()
        return media_from_row(row) if row else None

    async def get_many(self, media_ids: list[str]) -> dict[str, Media]:
        if not media_ids:
            return {}
        result = await self._c.execute(select(media).where(media.c.id.in_(set(media_ids))))
        return {row.id: media_from_row(row) for row in result}

    async def attach_to_tweet(self, media_ids: list[str], tweet_id: str) -> bool:
        attached = 0
        for position, media_id in enumerate(media_ids):
            result = await self._c.execute(
                update(media)
                .where(media.c.id == media_id, media.c.tweet_id.is_(None))
                .values(tweet_id=tweet_id, position=position)
            )
            attached += result.rowcount
        if media_ids:
            await count_media_of_tweets(self._c, [tweet_id])
        return attached == len(media_ids)

    async def for_tweets(self, tweet_ids: list[str]) -> dict[str, list[Media]]:
        if not tweet_ids:
            return {}
        result = await self._c.execute(
            select(media)
            .where(media.c.tweet_id.in_(set(tweet_ids)))
            .order_by(media.c.tweet_id, media.c.position)
        )
        found: dict[str, list[Media]] = {}
        for row in result:
            found.setdefault(row.tweet_id, []).append(media_from_row(row))
        return found

    async def remove_of_tweet(self, tweet_id: str) -> list[Media]:
        result = await self._c.execute(select(media).where(media.c.tweet_id == tweet_id))
        gone = [media_from_row(row) for row in result]
        if gone:
            await self._c.execute(delete(media).where(media.c.tweet_id == tweet_id))
        return gone

    async def remove(self, media_id: str) -> None:
        await self._c.execute(delete(media).where(media.c.id == media_id))

    async def unused_older_than(self, moment: datetime) -> list[Media]:
        pictures = select(profiles.c.picture_key).where(profiles.c.picture_key.is_not(None))
        result = await self._c.execute(
            select(media).where(
                media.c.tweet_id.is_(None),
                media.c.created_at < moment,
                media.c.storage_key.not_in(pictures),
            )
        )
        return [media_from_row(row) for row in result]

    async def known_storage_keys(self, storage_keys: list[str]) -> set[str]:
        known: set[str] = set()
        unique = sorted(set(storage_keys))
        for start in range(0, len(unique), KEY_BATCH):
            batch = unique[start : start + KEY_BATCH]
            result = await self._c.execute(
                select(media.c.storage_key).where(media.c.storage_key.in_(batch))
            )
            known.update(result.scalars())
        return known
