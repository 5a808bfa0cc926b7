"""Searching tweets by words, #tags and @names, and profiles by name prefix."""

from __future__ import annotations

from application.pagination import EPOCH, Cursor, Page, PageRequest, page_of
from application.ports.conversations import TweetSearch
from application.transaction import UnitOfWorkFactory
from application.tweets.threads import tweet_position
from application.tweets.views import TweetView, tweet_views
from domain.profile import Profile
from domain.search import TweetQuery, profile_query


def _profile_position(profile: Profile) -> Cursor:
    return Cursor(EPOCH, profile.username_key)


class SearchTweets:
    """Newest first. An `@name` naming nobody matches nothing."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, q: str, page: PageRequest, viewer_id: str | None = None
    ) -> Page[TweetView]:
        query = TweetQuery.parse(q)
        async with self._uow(read_only=True) as uow:
            named = await uow.profiles.get_many_by_usernames(list(query.mention_names))
            if len(named) < len(query.mention_names):
                return Page(items=[], next_cursor=None)
            search = TweetSearch(
                words=query.words,
                hashtags=query.hashtags,
                mention_ids=tuple(named[name].id for name in query.mention_names),
            )
            cut = page_of(await uow.search.tweets(search, page), page, tweet_position)
            views = await tweet_views(uow, cut.items, viewer_id)
        return Page(items=views, next_cursor=cut.next_cursor)


class SearchProfiles:
    """Username prefix or display-name word prefix, ordered by username."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, q: str, page: PageRequest) -> Page[Profile]:
        prefix = profile_query(q)
        async with self._uow(read_only=True) as uow:
            rows = await uow.search.profiles(prefix, page)
        return page_of(rows, page, _profile_position)
