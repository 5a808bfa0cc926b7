"""The timelines of the read path: one statement per page (see timeline_statements),
in the shape the planner picks, bringing the page's tweets and media along."""

from __future__ import annotations

from typing import Any

from adapters.persistence.sql.reads import statements as sql
from adapters.persistence.sql.reads.drivers import Reader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner, TimelineShape
from adapters.persistence.sql.reads.rows import entry_of, media_list_of, tweet_of
from adapters.persistence.sql.reads.timeline_statements import (
    HOME_BY_AUTHOR,
    HOME_BY_TIME,
    OF_PROFILE,
)
from adapters.persistence.sql.timelines import SqlTimelines
from application.pagination import PageRequest
from application.ports.social import EntryRow

ENTRY_WIDTH = 4  # tweet_id, at, key, retweeted_by_id; then the tweet's columns, its media
MEDIA_AT = ENTRY_WIDTH + sql.TWEET_WIDTH


class ReadTimelines(SqlTimelines):
    def __init__(
        self, reader: Reader, connection: Any, planner: TimelinePlanner, loaded: Loaded
    ) -> None:
        super().__init__(connection)
        self._r = reader
        self._planner = planner
        self._loaded = loaded

    async def of_profile(
        self,
        profile_id: str,
        page: PageRequest,
        *,
        include_retweets: bool,
        include_replies: bool = True,
    ) -> list[EntryRow]:
        statement = OF_PROFILE[page.after is not None, include_retweets, include_replies]
        return self._entries(await self._r.all(statement, self._parameters(profile_id, page)))

    async def home(self, profile_id: str, page: PageRequest) -> list[EntryRow]:
        found = await self._r.first(sql.FOLLOWING_COUNT, (profile_id,))
        following = found[0] if found else 0
        shape = await self._planner.shape(self._r, following, page.fetch)
        cursor = page.after is not None
        if shape is TimelineShape.BY_AUTHOR:
            statement = HOME_BY_AUTHOR[cursor]
        else:
            statement = HOME_BY_TIME[cursor, shape is TimelineShape.BY_TIME_WITH_PROBES]
        return self._entries(await self._r.all(statement, self._parameters(profile_id, page)))

    def _parameters(self, profile_id: str, page: PageRequest) -> tuple[Any, ...]:
        """?1 the profile, ?2 the rows wanted, ?3 and ?4 the cursor (when there is one)."""
        if page.after is None:
            return (profile_id, page.fetch)
        return (profile_id, page.fetch, self._r.at(page.after.at), page.after.key)

    def _entries(self, rows: list[Any]) -> list[EntryRow]:
        """Entry rows; the tweets and media that came along are kept as loaded."""
        moment = self._r.moment
        tweets = self._loaded.tweets
        entries = []
        media, json_moment = self._loaded.media, self._r.json_moment
        for row in rows:
            tweet = tweet_of(row, moment, ENTRY_WIDTH)
            tweets[tweet.id] = tweet
            media[tweet.id] = media_list_of(row[MEDIA_AT], tweet.id, json_moment)
            at = tweet.created_at if row[3] is None else moment(row[1])
            entries.append(entry_of(row[0], at, row[2], row[3]))
        return entries
