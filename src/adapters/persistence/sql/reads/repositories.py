"""Repositories of the read path. Each extends the SQLAlchemy one: the hot reads are
hand-written statements on the driver, everything else (rare reads) is inherited and
runs through SQLAlchemy on the same connection and transaction."""

from __future__ import annotations

from typing import Any

from adapters.persistence.sql.follows import SqlFollows
from adapters.persistence.sql.likes import SqlLikes
from adapters.persistence.sql.media import SqlMedia
from adapters.persistence.sql.profiles import SqlProfiles
from adapters.persistence.sql.reads import id_lists
from adapters.persistence.sql.reads import statements as sql
from adapters.persistence.sql.reads.drivers import Reader
from adapters.persistence.sql.reads.loaded import Loaded, ViewerFlags
from adapters.persistence.sql.reads.rows import (
    media_list_of,
    media_of,
    profile_of,
    token_of,
    tweet_of,
)
from adapters.persistence.sql.retweets import SqlRetweets
from adapters.persistence.sql.tokens import SqlTokens
from adapters.persistence.sql.tweets import SqlTweets
from domain.media import Media
from domain.profile import Profile, username_key
from domain.token import AccessToken
from domain.tweet import Tweet

TWEET_WIDTH = sql.TWEET_WIDTH
PROFILE_WIDTH = len(sql.PROFILE_COLUMNS.split(","))


class ReadProfiles(SqlProfiles):
    def __init__(self, reader: Reader, connection: Any, loaded: Loaded) -> None:
        super().__init__(connection)
        self._r = reader
        self._loaded = loaded.profiles

    async def get(self, profile_id: str) -> Profile | None:
        if profile_id in self._loaded:
            return self._loaded[profile_id]
        row = await self._r.first(sql.PROFILE_BY_ID, (profile_id,))
        return profile_of(row, self._r.moment) if row else None

    async def get_by_username(self, username: str) -> Profile | None:
        row = await self._r.first(sql.PROFILE_BY_USERNAME, (username_key(username),))
        return profile_of(row, self._r.moment) if row else None

    async def get_many(self, profile_ids: list[str]) -> dict[str, Profile]:
        loaded = self._loaded
        found = {i: loaded[i] for i in profile_ids if i in loaded}
        missing = list({i for i in profile_ids if i not in found})
        if missing:
            rows = await self._r.all_among(id_lists.PROFILES, (), missing)
            moment = self._r.moment
            found.update((row[0], profile_of(row, moment)) for row in rows)
        return found


class ReadTokens(SqlTokens):
    def __init__(self, reader: Reader, connection: Any) -> None:
        super().__init__(connection)
        self._r = reader

    async def get(self, digest: str) -> AccessToken | None:
        row = await self._r.first(sql.TOKEN, (digest,))
        return token_of(row, self._r.moment, self._r.flag) if row else None


class ReadTweets(SqlTweets):
    def __init__(self, reader: Reader, connection: Any, loaded: Loaded) -> None:
        super().__init__(connection)
        self._r = reader
        self._loaded = loaded

    async def get(self, tweet_id: str) -> Tweet | None:
        """Its author comes along and waits in the loaded profiles."""
        if tweet_id in self._loaded.tweets:
            return self._loaded.tweets[tweet_id]
        row = await self._r.first(sql.TWEET, (tweet_id,))
        if row is None:
            return None
        tweet = tweet_of(row, self._r.moment)
        self._loaded.profiles[tweet.author_id] = profile_of(row, self._r.moment, TWEET_WIDTH)
        self._loaded.media[tweet.id] = media_list_of(
            row[TWEET_WIDTH + PROFILE_WIDTH], tweet.id, self._r.json_moment
        )
        return tweet

    async def get_many(self, tweet_ids: list[str]) -> dict[str, Tweet]:
        loaded = self._loaded.tweets
        found = {i: loaded[i] for i in tweet_ids if i in loaded}
        missing = list({i for i in tweet_ids if i not in found})
        if missing:
            moment = self._r.moment
            rows = await self._r.all(sql.TWEETS, (self._r.ids(missing),))
            found.update((row[0], tweet_of(row, moment)) for row in rows)
        return found


class ReadMedia(SqlMedia):
    def __init__(self, reader: Reader, connection: Any, loaded: Loaded) -> None:
        super().__init__(connection)
        self._r = reader
        self._loaded = loaded.media

    async def for_tweets(self, tweet_ids: list[str]) -> dict[str, list[Media]]:
        loaded = self._loaded
        found = {i: loaded[i] for i in tweet_ids if loaded.get(i)}
        missing = list({i for i in tweet_ids if i not in loaded})
        if missing:
            rows = await self._r.all(sql.MEDIA_OF_TWEETS, (self._r.ids(missing),))
            for row in rows:
                found.setdefault(row[8], []).append(media_of(row, self._r.moment))
        return found


class ReadLikes(SqlLikes):
    def __init__(self, reader: Reader, connection: Any, loaded: Loaded) -> None:
        super().__init__(connection)
        self._r = reader
        self._loaded = loaded

    async def liked_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        """Also learns which of them the profile retweeted, for retweeted_among."""
        if not tweet_ids:
            return set()
        asked = frozenset(tweet_ids)
        liked: set[str] = set()
        retweeted: set[str] = set()
        rows = await self._r.all_among(id_lists.FLAGS_AMONG, (profile_id,), list(asked))
        for kind, tweet_id in rows:
            (liked if kind == 1 else retweeted).add(tweet_id)
        self._loaded.flags = ViewerFlags(profile_id, asked, retweeted)
        return liked


class ReadRetweets(SqlRetweets):
    def __init__(self, reader: Reader, connection: Any, loaded: Loaded) -> None:
        super().__init__(connection)
        self._r = reader
        self._loaded = loaded

    async def retweeted_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        if not tweet_ids:
            return set()
        flags = self._loaded.flags
        if (
            flags is not None
            and flags.viewer_id == profile_id
            and flags.tweet_ids.issuperset(tweet_ids)
        ):
            return flags.retweeted.intersection(tweet_ids)
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
