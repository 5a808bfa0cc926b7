"""A hashtag's tweets, and the tags most tweets of the last day carry."""

from __future__ import annotations

from datetime import timedelta

from application.pagination import Page, PageRequest, page_of
from application.ports.conversations import TRENDING_SIZE, TagCount
from application.ports.system import Clock
from application.transaction import UnitOfWorkFactory
from application.tweets.threads import tweet_position
from application.tweets.views import TweetView, tweet_views
from domain.text_entities import valid_hashtag

TRENDING_WINDOW = timedelta(hours=24)


class HashtagTweets:
    """Newest first; the tag is matched in any case, without its `#`."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, tag: str, page: PageRequest, viewer_id: str | None = None
    ) -> Page[TweetView]:
        folded = valid_hashtag(tag)
        async with self._uow(read_only=True) as uow:
            cut = page_of(await uow.discovery.tagged(folded, page), page, tweet_position)
            views = await tweet_views(uow, cut.items, viewer_id)
        return Page(items=views, next_cursor=cut.next_cursor)


class TrendingTags:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def __call__(self) -> list[TagCount]:
        since = self._clock.now() - TRENDING_WINDOW
        async with self._uow(read_only=True) as uow:
            return await uow.discovery.trending(since, TRENDING_SIZE)
