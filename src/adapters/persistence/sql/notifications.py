from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.statements import newest_first
from adapters.persistence.sql.tables import notifications
from application.pagination import PageRequest
from domain.notification import Notification, NotificationKind

_n = notifications.c


def _notification_from_row(row: Any) -> Notification:
    return Notification(
        id=row.id,
        recipient_id=row.recipient_id,
        kind=NotificationKind(row.kind),
        actor_id=row.actor_id,
        tweet_id=row.tweet_id,
        created_at=row.created_at,
        read=row.read,
    )


def _not_after(at: Any, key: str) -> Any:
    """At or older than (at, key) in (created_at, id) order."""
    return or_(_n.created_at < at, and_(_n.created_at == at, _n.id <= key))


class SqlNotifications:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, notification: Notification) -> None:
        await self._c.execute(
            insert(notifications).values(
                id=notification.id,
                recipient_id=notification.recipient_id,
                kind=notification.kind.value,
                actor_id=notification.actor_id,
                tweet_id=notification.tweet_id,
                created_at=notification.created_at,
                read=notification.read,
            )
        )

    async def remove_about(
        self, *, kind: NotificationKind, actor_id: str, recipient_id: str, tweet_id: str | None
    ) -> None:
        same_tweet = _n.tweet_id.is_(None) if tweet_id is None else _n.tweet_id == tweet_id
        await self._c.execute(
            delete(notifications).where(
                _n.actor_id == actor_id,
                _n.kind == kind.value,
                _n.recipient_id == recipient_id,
                same_tweet,
            )
        )

    async def remove_of_tweet(self, tweet_id: str) -> None:
        await self._c.execute(delete(notifications).where(_n.tweet_id == tweet_id))

    async def of_recipient(
        self, recipient_id: str, page: PageRequest, *, unread_only: bool = False
    ) -> list[Notification]:
        statement = select(notifications).where(_n.recipient_id == recipient_id)
        if unread_only:
            statement = statement.where(_n.read.is_(False))
        statement = newest_first(statement, _n.created_at, _n.id, page)
        return [_notification_from_row(row) for row in await self._c.execute(statement)]

    async def unread_count(self, recipient_id: str) -> int:
        statement = (
            select(func.count())
            .select_from(notifications)
            .where(_n.recipient_id == recipient_id, _n.read.is_(False))
        )
        return int((await self._c.execute(statement)).scalar_one())

    async def get(self, notification_id: str) -> Notification | None:
        row = (await self._c.execute(select(notifications).where(_n.id == notification_id))).first()
        return _notification_from_row(row) if row else None

    async def mark_read(self, recipient_id: str, up_to: Notification | None) -> None:
        statement = update(notifications).where(_n.recipient_id == recipient_id, _n.read.is_(False))
        if up_to is not None:
            statement = statement.where(_not_after(up_to.created_at, up_to.id))
        await self._c.execute(statement.values(read=True))

    async def dismiss(self, recipient_id: str, notification_id: str) -> bool:
        result = await self._c.execute(
            delete(notifications).where(_n.id == notification_id, _n.recipient_id == recipient_id)
        )
        return bool(result.rowcount)

    async def clear(self, recipient_id: str) -> None:
        await self._c.execute(delete(notifications).where(_n.recipient_id == recipient_id))
