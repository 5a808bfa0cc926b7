"""Repositories of the read path. Each extends the SQLAlchemy one: the hot reads are
hand-written statements on the driver, everything else (rare reads) is inherited and
runs through SQLAlchemy on the same connection and transaction."""

from __future__ import annotations

from typing import Any

from adapters.persistence.sql.follows import SqlFollows
from adapters.persistence.sql.likes import SqlLikes
from adapters.persistence.sql.media import SqlMedia
from adapters.persistence.sql.profiles import SqlProfiles
from adapters.persistence.sql.reads import statements as sql
from adapters.persistence.sql.reads.drivers import Reader
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.rows import media_of, profile_of, token_of, tweet_of
from adapters.persistence.sql.reads.timeline_statements import (
    HOME_BY_AUTHOR,
    HOME_BY_TIME,
    OF_PROFILE,
)
from adapters.persistence.sql.retweets import SqlRetweets
from adapters.persistence.sql.timelines import SqlTimelines
from adapters.persistence.sql.tokens import SqlTokens
from adapters.persistence.sql.tweets import SqlTweets
from application.pagination import PageRequest
from application.ports.social import EntryRow
from domain.media import Media
from domain.profile import Profile, username_key
from domain.token import AccessToken
from domain.tweet import Tweet


class ReadProfiles(SqlProfiles):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def get(self, profile_id: str) -> Profile | None:
        row = await self._r.first(sql.PROFILE_BY_ID, (profile_id,))
        return profile_of(row, self._r.moment) if row else None

    async def get_by_username(self, username: str) -> Profile | None:
        row = await self._r.first(sql.PROFILE_BY_USERNAME, (username_key(username),))
        return profile_of(row, self._r.moment) if row else None

    async def get_many(self, profile_ids: list[str]) -> dict[str, Profile]:
        if not profile_ids:
            return {}
        rows = await self._r.all(sql.PROFILES, (self._r.ids(list(set(profile_ids))),))
        moment = self._r.moment
        return {row[0]: profile_of(row, moment) for row in rows}


class ReadTokens(SqlTokens):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def get(self, digest: str) -> AccessToken | None:
        row = await self._r.first(sql.TOKEN, (digest,))
        return token_of(row, self._r.moment, self._r.flag) if row else None


class ReadTweets(SqlTweets):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def get(self, tweet_id: str) -> Tweet | None:
        row = await self._r.first(sql.TWEET, (tweet_id,))
        return tweet_of(row, self._r.moment) if row else None

    async def get_many(self, tweet_ids: list[str]) -> dict[str, Tweet]:
        if not tweet_ids:
            return {}
        rows = await self._r.all(sql.TWEETS, (self._r.ids(list(set(tweet_ids))),))
        moment = self._r.moment
        return {row[0]: tweet_of(row, moment) for row in rows}


class ReadMedia(SqlMedia):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def for_tweets(self, tweet_ids: list[str]) -> dict[str, list[Media]]:
        if not tweet_ids:
            return {}
        rows = await self._r.all(sql.MEDIA_OF_TWEETS, (self._r.ids(list(set(tweet_ids))),))
        found: dict[str, list[Media]] = {}
        for row in rows:
            found.setdefault(row[8], []).append(media_of(row, self._r.moment))
        return found


class ReadLikes(SqlLikes):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def liked_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        if not tweet_ids:
            return set()
        ids = self._r.ids(list(set(tweet_ids)))
        return {row[0] for row in await self._r.all(sql.LIKED_AMONG, (profile_id, ids))}


class ReadRetweets(SqlRetweets):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def retweeted_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        if not tweet_ids:
            return set()
        ids = self._r.ids(list(set(tweet_ids)))
        return {row[0] for row in await self._r.all(sql.RETWEETED_AMONG, (profile_id, ids))}


class ReadFollows(SqlFollows):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def followed_among(self, follower_id: str, profile_ids: list[str]) -> set[str]:
        if not profile_ids:
            return set()
        ids = self._r.ids(list(set(profile_ids)))
        return {row[0] for row in await self._r.all(sql.FOLLOWED_AMONG, (follower_id, ids))}


class ReadTimelines(SqlTimelines):
    def __init__(self, reader: Reader, connection: Any, planner: TimelinePlanner) -> None:
        super().__init__(connection)
        self._r = reader
        self._planner = planner

    async def of_profile(
        self, profile_id: str, page: PageRequest, *, include_retweets: bool
    ) -> list[EntryRow]:
        arm = (profile_id, *self._after(page), page.fetch)
        statement = OF_PROFILE[page.after is not None, include_retweets]
        parameters = (*arm, *arm, page.fetch) if include_retweets else arm
        return self._entries(await self._r.all(statement, parameters))

    async def home(self, profile_id: str, page: PageRequest) -> list[EntryRow]:
        found = await self._r.first(sql.FOLLOWING_COUNT, (profile_id,))
        following = found[0] if found else 0
        by_time = await self._planner.walk_by_time(self._r, following, page.fetch)
        statement = (HOME_BY_TIME if by_time else HOME_BY_AUTHOR)[page.after is not None]
        arm = (profile_id, profile_id, *self._after(page), page.fetch)
        return self._entries(await self._r.all(statement, (*arm, *arm, page.fetch)))

    def _after(self, page: PageRequest) -> tuple[Any, ...]:
        if page.after is None:
            return ()
        return (self._r.at(page.after.at), page.after.key)

    def _entries(self, rows: list[Any]) -> list[EntryRow]:
        moment = self._r.moment
        return [EntryRow(row[0], moment(row[1]), row[2], row[3]) for row in rows]
