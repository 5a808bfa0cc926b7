"""Everyone's tweets for a newcomer to browse, and the people they might follow."""

from __future__ import annotations

from application.pagination import Page, PageRequest, page_of
from application.ports.conversations import SUGGESTIONS_SIZE
from application.transaction import UnitOfWorkFactory
from application.tweets.threads import tweet_position
from application.tweets.views import TweetView, tweet_views
from domain.profile import Profile


class PublicTimeline:
    """Everyone's tweets without the replies, newest first."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, page: PageRequest, viewer_id: str | None = None) -> Page[TweetView]:
        async with self._uow(read_only=True) as uow:
            cut = page_of(await uow.discovery.public(page), page, tweet_position)
            views = await tweet_views(uow, cut.items, viewer_id)
        return Page(items=views, next_cursor=cut.next_cursor)


class FollowSuggestions:
    """Profiles the user does not follow, ranked by follows from those they follow."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, user_id: str) -> list[Profile]:
        async with self._uow(read_only=True) as uow:
            return await uow.discovery.suggestions(user_id, SUGGESTIONS_SIZE)
