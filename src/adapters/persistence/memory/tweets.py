from __future__ import annotations

from dataclasses import replace

from adapters.persistence.memory.keyset import newest_first
from adapters.persistence.memory.store import MemoryTables
from application.pagination import PageRequest
from domain.tweet import Like, Retweet, Tweet


class MemoryTweets:
    def __init__(self, tables: MemoryTables) -> None:
        self._tweets: dict[str, Tweet] = tables.extra.setdefault("tweets", {})

    async def add(self, tweet: Tweet) -> None:
        self._tweets[tweet.id] = tweet

    async def get(self, tweet_id: str) -> Tweet | None:
        return self._tweets.get(tweet_id)

    async def get_many(self, tweet_ids: list[str]) -> dict[str, Tweet]:
        return {i: self._tweets[i] for i in tweet_ids if i in self._tweets}

    async def remove(self, tweet_id: str) -> bool:
        return self._tweets.pop(tweet_id, None) is not None

    async def adjust_counts(
        self, tweet_id: str, *, likes: int = 0, retweets: int = 0, replies: int = 0
    ) -> None:
        tweet = self._tweets.get(tweet_id)
        if tweet is not None:
            self._tweets[tweet_id] = replace(
                tweet,
                like_count=tweet.like_count + likes,
                retweet_count=tweet.retweet_count + retweets,
                reply_count=tweet.reply_count + replies,
            )


class MemoryLikes:
    def __init__(self, tables: MemoryTables) -> None:
        self._likes: dict[tuple[str, str], Like] = tables.extra.setdefault("likes", {})

    async def add(self, like: Like) -> bool:
        pair = (like.profile_id, like.tweet_id)
        if pair in self._likes:
            return False
        self._likes[pair] = like
        return True

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        return self._likes.pop((profile_id, tweet_id), None) is not None

    async def liked_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        return {t for t in tweet_ids if (profile_id, t) in self._likes}

    async def of_tweet(self, tweet_id: str, page: PageRequest) -> list[Like]:
        rows = (like for like in self._likes.values() if like.tweet_id == tweet_id)
        return newest_first(rows, page, lambda like: (like.created_at, like.profile_id))

    async def by_profile(self, profile_id: str, page: PageRequest) -> list[Like]:
        rows = (like for like in self._likes.values() if like.profile_id == profile_id)
        return newest_first(rows, page, lambda like: (like.created_at, like.tweet_id))

    async def remove_of_tweet(self, tweet_id: str) -> list[Like]:
        gone = [like for like in self._likes.values() if like.tweet_id == tweet_id]
        for like in gone:
            del self._likes[(like.profile_id, like.tweet_id)]
        return gone


class MemoryRetweets:
    def __init__(self, tables: MemoryTables) -> None:
        self._retweets: dict[str, Retweet] = tables.extra.setdefault("retweets", {})

    def _find(self, profile_id: str, tweet_id: str) -> Retweet | None:
        return next(
            (
                r
                for r in self._retweets.values()
                if r.profile_id == profile_id and r.tweet_id == tweet_id
            ),
            None,
        )

    async def add(self, retweet: Retweet) -> bool:
        if self._find(retweet.profile_id, retweet.tweet_id) is not None:
            return False
        self._retweets[retweet.id] = retweet
        return True

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        found = self._find(profile_id, tweet_id)
        if found is None:
            return False
        del self._retweets[found.id]
        return True

    async def retweeted_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]:
        wanted = set(tweet_ids)
        return {
            r.tweet_id
            for r in self._retweets.values()
            if r.profile_id == profile_id and r.tweet_id in wanted
        }

    async def of_tweet(self, tweet_id: str, page: PageRequest) -> list[Retweet]:
        rows = (r for r in self._retweets.values() if r.tweet_id == tweet_id)
        return newest_first(rows, page, lambda r: (r.created_at, r.id))

    async def remove_of_tweet(self, tweet_id: str) -> list[Retweet]:
        gone = [r for r in self._retweets.values() if r.tweet_id == tweet_id]
        for retweet in gone:
            del self._retweets[retweet.id]
        return gone
