"""The acts of application.ports.acts on a unit of work's repositories: the rules of
liking, retweeting and following, in the reference form every backend answers the same
as (memory and SQLite run this one; PostgreSQL runs each act as one statement). Each
act commits the unit of work when done, as the port says."""

from __future__ import annotations

from typing import Any, TypeVar

from application.ports.acts import FollowAct, TweetAct, TweetActKind
from application.ports.unit_of_work import UnitOfWork
from application.tweets.views import TweetView, tweet_views
from domain.follow import Follow
from domain.notification import Notification, NotificationKind
from domain.profile import Profile
from domain.tweet import Like, Retweet

T = TypeVar("T")
_KINDS = {"like": NotificationKind.LIKE, "retweet": NotificationKind.RETWEET}


class RepositoryActs:
    def __init__(self, uow: Any) -> None:
        """`uow`: the unit of work whose repositories these acts use (typed loosely, as
        an adapter's unit of work matches the port's only member by member)."""
        self._uow: UnitOfWork = uow

    async def act_on_tweet(self, act: TweetAct) -> TweetView | None:
        uow = self._uow
        tweet = await uow.tweets.get(act.tweet_id)
        if tweet is None:
            return await self._committed(None)
        if act.kind == "like":
            added = await uow.likes.add(Like(act.actor_id, tweet.id, act.at))
        else:
            assert act.retweet_id is not None, "a retweet's row needs its id"
            added = await uow.retweets.add(Retweet(act.retweet_id, act.actor_id, tweet.id, act.at))
        if added:
            await uow.tweets.adjust_counts(tweet.id, **{f"{act.kind}s": +1})
            notification = Notification.about(
                id=act.notification_id,
                recipient_id=tweet.author_id,
                kind=_KINDS[act.kind],
                actor_id=act.actor_id,
                tweet_id=tweet.id,
                created_at=act.at,
            )
            if notification is not None:
                await uow.notifications.add(notification)
        return await self._committed(await self._fresh_view(act.tweet_id, act.actor_id))

    async def take_back(self, kind: TweetActKind, actor_id: str, tweet_id: str) -> TweetView | None:
        uow = self._uow
        tweet = await uow.tweets.get(tweet_id)
        if tweet is None:
            return await self._committed(None)
        repository = uow.likes if kind == "like" else uow.retweets
        if await repository.remove(actor_id, tweet_id):
            await uow.tweets.adjust_counts(tweet_id, **{f"{kind}s": -1})
            await uow.notifications.remove_about(
                kind=_KINDS[kind],
                actor_id=actor_id,
                recipient_id=tweet.author_id,
                tweet_id=tweet_id,
            )
        return await self._committed(await self._fresh_view(tweet_id, actor_id))

    async def _committed(self, answer: T) -> T:
        await self._uow.commit()
        return answer

    async def _fresh_view(self, tweet_id: str, viewer_id: str) -> TweetView | None:
        """The tweet re-read after the count moved, so the answer shows the stored count."""
        tweet = await self._uow.tweets.get(tweet_id)
        if tweet is None:
            return None
        views = await tweet_views(self._uow, [tweet], viewer_id)
        return views[0] if views else None

    async def follow(self, act: FollowAct) -> Profile | None:
        uow = self._uow
        followee = await uow.profiles.get_by_username(act.username)
        if followee is None or followee.id == act.follower_id:
            return await self._committed(followee)
        follow = Follow.start(
            follower_id=act.follower_id, followee_id=followee.id, created_at=act.at
        )
        if await uow.follows.add(follow):
            await self._move_counts(act.follower_id, followee.id, +1)
            notification = Notification.about(
                id=act.notification_id,
                recipient_id=followee.id,
                kind=NotificationKind.FOLLOW,
                actor_id=act.follower_id,
                tweet_id=None,
                created_at=act.at,
            )
            if notification is not None:
                await uow.notifications.add(notification)
        return await self._committed(await uow.profiles.get(followee.id) or followee)

    async def unfollow(self, follower_id: str, username: str) -> Profile | None:
        uow = self._uow
        followee = await uow.profiles.get_by_username(username)
        if followee is None:
            return await self._committed(None)
        if await uow.follows.remove(follower_id, followee.id):
            await self._move_counts(follower_id, followee.id, -1)
            await uow.notifications.remove_about(
                kind=NotificationKind.FOLLOW,
                actor_id=follower_id,
                recipient_id=followee.id,
                tweet_id=None,
            )
        return await self._committed(await uow.profiles.get(followee.id) or followee)

    async def _move_counts(self, follower_id: str, followee_id: str, delta: int) -> None:
        # Both rows are updated in id order, so two people following each other at the
        # same moment lock them in the same order and cannot deadlock.
        changes = {follower_id: {"following": delta}, followee_id: {"followers": delta}}
        for profile_id in sorted(changes):
            await self._uow.profiles.adjust_counts(profile_id, **changes[profile_id])
