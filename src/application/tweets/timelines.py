"""A profile's own tweets (and retweets), and the home timeline of a signed-in user."""

from __future__ import annotations

from application.pagination import Cursor, Page, PageRequest, page_of
from application.ports.social import EntryRow
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory
from application.tweets.views import EntryView, views_and_profiles
from domain.errors import NotFound


def _entry_position(row: EntryRow) -> Cursor:
    return Cursor(row.at, row.key)


async def _entries(
    uow: UnitOfWork, rows: list[EntryRow], page: PageRequest, viewer_id: str | None
) -> Page[EntryView]:
    """Storage found the rows; the tweets, people, media and flags behind them come in a
    fixed number of batched reads."""
    cut = page_of(rows, page, _entry_position)
    found = await uow.tweets.get_many(sorted({row.tweet_id for row in cut.items}))
    tweets = list(found.values())
    retweeters = {row.retweeted_by_id for row in cut.items if row.retweeted_by_id}
    views, profiles = await views_and_profiles(uow, tweets, viewer_id, retweeters)
    by_tweet = {view.tweet.id: view for view in views}
    entries = []
    for row in cut.items:
        view = by_tweet.get(row.tweet_id)
        retweeter = profiles.get(row.retweeted_by_id) if row.retweeted_by_id else None
        if view is None or (row.retweeted_by_id and retweeter is None):
            continue
        entries.append(EntryView(tweet=view, retweeted_by=retweeter, at=row.at, key=row.key))
    return Page(items=entries, next_cursor=cut.next_cursor)


class ProfileTweets:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self,
        username: str,
        page: PageRequest,
        *,
        include_retweets: bool = True,
        include_replies: bool = True,
        viewer_id: str | None = None,
    ) -> Page[EntryView]:
        async with self._uow(read_only=True) as uow:
            profile = await uow.profiles.get_by_username(username)
            if profile is None:
                raise NotFound("profile")
            rows = await uow.timelines.of_profile(
                profile.id, page, include_retweets=include_retweets, include_replies=include_replies
            )
            return await _entries(uow, rows, page, viewer_id)


class HomeTimeline:
    """Your own and followed profiles' tweets and retweets, newest first."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, user_id: str, page: PageRequest) -> Page[EntryView]:
        async with self._uow(read_only=True) as uow:
            rows = await uow.timelines.home(user_id, page)
            return await _entries(uow, rows, page, user_id)
