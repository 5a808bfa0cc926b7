"""A tweet's conversation: its direct replies (oldest first) and the tweets above it."""

from __future__ import annotations

from application.pagination import Cursor, Page, PageRequest, page_of
from application.ports.conversations import MAX_ANCESTORS
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory
from application.tweets.views import TweetView, tweet_views
from domain.errors import NotFound
from domain.tweet import Tweet


def tweet_position(tweet: Tweet) -> Cursor:
    return Cursor(tweet.created_at, tweet.id)


async def _require(uow: UnitOfWork, tweet_id: str) -> None:
    if await uow.tweets.get(tweet_id) is None:
        raise NotFound("tweet")


class TweetReplies:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, tweet_id: str, page: PageRequest, viewer_id: str | None = None
    ) -> Page[TweetView]:
        async with self._uow(read_only=True) as uow:
            await _require(uow, tweet_id)
            cut = page_of(await uow.threads.replies(tweet_id, page), page, tweet_position)
            views = await tweet_views(uow, cut.items, viewer_id)
        return Page(items=views, next_cursor=cut.next_cursor)


class TweetAncestors:
    """Root first, at most the 100 nearest; the chain stops below a deleted tweet."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, tweet_id: str, viewer_id: str | None = None) -> list[TweetView]:
        async with self._uow(read_only=True) as uow:
            await _require(uow, tweet_id)
            above = await uow.threads.ancestors(tweet_id, MAX_ANCESTORS)
            return await tweet_views(uow, above, viewer_id)
