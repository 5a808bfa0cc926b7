"""Repositories of the write path, on SQLite and PostgreSQL. Each extends the read
path's one (hot reads on the driver, rare ones through SQLAlchemy on the same connection
and transaction); the hot writes are hand-written SQL on the driver too. A count change
with a delta this module does not know (a column added later) goes to the SQLAlchemy
method it overrides."""

from __future__ import annotations

from typing import Any

from adapters.persistence.sql.follow_lists import FollowLists
from adapters.persistence.sql.notifications import SqlNotifications
from adapters.persistence.sql.reads.drivers import SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.repositories import (
    ReadFollows,
    ReadLikes,
    ReadProfiles,
    ReadRetweets,
    ReadTweets,
)
from adapters.persistence.sql.reads.statements import Statement
from adapters.persistence.sql.tweets import entity_rows, tweet_row
from adapters.persistence.sql.writes import statements as sql
from adapters.persistence.sql.writes.writer import Writer, is_foreign_key_failure
from application.ports.unit_of_work import TransientConflict
from domain.follow import Follow
from domain.notification import Notification, NotificationKind
from domain.tweet import Like, Retweet, Tweet


async def _act(writer: Writer, statement: Statement, parameters: list[Any]) -> bool:
    """Insert-if-absent of a like, retweet or follow: True when it is new. The foreign
    key fails only when the tweet or profile went away since the use case read it: a
    race, which the retried transaction turns into a 404."""
    try:
        return await writer.run(statement, parameters) > 0
    except Exception as error:
        if is_foreign_key_failure(error):
            raise TransientConflict("the row acted on changed meanwhile") from error
        raise


def _count_changes(
    names: dict[str, str], deltas: dict[str, int]
) -> tuple[tuple[str, ...], list[int]] | None:
    """The columns and deltas to add, or None when a delta is not one of `names`."""
    if not deltas.keys() <= names.keys():
        return None
    moving = {names[name]: delta for name, delta in deltas.items() if delta}
    return tuple(moving), list(moving.values())


class WriteTweets(ReadTweets):
    def __init__(self, writer: Writer, connection: Any, loaded: Loaded) -> None:
        super().__init__(writer, connection, loaded)
        self._w = writer

    async def add(self, tweet: Tweet) -> None:
        values = tweet_row(tweet)
        statement = sql.insert_into("tweets", tuple(values))
        await self._w.defer(statement, self._w.bound(values), [("tweets", tweet.id)])
        tables = ("tweet_mentions", "tweet_hashtags")
        for table, rows in zip(tables, entity_rows(tweet), strict=True):
            if rows:
                statement = sql.insert_into(table, tuple(rows[0]))
                await self._w.defer_many(statement, [self._w.bound(row) for row in rows])

    async def adjust_counts(self, tweet_id: str, **deltas: int) -> None:
        changes = _count_changes(sql.TWEET_COUNTS, deltas)
        if changes is None:
            await super().adjust_counts(tweet_id, **deltas)
        elif changes[0]:
            statement = sql.add_to_counts("tweets", changes[0])
            await self._w.defer(statement, [*changes[1], tweet_id], [("tweets", tweet_id)])


class WriteProfiles(ReadProfiles):
    def __init__(self, writer: Writer, connection: Any, loaded: Loaded) -> None:
        super().__init__(writer, connection, loaded)
        self._w = writer

    async def adjust_counts(self, profile_id: str, **deltas: int) -> None:
        changes = _count_changes(sql.PROFILE_COUNTS, deltas)
        if changes is None:
            await super().adjust_counts(profile_id, **deltas)
        elif changes[0]:
            statement = sql.add_to_counts("profiles", changes[0])
            await self._w.defer(statement, [*changes[1], profile_id], [("profiles", profile_id)])


class WriteLikes(ReadLikes):
    def __init__(self, writer: Writer, connection: Any, loaded: Loaded) -> None:
        super().__init__(writer, connection, loaded)
        self._w = writer

    async def add(self, like: Like) -> bool:
        at = self._w.at(like.created_at)
        return await _act(self._w, sql.INSERT_LIKE, [like.profile_id, like.tweet_id, at])

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        return await self._w.run(sql.DELETE_LIKE, (profile_id, tweet_id)) > 0


class WriteRetweets(ReadRetweets):
    def __init__(self, writer: Writer, connection: Any, loaded: Loaded) -> None:
        super().__init__(writer, connection, loaded)
        self._w = writer

    async def add(self, retweet: Retweet) -> bool:
        at = self._w.at(retweet.created_at)
        row = [retweet.id, retweet.profile_id, retweet.tweet_id, at]
        return await _act(self._w, sql.INSERT_RETWEET, row)

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        return await self._w.run(sql.DELETE_RETWEET, (profile_id, tweet_id)) > 0


class WriteFollows(ReadFollows):
    def __init__(self, writer: Writer, connection: Any) -> None:
        super().__init__(writer, connection)
        self._w = writer
        self._lists = FollowLists(writer, sqlite=isinstance(writer, SqliteReader))

    async def add(self, follow: Follow) -> bool:
        at = self._w.at(follow.created_at)
        row = [follow.follower_id, follow.followee_id, at]
        if not await _act(self._w, sql.INSERT_FOLLOW, row):
            return False
        await self._lists.followed(follow.follower_id, follow.followee_id)
        return True

    async def remove(self, follower_id: str, followee_id: str) -> bool:
        if await self._w.run(sql.DELETE_FOLLOW, (follower_id, followee_id)) == 0:
            return False
        await self._lists.unfollowed(follower_id, followee_id)
        return True


class WriteNotifications(SqlNotifications):
    def __init__(self, writer: Writer, connection: Any) -> None:
        super().__init__(connection)
        self._w = writer

    async def add(self, notification: Notification) -> None:
        values = {name: getattr(notification, name) for name in sql.NOTIFICATION_COLUMNS}
        statement = sql.insert_into("notifications", sql.NOTIFICATION_COLUMNS)
        await self._w.defer(statement, self._w.bound(values))

    async def remove_about(
        self, *, kind: NotificationKind, actor_id: str, recipient_id: str, tweet_id: str | None
    ) -> None:
        parameters = (actor_id, kind.value, recipient_id, tweet_id)
        await self._w.run(sql.DELETE_NOTIFICATIONS_ABOUT, parameters)
