"""Threads, discovery and search on the read path (and, through ConnectionReader, in a
writing unit of work): one statement each, see conversation_statements."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.persistence.sql.reads import conversation_statements as sql
from adapters.persistence.sql.reads.drivers import Reader, SqliteConnectionReader, SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.rows import media_list_of, profile_of, tweet_of
from adapters.persistence.sql.reads.statements import TWEET_WIDTH
from adapters.persistence.sql.reads.suggestions import Suggestions
from application.pagination import Cursor, PageRequest
from application.ports.conversations import (
    MAX_ANCESTORS,
    SUGGESTIONS_SIZE,
    TRENDING_SIZE,
    TagCount,
    TweetSearch,
)
from domain.profile import Profile
from domain.search import words_of
from domain.tweet import Tweet

# Above every character of a username: the end of a username prefix's range.
_AFTER_USERNAMES = "\x7f"


class _Tweets:
    def __init__(self, reader: Reader, loaded: Loaded) -> None:
        self._r = reader
        self._loaded = loaded

    def _tweets(self, rows: list[Any]) -> list[Tweet]:
        """The rows' tweets; their media wait in the loaded ones for the views."""
        moment, json_moment = self._r.moment, self._r.json_moment
        found = []
        for row in rows:
            tweet = tweet_of(row, moment)
            self._loaded.tweets[tweet.id] = tweet
            self._loaded.media[tweet.id] = media_list_of(row[TWEET_WIDTH], tweet.id, json_moment)
            found.append(tweet)
        return found

    def _keyset(self, page: PageRequest) -> tuple[Any, ...]:
        return () if page.after is None else (self._r.at(page.after.at), page.after.key)


class ReadThreads(_Tweets):
    async def replies(self, tweet_id: str, page: PageRequest) -> list[Tweet]:
        statement = sql.REPLIES[page.after is not None]
        return self._tweets(
            await self._r.all(statement, (tweet_id, page.fetch, *self._keyset(page)))
        )

    async def ancestors(self, tweet_id: str, limit: int = MAX_ANCESTORS) -> list[Tweet]:
        if limit <= 0:
            return []
        return self._tweets(await self._r.all(sql.ANCESTORS, (tweet_id, limit)))


class ReadDiscovery(_Tweets):
    async def tagged(self, tag: str, page: PageRequest) -> list[Tweet]:
        statement = sql.TAGGED[page.after is not None]
        return self._tweets(await self._r.all(statement, (tag, page.fetch, *self._keyset(page))))

    async def trending(self, since: datetime, limit: int = TRENDING_SIZE) -> list[TagCount]:
        rows = await self._r.all(sql.TRENDING, (self._r.at(since), limit))
        return [TagCount(tag, count) for tag, count in rows]

    async def public(self, page: PageRequest) -> list[Tweet]:
        statement = sql.PUBLIC[page.after is not None]
        return self._tweets(await self._r.all(statement, (page.fetch, *self._keyset(page))))

    async def suggestions(self, profile_id: str, limit: int = SUGGESTIONS_SIZE) -> list[Profile]:
        return await Suggestions(self._r)(profile_id, limit)


class ReadSearch(_Tweets):
    # On SQLite, FTS5 gives matches in rowid order, not newest first: ordering them costs
    # a lookup per match, which for a common word grows with the table. Above this many
    # matches the newest tweets are walked instead and tested here, which costs about
    # (page size / the word's share of tweets) rows; the two meet near this threshold.
    COMMON_MATCHES = 1500
    WALK_CHUNK = 500
    MAX_WALK = 20_000

    async def tweets(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        if (
            search.words
            and isinstance(self._r, SqliteReader)
            and not isinstance(self._r, SqliteConnectionReader)
        ):
            query = self._r.word_query(search.words)
            found = await self._r.first(sql.MATCHES_UP_TO, (query, self.COMMON_MATCHES + 1))
            if found[0] > self.COMMON_MATCHES:
                walked = await self._walk(search, page)
                if walked is not None:
                    return walked
        return await self._matched(search, page)

    async def _walk(self, search: TweetSearch, page: PageRequest) -> list[Tweet] | None:
        """The page by walking the newest tweets after the cursor; None when MAX_WALK
        rows held too few matches (the index then answers for the rest)."""
        hits: list[str] = []
        after, walked = page.after, 0
        entities = bool(search.hashtags or search.mention_ids)
        while len(hits) < page.fetch and walked < self.MAX_WALK:
            cursor = () if after is None else (self._r.at(after.at), after.key)
            statement = sql.NEWEST_TEXTS[after is not None, entities]
            rows = await self._r.all(statement, (self.WALK_CHUNK, *cursor))
            hits += [row[0] for row in rows if _matches(row, search)]
            walked += len(rows)
            if len(rows) < self.WALK_CHUNK:
                break
            after = Cursor(self._r.moment(rows[-1][2]), rows[-1][0])
        else:
            if len(hits) < page.fetch:
                return None
        hits = hits[: page.fetch]
        return self._tweets(await self._r.all(sql.LOADED_TWEETS, (self._r.ids(hits),)))

    async def _matched(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        statement = sql.tweet_search(
            bool(search.words),
            len(search.hashtags),
            len(search.mention_ids),
            page.after is not None,
        )
        parameters: list[Any] = []
        if search.words:
            parameters.append(self._r.word_query(search.words))
        parameters += [*search.hashtags, *search.mention_ids, *self._keyset(page), page.fetch]
        return self._tweets(await self._r.all(statement, parameters))

    async def profiles(self, prefix: str, page: PageRequest) -> list[Profile]:
        # A display-name word can only start with a prefix made of word characters.
        by_name = words_of(prefix) == [prefix]
        name_query = self._r.word_query((prefix,)) if by_name else ""
        after = page.after.key if page.after is not None else ""
        parameters = (prefix, prefix + _AFTER_USERNAMES, name_query, after, page.fetch)
        rows = await self._r.all(sql.PROFILE_SEARCH[by_name], parameters)
        return [profile_of(row, self._r.moment) for row in rows]


def _matches(row: Any, search: TweetSearch) -> bool:
    """The domain's rule on a walked row (id, text, created_at, mention ids, hashtags):
    every word of the query starts a word of the text; every tag and mention is there."""
    text = row[1]
    folded = text.casefold()
    if not all(term in folded for term in search.words):  # cheap first: most rows fail it
        return False
    found = words_of(text)
    if not all(any(word.startswith(term) for word in found) for term in search.words):
        return False
    if not (search.hashtags or search.mention_ids):
        return True
    mentioned, tagged = (row[3] or "").split(), (row[4] or "").split()
    return set(search.hashtags) <= set(tagged) and set(search.mention_ids) <= set(mentioned)
