from __future__ import annotations

from application.transaction import UnitOfWorkFactory
from application.tweets.views import TweetView, tweet_views
from domain.errors import NotFound


class GetTweet:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, tweet_id: str, viewer_id: str | None = None) -> TweetView:
        async with self._uow(read_only=True) as uow:
            tweet = await uow.tweets.get(tweet_id)
            if tweet is None:
                raise NotFound("tweet")
            views = await tweet_views(uow, [tweet], viewer_id)
        if not views:
            raise NotFound("tweet")
        return views[0]
