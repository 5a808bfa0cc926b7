"""Liking and retweeting, and taking either back. Each is idempotent both ways: the
act is recorded only when new, and only then do the count and the notification move."""

from __future__ import annotations

from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from application.tweets.views import TweetView, tweet_views
from domain.errors import NotFound
from domain.notification import Notification, NotificationKind
from domain.tweet import Like, Retweet, Tweet


async def _existing(uow: UnitOfWork, tweet_id: str) -> Tweet:
    tweet = await uow.tweets.get(tweet_id)
    if tweet is None:
        raise NotFound("tweet")
    return tweet


async def _fresh_view(uow: UnitOfWork, tweet_id: str, viewer_id: str) -> TweetView:
    """The tweet re-read after the count moved, so the answer shows the stored count."""
    views = await tweet_views(uow, [await _existing(uow, tweet_id)], viewer_id)
    if not views:
        raise NotFound("tweet")
    return views[0]


class _Act:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    async def _notify(
        self, uow: UnitOfWork, kind: NotificationKind, tweet: Tweet, actor: str
    ) -> None:
        notification = Notification.about(
            id=self._ids.new_id(),
            recipient_id=tweet.author_id,
            kind=kind,
            actor_id=actor,
            tweet_id=tweet.id,
            created_at=self._clock.now(),
        )
        if notification is not None:
            await uow.notifications.add(notification)


async def _unnotify(uow: UnitOfWork, kind: NotificationKind, tweet: Tweet, actor: str) -> None:
    await uow.notifications.remove_about(
        kind=kind, actor_id=actor, recipient_id=tweet.author_id, tweet_id=tweet.id
    )


class LikeTweet(_Act):
    @retry_on_conflict
    async def __call__(self, tweet_id: str, user_id: str) -> TweetView:
        async with self._uow() as uow:
            tweet = await _existing(uow, tweet_id)
            if await uow.likes.add(Like(user_id, tweet_id, self._clock.now())):
                await uow.tweets.adjust_counts(tweet_id, likes=+1)
                await self._notify(uow, NotificationKind.LIKE, tweet, user_id)
            view = await _fresh_view(uow, tweet_id, user_id)
            await uow.commit()
        return view


class UnlikeTweet:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, tweet_id: str, user_id: str) -> TweetView:
        async with self._uow() as uow:
            tweet = await _existing(uow, tweet_id)
            if await uow.likes.remove(user_id, tweet_id):
                await uow.tweets.adjust_counts(tweet_id, likes=-1)
                await _unnotify(uow, NotificationKind.LIKE, tweet, user_id)
            view = await _fresh_view(uow, tweet_id, user_id)
            await uow.commit()
        return view


class RetweetTweet(_Act):
    @retry_on_conflict
    async def __call__(self, tweet_id: str, user_id: str) -> TweetView:
        async with self._uow() as uow:
            tweet = await _existing(uow, tweet_id)
            retweet = Retweet(self._ids.new_id(), user_id, tweet_id, self._clock.now())
            if await uow.retweets.add(retweet):
                await uow.tweets.adjust_counts(tweet_id, retweets=+1)
                await self._notify(uow, NotificationKind.RETWEET, tweet, user_id)
            view = await _fresh_view(uow, tweet_id, user_id)
            await uow.commit()
        return view


class UndoRetweet:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, tweet_id: str, user_id: str) -> TweetView:
        async with self._uow() as uow:
            tweet = await _existing(uow, tweet_id)
            if await uow.retweets.remove(user_id, tweet_id):
                await uow.tweets.adjust_counts(tweet_id, retweets=-1)
                await _unnotify(uow, NotificationKind.RETWEET, tweet, user_id)
            view = await _fresh_view(uow, tweet_id, user_id)
            await uow.commit()
        return view
