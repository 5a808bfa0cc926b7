from __future__ import annotations

from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import NotFound


class MarkNotificationsRead:
    """All of the recipient's notifications, or the one named and every older one.
    Someone else's notification id answers as an unknown one: it reveals nothing."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, recipient_id: str, up_to: str | None = None) -> None:
        async with self._uow() as uow:
            mark = None
            if up_to is not None:
                mark = await uow.notifications.get(up_to)
                if mark is None or mark.recipient_id != recipient_id:
                    raise NotFound("notification")
            await uow.notifications.mark_read(recipient_id, mark)
            await uow.commit()
