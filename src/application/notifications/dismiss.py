"""One notification by id, and dismissing one or all of them."""

from __future__ import annotations

from application.notifications.inbox import NotificationView
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from application.tweets.views import views_and_profiles
from domain.errors import NotFound


class GetNotification:
    """Someone else's notification answers as an unknown one: it reveals nothing."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, recipient_id: str, notification_id: str) -> NotificationView:
        async with self._uow(read_only=True) as uow:
            found = await uow.notifications.get(notification_id)
            if found is None or found.recipient_id != recipient_id:
                raise NotFound("notification")
            tweets = await uow.tweets.get_many([found.tweet_id] if found.tweet_id else [])
            views, profiles = await views_and_profiles(
                uow, list(tweets.values()), recipient_id, extra_profile_ids={found.actor_id}
            )
        actor = profiles.get(found.actor_id)
        if actor is None or (found.tweet_id is not None and not views):
            raise NotFound("notification")
        return NotificationView(notification=found, actor=actor, tweet=views[0] if views else None)


class DismissNotification:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, recipient_id: str, notification_id: str) -> None:
        async with self._uow() as uow:
            if not await uow.notifications.dismiss(recipient_id, notification_id):
                raise NotFound("notification")
            await uow.commit()


class ClearNotifications:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, recipient_id: str) -> None:
        async with self._uow() as uow:
            await uow.notifications.clear(recipient_id)
            await uow.commit()
