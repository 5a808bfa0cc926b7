"""Repositories for tweets, likes, retweets, follows, notifications and timelines.

Every list method takes a PageRequest and returns up to `page.fetch` rows, newest first,
strictly after `page.after` in (at, key) order — storage does the keyset filtering."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.pagination import PageRequest
from domain.follow import Follow
from domain.notification import Notification, NotificationKind
from domain.tweet import Like, Retweet, Tweet


class TweetRepository(Protocol):
    async def get(self, tweet_id: str) -> Tweet | None: ...

    async def get_many(self, tweet_ids: list[str]) -> dict[str, Tweet]: ...

    async def remove(self, tweet_id: str) -> bool:
        """True when this call removed the tweet (False when it was already gone)."""
        ...

    async def add(self, tweet: Tweet) -> None:
        """Stores the tweet with its reply fields, `mention_ids` and `hashtags` (in their
        order); `get` and `get_many` give all of them back."""
        ...

    async def adjust_counts(
        self, tweet_id: str, *, likes: int = 0, retweets: int = 0, replies: int = 0
    ) -> None:
        """One atomic `count = count + delta` update, exact under concurrency. A tweet that
        no longer exists is left alone (no error)."""
        ...


class LikeRepository(Protocol):
    async def add(self, like: Like) -> bool:
        """True when the like is new; False (and nothing written) when it existed."""
        ...

    async def remove(self, profile_id: str, tweet_id: str) -> bool:
        """True when a like was removed."""
        ...

    async def liked_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]: ...

    async def of_tweet(self, tweet_id: str, page: PageRequest) -> list[Like]:
        """Keyset key: (created_at, profile_id)."""
        ...

    async def by_profile(self, profile_id: str, page: PageRequest) -> list[Like]:
        """Keyset key: (created_at, tweet_id)."""
        ...

    async def remove_of_tweet(self, tweet_id: str) -> list[Like]: ...


class RetweetRepository(Protocol):
    async def add(self, retweet: Retweet) -> bool: ...

    async def remove(self, profile_id: str, tweet_id: str) -> bool: ...

    async def retweeted_among(self, profile_id: str, tweet_ids: list[str]) -> set[str]: ...

    async def of_tweet(self, tweet_id: str, page: PageRequest) -> list[Retweet]:
        """Keyset key: (created_at, id)."""
        ...

    async def remove_of_tweet(self, tweet_id: str) -> list[Retweet]: ...


class FollowRepository(Protocol):
    async def add(self, follow: Follow) -> bool: ...

    async def remove(self, follower_id: str, followee_id: str) -> bool: ...

    async def followed_among(self, follower_id: str, profile_ids: list[str]) -> set[str]: ...

    async def followers(self, profile_id: str, page: PageRequest) -> list[Follow]:
        """Keyset key: (created_at, follower_id)."""
        ...

    async def following(self, profile_id: str, page: PageRequest) -> list[Follow]:
        """Keyset key: (created_at, followee_id)."""
        ...


class NotificationRepository(Protocol):
    async def add(self, notification: Notification) -> None: ...

    async def remove_about(
        self, *, kind: NotificationKind, actor_id: str, recipient_id: str, tweet_id: str | None
    ) -> None:
        """Undoing an act removes the notification it caused."""
        ...

    async def remove_of_tweet(self, tweet_id: str) -> None: ...

    async def of_recipient(
        self, recipient_id: str, page: PageRequest, *, unread_only: bool = False
    ) -> list[Notification]:
        """Keyset key: (created_at, id)."""
        ...

    async def unread_count(self, recipient_id: str) -> int: ...

    async def get(self, notification_id: str) -> Notification | None: ...

    async def mark_read(self, recipient_id: str, up_to: Notification | None) -> None:
        """That notification and every older one of the recipient; all when None."""
        ...

    async def dismiss(self, recipient_id: str, notification_id: str) -> bool:
        """Removes the recipient's notification; False when it is not theirs or gone."""
        ...

    async def clear(self, recipient_id: str) -> None:
        """Removes every notification of the recipient."""
        ...


@dataclass(frozen=True)
class EntryRow:
    """A timeline entry as storage finds it: a tweet, or someone's retweet of one."""

    tweet_id: str
    at: datetime
    key: str
    retweeted_by_id: str | None = None


class TimelineQueries(Protocol):
    async def of_profile(
        self,
        profile_id: str,
        page: PageRequest,
        *,
        include_retweets: bool,
        include_replies: bool = True,
    ) -> list[EntryRow]:
        """The profile's tweets and (optionally) retweets; `include_replies=False` leaves
        out the profile's own replies (its retweets of replies stay). Keyset key: (at, key)
        where key is the tweet id for a tweet and the retweet id for a retweet."""
        ...

    async def home(self, profile_id: str, page: PageRequest) -> list[EntryRow]:
        """Tweets and retweets by the profile and everyone it follows. A reply by a
        followed profile appears only when the profile also follows, or is, the answered
        author (`Tweet.in_reply_to_author_id`); its own replies always appear
        (`Tweet.shows_in_home_of`). Retweets appear whatever they retweet."""
        ...
