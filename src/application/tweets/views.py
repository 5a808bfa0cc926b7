"""Tweets as one viewer sees them, assembled in a fixed number of batched reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from application.ports.unit_of_work import UnitOfWork
from domain.media import Media
from domain.profile import Profile
from domain.tweet import Tweet


@dataclass(frozen=True)
class TweetView:
    tweet: Tweet
    author: Profile
    media: list[Media] = field(default_factory=list)
    liked_by_me: bool = False
    retweeted_by_me: bool = False
    # The author answered (kept when that tweet is gone) and the mentioned profiles that
    # still exist, in the tweet's order. Hashtags are on `tweet.hashtags`.
    in_reply_to: Profile | None = None
    mentions: list[Profile] = field(default_factory=list)


@dataclass(frozen=True)
class EntryView:
    """A timeline item: a tweet, or someone's retweet of it (then `at` is the retweet's)."""

    tweet: TweetView
    retweeted_by: Profile | None
    at: datetime
    # The entry's keyset key: the tweet's id, or the retweet's for a retweet.
    key: str = ""


async def tweet_views(
    uow: UnitOfWork, tweets: list[Tweet], viewer_id: str | None
) -> list[TweetView]:
    """Views of `tweets` in their order: authors, media and the viewer's flags come in
    four batched reads whatever the number of tweets (no read per tweet)."""
    views, _profiles = await views_and_profiles(uow, tweets, viewer_id)
    return views


async def views_and_profiles(
    uow: UnitOfWork,
    tweets: list[Tweet],
    viewer_id: str | None,
    extra_profile_ids: Iterable[str] = (),
) -> tuple[list[TweetView], dict[str, Profile]]:
    """As `tweet_views`, also handing back every profile loaded on the way: the authors,
    answered authors, mentioned profiles and `extra_profile_ids` (e.g. retweeters),
    fetched in the same single read."""
    tweet_ids = [t.id for t in tweets]
    wanted = {t.author_id for t in tweets} | set(extra_profile_ids)
    wanted |= {t.in_reply_to_author_id for t in tweets if t.in_reply_to_author_id}
    wanted |= {profile_id for t in tweets for profile_id in t.mention_ids}
    profiles = await uow.profiles.get_many(sorted(wanted))
    media = await uow.media.for_tweets(tweet_ids)
    liked: set[str] = set()
    retweeted: set[str] = set()
    if viewer_id is not None and tweet_ids:
        liked = await uow.likes.liked_among(viewer_id, tweet_ids)
        retweeted = await uow.retweets.retweeted_among(viewer_id, tweet_ids)
    # A tweet always has its author (deleting a profile deletes its tweets); the guard
    # only keeps a half-deleted row from breaking a whole page.
    return [
        TweetView(
            tweet=tweet,
            author=profiles[tweet.author_id],
            media=media.get(tweet.id, []),
            liked_by_me=tweet.id in liked,
            retweeted_by_me=tweet.id in retweeted,
            in_reply_to=profiles.get(tweet.in_reply_to_author_id or ""),
            mentions=[profiles[i] for i in tweet.mention_ids if i in profiles],
        )
        for tweet in tweets
        if tweet.author_id in profiles
    ], profiles
