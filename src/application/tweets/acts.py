"""Liking and retweeting, and taking either back. Each is idempotent both ways: the
act is recorded only when new, and only then do the count and the notification move
(application.acting holds those rules; storage runs each act as one call, which is
the whole transaction and commits it)."""

from __future__ import annotations

from application.ports.acts import TweetAct, TweetActKind
from application.ports.system import Clock, IdGenerator
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from application.tweets.views import TweetView
from domain.errors import NotFound


class _Act:
    kind: TweetActKind

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    @retry_on_conflict
    async def __call__(self, tweet_id: str, user_id: str) -> TweetView:
        act = TweetAct(
            kind=self.kind,
            actor_id=user_id,
            tweet_id=tweet_id,
            at=self._clock.now(),
            notification_id=self._ids.new_id(),
            retweet_id=self._ids.new_id() if self.kind == "retweet" else None,
        )
        async with self._uow() as uow:
            view = await uow.acts.act_on_tweet(act)  # the whole transaction, committed
        if view is None:
            raise NotFound("tweet")
        return view


class _TakeBack:
    kind: TweetActKind

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, tweet_id: str, user_id: str) -> TweetView:
        async with self._uow() as uow:
            view = await uow.acts.take_back(self.kind, user_id, tweet_id)
        if view is None:
            raise NotFound("tweet")
        return view


class LikeTweet(_Act):
    kind = "like"


class UnlikeTweet(_TakeBack):
    kind = "like"


class RetweetTweet(_Act):
    kind = "retweet"


class UndoRetweet(_TakeBack):
    kind = "retweet"
