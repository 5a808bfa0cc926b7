from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from adapters.persistence.memory.store import MemoryTables
from domain.media import Media


class MemoryMedia:
    def __init__(self, tables: MemoryTables) -> None:
        self._media: dict[str, Media] = tables.extra.setdefault("media", {})
        self._t = tables

    async def add(self, media: Media) -> None:
        self._media[media.id] = media

    async def get(self, media_id: str) -> Media | None:
        return self._media.get(media_id)

    async def get_by_storage_key(self, storage_key: str) -> Media | None:
        return next((m for m in self._media.values() if m.storage_key == storage_key), None)

    async def get_many(self, media_ids: list[str]) -> dict[str, Media]:
        return {i: self._media[i] for i in media_ids if i in self._media}

    async def attach_to_tweet(self, media_ids: list[str], tweet_id: str) -> bool:
        if any(self._media[m].tweet_id is not None for m in media_ids):
            return False
        for position, media_id in enumerate(media_ids):
            self._media[media_id] = replace(
                self._media[media_id], tweet_id=tweet_id, position=position
            )
        return True

    async def for_tweets(self, tweet_ids: list[str]) -> dict[str, list[Media]]:
        wanted = set(tweet_ids)
        found: dict[str, list[Media]] = {}
        for media in sorted(self._media.values(), key=lambda m: m.position or 0):
            if media.tweet_id in wanted:
                found.setdefault(media.tweet_id, []).append(media)
        return found

    async def remove_of_tweet(self, tweet_id: str) -> list[Media]:
        gone = [m for m in self._media.values() if m.tweet_id == tweet_id]
        for media in gone:
            del self._media[media.id]
        return gone

    async def remove(self, media_id: str) -> None:
        self._media.pop(media_id, None)

    async def unused_older_than(self, moment: datetime) -> list[Media]:
        pictures = {p.picture_key for p in self._t.profiles.values() if p.picture_key}
        return [
            m
            for m in self._media.values()
            if m.tweet_id is None and m.storage_key not in pictures and m.created_at < moment
        ]

    async def known_storage_keys(self, storage_keys: list[str]) -> set[str]:
        held = {m.storage_key for m in self._media.values()}
        return {key for key in storage_keys if key in held}
