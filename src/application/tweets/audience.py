"""Who liked or retweeted a tweet, and which tweets a profile liked."""

from __future__ import annotations

from application.pagination import Cursor, Page, PageRequest, page_of
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory
from application.tweets.views import TweetView, tweet_views
from domain.errors import NotFound
from domain.profile import Profile
from domain.tweet import Like, Retweet


async def _require_tweet(uow: UnitOfWork, tweet_id: str) -> None:
    if await uow.tweets.get(tweet_id) is None:
        raise NotFound("tweet")


def _like_by_liker(like: Like) -> Cursor:
    return Cursor(like.created_at, like.profile_id)


def _like_by_tweet(like: Like) -> Cursor:
    return Cursor(like.created_at, like.tweet_id)


def _retweet_position(retweet: Retweet) -> Cursor:
    return Cursor(retweet.created_at, retweet.id)


class TweetLikers:
    """Profiles that liked the tweet, newest like first."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, tweet_id: str, page: PageRequest) -> Page[Profile]:
        async with self._uow(read_only=True) as uow:
            await _require_tweet(uow, tweet_id)
            cut = page_of(await uow.likes.of_tweet(tweet_id, page), page, _like_by_liker)
            found = await uow.profiles.get_many([like.profile_id for like in cut.items])
        profiles = [found[like.profile_id] for like in cut.items if like.profile_id in found]
        return Page(items=profiles, next_cursor=cut.next_cursor)


class TweetRetweeters:
    """Profiles that retweeted the tweet, newest retweet first."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, tweet_id: str, page: PageRequest) -> Page[Profile]:
        async with self._uow(read_only=True) as uow:
            await _require_tweet(uow, tweet_id)
            rows = await uow.retweets.of_tweet(tweet_id, page)
            cut = page_of(rows, page, _retweet_position)
            found = await uow.profiles.get_many([r.profile_id for r in cut.items])
        profiles = [found[r.profile_id] for r in cut.items if r.profile_id in found]
        return Page(items=profiles, next_cursor=cut.next_cursor)


class LikedTweets:
    """The tweets a profile liked, newest like first."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, username: str, page: PageRequest, viewer_id: str | None = None
    ) -> Page[TweetView]:
        async with self._uow(read_only=True) as uow:
            profile = await uow.profiles.get_by_username(username)
            if profile is None:
                raise NotFound("profile")
            cut = page_of(await uow.likes.by_profile(profile.id, page), page, _like_by_tweet)
            found = await uow.tweets.get_many([like.tweet_id for like in cut.items])
            tweets = [found[like.tweet_id] for like in cut.items if like.tweet_id in found]
            views = await tweet_views(uow, tweets, viewer_id)
        return Page(items=views, next_cursor=cut.next_cursor)
