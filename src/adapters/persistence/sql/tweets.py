from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import tweet_hashtags, tweet_mentions, tweets
from domain.tweet import Tweet

# The tweets columns that are plain fields of Tweet. mention_ids and hashtags are stored
# joined (see `joined`); media_count is the media repository's, set when media attach.
_FIELDS = tuple(
    column.name
    for column in tweets.columns
    if column.name not in {"mention_ids", "hashtags", "media_count"}
)


def joined(values: tuple[str, ...]) -> str | None:
    """A tweet's mention ids or hashtags as their column holds them: space-separated in
    order (neither ids nor folded tags hold a space), NULL when there are none."""
    return " ".join(values) if values else None


def split(stored: str | None) -> tuple[str, ...]:
    return tuple(stored.split()) if stored else ()


def tweet_from_row(row: Any) -> Tweet:
    return Tweet(
        id=row.id,
        author_id=row.author_id,
        text=row.text,
        created_at=row.created_at,
        like_count=row.like_count,
        retweet_count=row.retweet_count,
        in_reply_to_id=row.in_reply_to_id,
        in_reply_to_author_id=row.in_reply_to_author_id,
        reply_count=row.reply_count,
        mention_ids=split(row.mention_ids),
        hashtags=split(row.hashtags),
    )


def tweet_row(tweet: Tweet) -> dict[str, Any]:
    row = {name: getattr(tweet, name) for name in _FIELDS}
    row["mention_ids"] = joined(tweet.mention_ids)
    row["hashtags"] = joined(tweet.hashtags)
    return row


def entity_rows(tweet: Tweet) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The tweet's rows of tweet_mentions and of tweet_hashtags."""
    mentions = [
        {"tweet_id": tweet.id, "profile_id": profile_id, "position": position}
        for position, profile_id in enumerate(tweet.mention_ids)
    ]
    tags = [
        {"tweet_id": tweet.id, "tag": tag, "position": position, "created_at": tweet.created_at}
        for position, tag in enumerate(tweet.hashtags)
    ]
    return mentions, tags


class SqlTweets:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, tweet: Tweet) -> None:
        await self._c.execute(insert(tweets).values(**tweet_row(tweet)))
        mentions, tags = entity_rows(tweet)
        if mentions:
            await self._c.execute(insert(tweet_mentions), mentions)
        if tags:
            await self._c.execute(insert(tweet_hashtags), tags)

    async def get(self, tweet_id: str) -> Tweet | None:
        found = await self.get_many([tweet_id])
        return found.get(tweet_id)

    async def get_many(self, tweet_ids: list[str]) -> dict[str, Tweet]:
        if not tweet_ids:
            return {}
        rows = await self._c.execute(select(tweets).where(tweets.c.id.in_(set(tweet_ids))))
        return {row.id: tweet_from_row(row) for row in rows}

    async def remove(self, tweet_id: str) -> bool:
        # Its mentions and hashtags go by ON DELETE CASCADE; its replies keep pointing here.
        result = await self._c.execute(delete(tweets).where(tweets.c.id == tweet_id))
        return bool(result.rowcount)

    async def adjust_counts(
        self, tweet_id: str, *, likes: int = 0, retweets: int = 0, replies: int = 0
    ) -> None:
        # `count = count + delta` in the database, never read-modify-write in Python:
        # concurrent likes then add up exactly.
        changes = {
            column: tweets.c[column] + delta
            for column, delta in (
                ("like_count", likes),
                ("retweet_count", retweets),
                ("reply_count", replies),
            )
            if delta
        }
        if changes:
            await self._c.execute(update(tweets).where(tweets.c.id == tweet_id).values(changes))
