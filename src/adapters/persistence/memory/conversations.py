"""Threads, discovery and search over the memory tables: plain scans, the reference the
SQL engines are measured against in the shared behaviour suites."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from adapters.persistence.memory.keyset import newest_first, oldest_first
from adapters.persistence.memory.store import MemoryTables
from application.pagination import PageRequest
from application.ports.conversations import TagCount, TweetSearch
from domain.follow import Follow
from domain.profile import Profile
from domain.search import words_of
from domain.tweet import Tweet


def _by_moment(tweet: Tweet) -> tuple[datetime, str]:
    return (tweet.created_at, tweet.id)


class MemoryThreads:
    def __init__(self, tables: MemoryTables) -> None:
        self._tweets: dict[str, Tweet] = tables.extra.setdefault("tweets", {})

    async def replies(self, tweet_id: str, page: PageRequest) -> list[Tweet]:
        rows = (t for t in self._tweets.values() if t.in_reply_to_id == tweet_id)
        return oldest_first(rows, page, _by_moment)

    async def ancestors(self, tweet_id: str, limit: int = 100) -> list[Tweet]:
        above: list[Tweet] = []
        current = self._tweets.get(tweet_id)
        while current is not None and current.in_reply_to_id and len(above) < limit:
            current = self._tweets.get(current.in_reply_to_id)
            if current is not None:
                above.append(current)
        return above[::-1]


class MemoryDiscovery:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables
        self._tweets: dict[str, Tweet] = tables.extra.setdefault("tweets", {})
        self._follows: dict[tuple[str, str], Follow] = tables.extra.setdefault("follows", {})

    async def tagged(self, tag: str, page: PageRequest) -> list[Tweet]:
        rows = (t for t in self._tweets.values() if tag in t.hashtags)
        return newest_first(rows, page, _by_moment)

    async def trending(self, since: datetime, limit: int = 10) -> list[TagCount]:
        counts = Counter(
            tag for t in self._tweets.values() if t.created_at >= since for tag in t.hashtags
        )
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [TagCount(tag, tweets) for tag, tweets in ranked[:limit]]

    async def public(self, page: PageRequest) -> list[Tweet]:
        rows = (t for t in self._tweets.values() if not t.is_reply)
        return newest_first(rows, page, _by_moment)

    async def suggestions(self, profile_id: str, limit: int = 20) -> list[Profile]:
        followed = {f.followee_id for f in self._follows.values() if f.follower_id == profile_id}
        via = Counter(f.followee_id for f in self._follows.values() if f.follower_id in followed)
        candidates = [
            p for p in self._t.profiles.values() if p.id != profile_id and p.id not in followed
        ]
        candidates.sort(key=lambda p: (-via[p.id], -p.followers_count, p.username_key))
        return candidates[:limit]


def _matches(tweet: Tweet, search: TweetSearch) -> bool:
    if not set(search.hashtags) <= set(tweet.hashtags):
        return False
    if not set(search.mention_ids) <= set(tweet.mention_ids):
        return False
    words = words_of(tweet.text)
    return all(any(w.startswith(term) for w in words) for term in search.words)


class MemorySearch:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables
        self._tweets: dict[str, Tweet] = tables.extra.setdefault("tweets", {})

    async def tweets(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        rows = (t for t in self._tweets.values() if _matches(t, search))
        return newest_first(rows, page, _by_moment)

    async def profiles(self, prefix: str, page: PageRequest) -> list[Profile]:
        def matches(p: Profile) -> bool:
            names = words_of(p.display_name)
            return p.username_key.startswith(prefix) or any(n.startswith(prefix) for n in names)

        after = page.after.key if page.after is not None else None
        rows = [
            p
            for p in self._t.profiles.values()
            if matches(p) and (after is None or p.username_key > after)
        ]
        rows.sort(key=lambda p: p.username_key)
        return rows[: page.fetch]
