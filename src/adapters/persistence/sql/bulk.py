"""Writing many domain objects fast, for demo data and benchmarks.

Core inserts with executemany in large batches, one transaction per call, so a table of
hundreds of thousands of rows costs seconds, not the minutes row-by-row use cases take.
Nothing here checks a rule or updates a domain count: the caller hands over rows that
are already consistent (see `chirp seed`, which computes every count from its rows). Only
tweets.media_count, which storage keeps for its own reads, follows the media written."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.follow_lists import extend_lists
from adapters.persistence.sql.media import count_media_of_tweets
from adapters.persistence.sql.tables import (
    follows,
    likes,
    media,
    notifications,
    profiles,
    retweets,
    tweet_hashtags,
    tweet_mentions,
    tweets,
)
from adapters.persistence.sql.tweets import entity_rows, tweet_row
from domain.follow import Follow
from domain.media import Media
from domain.notification import Notification
from domain.profile import Profile
from domain.tweet import Like, Retweet, Tweet

BATCH_SIZE = 5000
SQLITE_CACHE_KIB = 128 * 1024


def _profile_row(p: Profile) -> dict[str, Any]:
    return {
        "id": p.id,
        "username": p.username,
        "username_key": p.username_key,
        "email": p.email,
        "email_key": p.email_key,
        "display_name": p.display_name,
        "bio": p.bio,
        "picture_key": p.picture_key,
        "password_hash": p.password_hash,
        "created_at": p.created_at,
        "followers_count": p.followers_count,
        "following_count": p.following_count,
        "tweets_count": p.tweets_count,
    }


def _notification_row(n: Notification) -> dict[str, Any]:
    return {
        "id": n.id,
        "recipient_id": n.recipient_id,
        "kind": n.kind.value,
        "actor_id": n.actor_id,
        "tweet_id": n.tweet_id,
        "created_at": n.created_at,
        "read": n.read,
    }


_ROWS: dict[type, tuple[Table, Callable[[Any], dict[str, Any]]]] = {
    Profile: (profiles, _profile_row),
    Tweet: (tweets, tweet_row),
    Follow: (follows, lambda f: f.__dict__),
    Like: (likes, lambda like: like.__dict__),
    Retweet: (retweets, lambda r: r.__dict__),
    Notification: (notifications, _notification_row),
    Media: (media, lambda m: m.__dict__),
}


async def _count_media(
    connection: AsyncConnection, table: Table, rows: list[dict[str, Any]]
) -> None:
    """tweets.media_count after a batch of media or of tweets: media may be written
    before their tweets (as `chirp seed` does) or after them."""
    if table is media:
        await count_media_of_tweets(connection, [r["tweet_id"] for r in rows if r["tweet_id"]])
    elif table is tweets:
        attached = select(media.c.id).where(media.c.tweet_id.is_not(None)).limit(1)
        if (await connection.execute(attached)).first() is not None:
            await count_media_of_tweets(connection, [row["id"] for row in rows])


class SqlBulkWriter:
    def __init__(self, engine: AsyncEngine, *, batch_size: int = BATCH_SIZE) -> None:
        self._engine = engine
        self._batch_size = batch_size

    async def insert(
        self,
        items: Iterable[Profile | Tweet | Follow | Like | Retweet | Notification | Media],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Inserts objects of one kind in a single transaction; all or nothing.
        `progress` hears the size of every batch written. Returns how many were written."""
        iterator = iter(items)

        def next_batch() -> tuple[Table, list[dict[str, Any]]] | None:
            batch = list(itertools.islice(iterator, self._batch_size))
            if not batch:
                return None
            table, to_row = _ROWS[type(batch[0])]
            return table, [to_row(item) for item in batch]

        return await self._write(next_batch, progress)

    async def insert_entities(
        self, stored: Iterable[Tweet], progress: Callable[[int], None] | None = None
    ) -> dict[str, int]:
        """The mention and hashtag rows of tweets written already, one transaction each."""
        tweets_list = list(stored)
        written = {}
        for index, table in enumerate((tweet_mentions, tweet_hashtags)):
            rows = itertools.chain.from_iterable(entity_rows(t)[index] for t in tweets_list)

            def next_batch(rows: Any = rows, table: Table = table) -> Any:
                batch = list(itertools.islice(rows, self._batch_size))
                return (table, batch) if batch else None

            written[table.name] = await self._write(next_batch, progress)
        return written

    async def _write(
        self,
        next_batch: Callable[[], tuple[Table, list[dict[str, Any]]] | None],
        progress: Callable[[int], None] | None,
    ) -> int:
        written = 0
        try:
            async with self._engine.connect() as connection:
                connection = await connection.execution_options(sqlite_begin="IMMEDIATE")
                async with connection.begin():
                    if connection.dialect.name == "sqlite":
                        # A larger page cache keeps the indexes being filled in memory.
                        await connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
                    # The next batch is built in a thread while the database writes this
                    # one: the driver releases the GIL, so the two overlap.
                    upcoming = asyncio.ensure_future(asyncio.to_thread(next_batch))
                    numbers: dict[str, int] | None = None
                    try:
                        while (ready := await upcoming) is not None:
                            upcoming = asyncio.ensure_future(asyncio.to_thread(next_batch))
                            table, rows = ready
                            await connection.execute(insert(table), rows)
                            if table is follows:
                                # The follow lists move with their rows (follow_lists.py).
                                if numbers is None:
                                    found = await connection.execute(
                                        select(profiles.c.id, profiles.c.number)
                                    )
                                    numbers = {row[0]: row[1] for row in found}
                                pairs = ((r["follower_id"], r["followee_id"]) for r in rows)
                                await extend_lists(connection, pairs, numbers)
                            await _count_media(connection, table, rows)
                            written += len(rows)
                            if progress is not None:
                                progress(len(rows))
                    finally:
                        upcoming.cancel()
        except Exception as error:
            raise (translated(error) or error) from error
        return written

    async def existing_usernames(self, usernames: list[str]) -> set[str]:
        """Which of these usernames (compared case-insensitively) are taken already."""
        keys = [name.lower() for name in usernames]
        taken: set[str] = set()
        async with self._engine.connect() as connection:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                result = await connection.execute(
                    select(profiles.c.username).where(profiles.c.username_key.in_(chunk))
                )
                taken.update(row.username for row in result)
        return taken
