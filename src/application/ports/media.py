"""Ports for images: their records (in the unit of work), their bytes, and decoding them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.media import Media


class MediaRepository(Protocol):
    async def add(self, media: Media) -> None: ...

    async def get(self, media_id: str) -> Media | None: ...

    async def get_by_storage_key(self, storage_key: str) -> Media | None: ...

    async def get_many(self, media_ids: list[str]) -> dict[str, Media]: ...

    async def attach_to_tweet(self, media_ids: list[str], tweet_id: str) -> bool:
        """Marks the media as used by the tweet, keeping the order given. False when one
        of them is already used by a tweet (nothing is then to be committed)."""
        ...

    async def for_tweets(self, tweet_ids: list[str]) -> dict[str, list[Media]]:
        """Each tweet's media in order; tweets without media are absent. One query."""
        ...

    async def remove_of_tweet(self, tweet_id: str) -> list[Media]:
        """Deletes the records of the tweet's media and returns them (to delete the bytes
        after commit)."""
        ...

    async def remove(self, media_id: str) -> None: ...

    async def unused_older_than(self, moment: datetime) -> list[Media]:
        """Uploads no tweet and no profile picture uses, created before `moment`."""
        ...

    async def known_storage_keys(self, storage_keys: list[str]) -> set[str]:
        """The given keys that some media record holds."""
        ...


class MediaStore(Protocol):
    """Where image bytes live. Keys are random, never taken from a client's file name."""

    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None:
        """Idempotent: deleting a missing key is fine."""
        ...

    async def keys_older_than(self, moment: datetime) -> list[str]: ...


@dataclass(frozen=True)
class ProcessedImage:
    data: bytes
    content_type: str
    width: int
    height: int


class ImageProcessor(Protocol):
    async def process(
        self, data: bytes, *, fit_within: tuple[int, int] | None = None
    ) -> ProcessedImage:
        """Recognise the format by content, decode under a pixel limit, strip metadata,
        re-encode. Raises UnsupportedMedia or InvalidInput (e.g. a decompression bomb)."""
        ...
