"""An uploaded image: who uploaded it, what it is, and which tweet (if any) uses it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import InvalidInput

MAX_MEDIA_PER_TWEET = 4
CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PICTURE_BOX = (400, 400)


@dataclass(frozen=True)
class Media:
    id: str
    owner_id: str
    storage_key: str
    content_type: str
    width: int
    height: int
    size_bytes: int
    created_at: datetime
    tweet_id: str | None = None
    position: int | None = None

    def attached_to(self, tweet_id: str, position: int) -> Media:
        return replace(self, tweet_id=tweet_id, position=position)


def check_attachable(
    media_ids: list[str],
    found: dict[str, Media],
    author_id: str,
    picture_key: str | None = None,
) -> None:
    """A tweet may use up to four media, each uploaded by its author and used by no tweet
    yet; the author's profile picture is not an upload a tweet may take."""
    if len(media_ids) > MAX_MEDIA_PER_TWEET:
        raise InvalidInput.of("media_ids", f"at most {MAX_MEDIA_PER_TWEET} media per tweet")
    if len(set(media_ids)) != len(media_ids):
        raise InvalidInput.of("media_ids", "the same media is listed twice")
    for index, media_id in enumerate(media_ids):
        media = found.get(media_id)
        if media is None or media.owner_id != author_id:
            raise InvalidInput.of(f"media_ids.{index}", "no such media among your uploads")
        if media.tweet_id is not None or media.storage_key == picture_key:
            raise InvalidInput.of(f"media_ids.{index}", "this media is already in use")
