"""Notifications: the unread ones marked, and marked read once they have been shown."""

from __future__ import annotations

from litestar import get
from litestar.response import Template

from adapters.web.rendering import page, page_request, wants_fragment
from adapters.web.session import AnyRequest, require_session


@get("/notifications", name="web_notifications", guards=[require_session])
async def notifications(request: AnyRequest) -> Template:
    use_cases = request.app.state.use_cases
    me = request.state.web_viewer_id
    found = await use_cases.list_notifications()(me, page_request(request))
    if found.items and not found.items[0].notification.read:
        # What this page shows has been seen: it and everything older becomes read.
        await use_cases.mark_notifications_read()(me, found.items[0].notification.id)
    template = "fragments/notifications.html" if wants_fragment(request) else "notifications.html"
    return await page(request, template, notifications=found)
