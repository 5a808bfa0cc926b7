"""Notifications (follow, favourite, reblog), their unread count, and markers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Response, get, post
from litestar.params import FromPath

from adapters.mastodon import convert
from adapters.mastodon import entities as m
from adapters.mastodon.auth import use_cases, user_id
from adapters.mastodon.paging import id_page, link_header, newer_only, window_of
from adapters.mastodon.requests import AnyRequest, Params, base_url, params_of
from application.notifications.inbox import NotificationView
from application.pagination import Page
from domain.errors import NotFound


@get("/api/v1/notifications")
async def notifications(request: AnyRequest) -> Response[Any]:
    me = await user_id(request, "read:notifications")
    params = await params_of(request)
    window = window_of(params, highest=80)
    cases = use_cases(request)

    async def moment(notification_id: str) -> datetime | None:
        try:
            view = await cases.get_notification()(me, notification_id)
        except NotFound:
            return None
        at: datetime = view.notification.created_at
        return at

    found: Page[NotificationView] = await cases.list_notifications()(
        me, await id_page(window, moment)
    )
    base = base_url(request)
    listed = [convert.notification(view, base) for view in found.items]
    raw_last = listed[-1].id if listed and found.next_cursor else None
    kept: list[m.Notification] = newer_only(listed, [n.id for n in listed], window)  # type: ignore[assignment]
    wanted, unwanted = set(params.many("types")), set(params.many("exclude_types"))
    kept = [n for n in kept if (not wanted or n.type in wanted) and n.type not in unwanted]
    newer = listed[0].id if listed else window.newer_than
    return Response(kept, headers=link_header(request, raw_last, newer))


@get("/api/v1/notifications/unread_count")
async def unread_count(request: AnyRequest) -> dict[str, int]:
    me = await user_id(request, "read:notifications")
    return {"count": await use_cases(request).count_unread_notifications()(me)}


@post("/api/v1/notifications/clear", status_code=200)
async def clear(request: AnyRequest) -> dict[str, Any]:
    me = await user_id(request, "write:notifications")
    await use_cases(request).clear_notifications()(me)
    return {}


@get("/api/v1/notifications/{notification_id:str}")
async def notification(request: AnyRequest, notification_id: FromPath[str]) -> m.Notification:
    me = await user_id(request, "read:notifications")
    view = await use_cases(request).get_notification()(me, notification_id)
    return convert.notification(view, base_url(request))


@post("/api/v1/notifications/{notification_id:str}/dismiss", status_code=200)
async def dismiss(request: AnyRequest, notification_id: FromPath[str]) -> dict[str, Any]:
    me = await user_id(request, "write:notifications")
    await use_cases(request).dismiss_notification()(me, notification_id)
    return {}


def _markers_out(found: dict[str, Any]) -> dict[str, m.Marker]:
    return {
        name: m.Marker(
            last_read_id=marker.last_read_id,
            version=marker.version,
            updated_at=convert.iso(marker.updated_at),
        )
        for name, marker in found.items()
    }


@get("/api/v1/markers")
async def markers(request: AnyRequest) -> dict[str, m.Marker]:
    me = await user_id(request, "read:statuses")
    params = await params_of(request)
    names = params.many("timeline") or ["home", "notifications"]
    return _markers_out(await use_cases(request).get_markers()(me, names))


@post("/api/v1/markers", status_code=200)
async def save_markers(request: AnyRequest) -> dict[str, m.Marker]:
    me = await user_id(request, "write:statuses")
    params = await params_of(request)
    positions: dict[str, str] = {}
    for name in ("home", "notifications"):
        last = params.get(f"{name}[last_read_id]") or _nested(params, name)
        if last:
            positions[name] = last
    return _markers_out(await use_cases(request).save_markers()(me, positions))


def _nested(params: Params, name: str) -> str | None:
    """A JSON body names the position as {"home": {"last_read_id": "..."}}."""
    for value in params.values(name):
        if isinstance(value, dict) and value.get("last_read_id"):
            return str(value["last_read_id"])
    return None


ROUTES = [notifications, unread_count, clear, notification, dismiss, markers, save_markers]
