from __future__ import annotations

from dataclasses import replace

from adapters.persistence.memory.keyset import newest_first
from adapters.persistence.memory.store import MemoryTables
from application.pagination import PageRequest
from domain.notification import Notification, NotificationKind


class MemoryNotifications:
    def __init__(self, tables: MemoryTables) -> None:
        self._rows: dict[str, Notification] = tables.extra.setdefault("notifications", {})

    async def add(self, notification: Notification) -> None:
        self._rows[notification.id] = notification

    async def remove_about(
        self, *, kind: NotificationKind, actor_id: str, recipient_id: str, tweet_id: str | None
    ) -> None:
        for n in list(self._rows.values()):
            if (n.kind, n.actor_id, n.recipient_id, n.tweet_id) == (
                kind,
                actor_id,
                recipient_id,
                tweet_id,
            ):
                del self._rows[n.id]

    async def remove_of_tweet(self, tweet_id: str) -> None:
        for n in list(self._rows.values()):
            if n.tweet_id == tweet_id:
                del self._rows[n.id]

    async def of_recipient(
        self, recipient_id: str, page: PageRequest, *, unread_only: bool = False
    ) -> list[Notification]:
        return newest_first(
            (
                n
                for n in self._rows.values()
                if n.recipient_id == recipient_id and not (unread_only and n.read)
            ),
            page,
            lambda n: (n.created_at, n.id),
        )

    async def unread_count(self, recipient_id: str) -> int:
        return sum(1 for n in self._rows.values() if n.recipient_id == recipient_id and not n.read)

    async def get(self, notification_id: str) -> Notification | None:
        return self._rows.get(notification_id)

    async def mark_read(self, recipient_id: str, up_to: Notification | None) -> None:
        for n in list(self._rows.values()):
            if n.recipient_id != recipient_id or n.read:
                continue
            if up_to is None or (n.created_at, n.id) <= (up_to.created_at, up_to.id):
                self._rows[n.id] = replace(n, read=True)

    async def dismiss(self, recipient_id: str, notification_id: str) -> bool:
        found = self._rows.get(notification_id)
        if found is None or found.recipient_id != recipient_id:
            return False
        del self._rows[notification_id]
        return True

    async def clear(self, recipient_id: str) -> None:
        for n in list(self._rows.values()):
            if n.recipient_id == recipient_id:
                del self._rows[n.id]
