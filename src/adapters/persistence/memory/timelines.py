from __future__ import annotations

from collections.abc import Callable

from adapters.persistence.memory.keyset import newest_first
from adapters.persistence.memory.store import MemoryTables
from application.pagination import PageRequest
from application.ports.social import EntryRow
from domain.follow import Follow
from domain.tweet import Retweet, Tweet


class MemoryTimelines:
    """Reads the same tables the tweet, retweet and follow repositories keep."""

    def __init__(self, tables: MemoryTables) -> None:
        self._tweets: dict[str, Tweet] = tables.extra.setdefault("tweets", {})
        self._retweets: dict[str, Retweet] = tables.extra.setdefault("retweets", {})
        self._follows: dict[tuple[str, str], Follow] = tables.extra.setdefault("follows", {})

    def _entries(
        self, authors: set[str], *, include_retweets: bool, shows: Callable[[Tweet], bool]
    ) -> list[EntryRow]:
        rows = [
            EntryRow(tweet_id=t.id, at=t.created_at, key=t.id)
            for t in self._tweets.values()
            if t.author_id in authors and shows(t)
        ]
        if include_retweets:
            rows += [
                EntryRow(
                    tweet_id=r.tweet_id, at=r.created_at, key=r.id, retweeted_by_id=r.profile_id
                )
                for r in self._retweets.values()
                if r.profile_id in authors and r.tweet_id in self._tweets
            ]
        return rows

    async def of_profile(
        self,
        profile_id: str,
        page: PageRequest,
        *,
        include_retweets: bool,
        include_replies: bool = True,
    ) -> list[EntryRow]:
        rows = self._entries(
            {profile_id},
            include_retweets=include_retweets,
            shows=lambda t: include_replies or not t.is_reply,
        )
        return newest_first(rows, page, lambda row: (row.at, row.key))

    async def home(self, profile_id: str, page: PageRequest) -> list[EntryRow]:
        followed = {f.followee_id for f in self._follows.values() if f.follower_id == profile_id}
        rows = self._entries(
            {profile_id} | followed,
            include_retweets=True,
            shows=lambda t: t.shows_in_home_of(profile_id, followed),
        )
        return newest_first(rows, page, lambda row: (row.at, row.key))
