"""Your notifications, newest first, each with its actor and (for likes and retweets)
the tweet as you see it."""

from __future__ import annotations

from dataclasses import dataclass

from application.pagination import Cursor, Page, PageRequest, page_of
from application.transaction import UnitOfWorkFactory
from application.tweets.views import TweetView, views_and_profiles
from domain.notification import Notification
from domain.profile import Profile


@dataclass(frozen=True)
class NotificationView:
    notification: Notification
    actor: Profile
    tweet: TweetView | None

    @property
    def message(self) -> str:
        return self.notification.message(self.actor.username)


def _position(notification: Notification) -> Cursor:
    return Cursor(notification.created_at, notification.id)


class ListNotifications:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(
        self, recipient_id: str, page: PageRequest, *, unread_only: bool = False
    ) -> Page[NotificationView]:
        async with self._uow(read_only=True) as uow:
            rows = await uow.notifications.of_recipient(recipient_id, page, unread_only=unread_only)
            cut = page_of(rows, page, _position)
            tweet_ids = sorted({n.tweet_id for n in cut.items if n.tweet_id is not None})
            found = await uow.tweets.get_many(tweet_ids)
            # Actors are loaded in the same read as the tweets' authors.
            views, profiles = await views_and_profiles(
                uow,
                [found[i] for i in tweet_ids if i in found],
                recipient_id,
                extra_profile_ids={n.actor_id for n in cut.items},
            )
        by_tweet = {view.tweet.id: view for view in views}
        items = [
            NotificationView(
                notification=n,
                actor=profiles[n.actor_id],
                tweet=by_tweet[n.tweet_id] if n.tweet_id is not None else None,
            )
            for n in cut.items
            # A notification outliving its actor or tweet (a delete in flight) is left out.
            if n.actor_id in profiles and (n.tweet_id is None or n.tweet_id in by_tweet)
        ]
        return Page(items=items, next_cursor=cut.next_cursor)


class CountUnreadNotifications:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, recipient_id: str) -> int:
        async with self._uow(read_only=True) as uow:
            return await uow.notifications.unread_count(recipient_id)
