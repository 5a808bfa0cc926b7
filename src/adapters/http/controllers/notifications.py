from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from adapters.http.auth import BEARER_SECURITY, SIGNED_IN_ONLY, provide_user_id
from adapters.http.paging import PAGE
from adapters.http.schemas.notifications import (
    MarkReadIn,
    NotificationOut,
    UnreadCountOut,
    notification_out,
)
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.services import use_case
from application.notifications.inbox import CountUnreadNotifications, ListNotifications
from application.notifications.mark_read import MarkNotificationsRead
from application.pagination import PageRequest


class NotificationsController(Controller):
    path = "/api/v1/notifications"
    tags = ["notifications"]
    opt = SIGNED_IN_ONLY
    security = BEARER_SECURITY
    dependencies = {"user_id": Provide(provide_user_id, sync_to_thread=False)}

    @get(
        operation_id="listNotifications",
        summary="Your notifications, newest first (only the unread ones with ?unread=true)",
        dependencies={"page": PAGE, "list_notifications": use_case("list_notifications")},
    )
    async def list_notifications(
        self,
        user_id: NamedDependency[str],
        page: NamedDependency[PageRequest],
        list_notifications: NamedDependency[ListNotifications],
        unread: FromQuery[bool] = False,
    ) -> PageOut[NotificationOut]:
        found = await list_notifications(user_id, page, unread_only=unread)
        return page_out(found, notification_out)

    @get(
        "/unread_count",
        operation_id="countUnreadNotifications",
        summary="How many of your notifications are unread",
        dependencies={"count_unread": use_case("count_unread_notifications")},
    )
    async def unread_count(
        self,
        user_id: NamedDependency[str],
        count_unread: NamedDependency[CountUnreadNotifications],
    ) -> UnreadCountOut:
        return UnreadCountOut(count=await count_unread(user_id))

    @post(
        "/read",
        operation_id="markNotificationsRead",
        summary="Mark read every notification, or the one in up_to and every older one",
        status_code=HTTP_204_NO_CONTENT,
        dependencies={"mark_read": use_case("mark_notifications_read")},
    )
    async def mark_read(
        self,
        user_id: NamedDependency[str],
        mark_read: NamedDependency[MarkNotificationsRead],
        data: JSONBody[MarkReadIn | None] = None,
    ) -> None:
        await mark_read(user_id, data.up_to if data is not None else None)
