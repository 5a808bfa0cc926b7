"""Threads, discovery and search on the read path (and, through ConnectionReader, in a
writing unit of work): one statement each, see conversation_statements."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from adapters.persistence.sql.reads import conversation_statements as sql
from adapters.persistence.sql.reads import search_statements as search_sql
from adapters.persistence.sql.reads.drivers import Reader, SqliteReader
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.rows import media_list_of, profile_of, tweet_of
from adapters.persistence.sql.reads.statements import TWEET_WIDTH
from adapters.persistence.sql.reads.suggestions import Suggestions
from application.pagination import EPOCH, PageRequest
from application.ports.conversations import (
    MAX_ANCESTORS,
    SUGGESTIONS_SIZE,
    TRENDING_SIZE,
    TagCount,
    TweetSearch,
)
from domain.profile import Profile
from domain.search import words_of
from domain.text_entities import is_word_character
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
    # SQLite reads this many keys beyond the page at first, for tweets sharing a boundary
    # microsecond; then chunks 4 times larger, up to MAX_CHUNK. A long word's prefix
    # finds at most MAX_CHECKED rows to check before the word is looked up itself.
    SLACK = 8
    MAX_CHUNK = 1000
    MAX_CHECKED = 2000
    # PostgreSQL's first window holds about this many of the newest tweets; each next
    # one up to GROWTH times more, until one holds a page of matches or all tweets. At
    # most FEW_MATCHES expected in all: they are read at once (one GIN scan, not more).
    WINDOW_ROWS = 4096
    GROWTH = 16
    FEW_MATCHES = 1000

    async def tweets(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        if search.words and isinstance(self._r, SqliteReader):
            return await self._keyed(search, page)
        if search.hashtags and not search.words:
            return await self._tagged(search, page)
        if search.words:
            return await self._windowed(search, page)
        return await self._matched(search, page)

    async def _keyed(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        """SQLite: the FTS5 index read newest first by time key (migration 0009), in
        chunks, a few keys more than the page at first. The keys read hold the page once
        enough of them lie outside the microseconds of the cursor and of the last key read
        (whose slots need not follow ids, and whose older keys are unread); the page's
        tweets are then cut by (created_at, id) exactly.

        Longer words are looked up by their indexed prefix and checked here on the texts,
        up to MAX_CHECKED rows; beyond that (a word much rarer than its prefix), by
        themselves. Tags and mentions are checked on the index's rows in the statement."""
        words = search.words
        short = tuple(dict.fromkeys(word[: search_sql.INDEXED_PREFIX] for word in words))
        checked = short != words
        query = self._r.word_query(short if checked else words)
        terms = [*search.hashtags, *search.mention_ids]
        tags, mentions = len(search.hashtags), len(search.mention_ids)
        cursor = None if page.after is None else time_key(page.after.at)
        below = None if cursor is None else cursor + search_sql.SLOTS
        keys: list[int] = []
        size, read = page.fetch + self.SLACK, 0
        while True:
            statement = search_sql.newest_keys(tags, mentions, below is not None, checked)
            bound = [] if below is None else [below]
            rows = await self._r.all(statement, [query, size, *bound, *terms])
            keys += [row[0] for row in rows if not checked or _has_words(row[1], words)]
            if len(rows) < size:
                break
            below, read = rows[-1][0], read + len(rows)
            oldest = _microsecond(below)
            inside = [k for k in keys if _microsecond(k) not in (oldest, cursor)]
            if len(inside) >= page.fetch:
                break
            if checked and read >= self.MAX_CHECKED:
                checked, query = False, self._r.word_query(words)
            size = min(size * 4, self.MAX_CHUNK)
        statement = search_sql.keyed_tweets(page.after is not None)
        parameters = [json.dumps(keys), page.fetch, *self._keyset(page)]
        return self._tweets(await self._r.all(statement, parameters))

    async def _windowed(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        """PostgreSQL: windows of the newest tweets below the cursor, until one holds a
        page of matches (every tweet outside it is older). Each next window is sized by
        the matches of the last, at most GROWTH times larger; when the matches seen
        promise few below the cursor, or the window passes the oldest tweet, all matches
        are ordered at once. Windows are spans of time sized by the tweets' mean rate,
        so an uneven rate costs a window more or less, never a match."""
        oldest, newest, estimate = await self._r.first(search_sql.TWEETS_SPAN, ())
        if oldest is None:
            return []
        upper = newest if page.after is None else min(page.after.at, newest)
        per_tweet = (newest - oldest) / max(estimate, 1)
        remaining = (upper - oldest) / per_tweet if per_tweet else 0.0
        # The longest word stands for the rarest: the index looks up that one.
        leading = max(search.words, key=len)
        rest = [word for word in search.words if word != leading]
        statement = search_sql.windowed_search(
            len(search.hashtags), len(search.mention_ids), page.after is not None, bool(rest)
        )
        query = self._r.word_query((leading,))
        terms = [*([self._r.word_query(rest)] if rest else []), *search.hashtags]
        terms += search.mention_ids
        rows = self.WINDOW_ROWS
        while rows < remaining:
            bound = upper - per_tweet * rows
            parameters = [query, bound, upper, page.fetch, *self._keyset(page), *terms]
            found = await self._r.all(statement, parameters)
            if len(found) >= page.fetch:
                return self._tweets(found)
            if len(found) * remaining / rows <= self.FEW_MATCHES:
                break
            rows *= min(self.GROWTH, max(2, 2 * page.fetch // max(len(found), 1)))
        return await self._matched(search, page)

    async def _tagged(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        statement = search_sql.tagged_search(
            len(search.hashtags), len(search.mention_ids), page.after is not None
        )
        first, *others = search.hashtags
        parameters = [first, page.fetch, *self._keyset(page), *others, *search.mention_ids]
        return self._tweets(await self._r.all(statement, parameters))

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


def _has_words(text: str, terms: tuple[str, ...]) -> bool:
    """The domain's rule: every term starts a word of the text."""
    if text.isascii():  # folding keeps every character where it was: find the starts
        folded = text.lower()
        return all(_starts_a_word(folded, term) for term in terms)
    found = words_of(text)
    return all(any(word.startswith(term) for word in found) for term in terms)


def _starts_a_word(folded: str, term: str) -> bool:
    at = folded.find(term)
    while at != -1:
        if at == 0 or not is_word_character(folded[at - 1]):
            return True
        at = folded.find(term, at + 1)
    return False


def _microsecond(key: int) -> int:
    """The first key of the microsecond of `key`."""
    return key - (key & (search_sql.SLOTS - 1))


def time_key(at: datetime) -> int:
    """The first search key of the microsecond `at` (migration 0009's formula)."""
    return (at - EPOCH) // timedelta(microseconds=1) * search_sql.SLOTS
