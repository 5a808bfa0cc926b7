"""The web client as one Litestar router, plus what the app needs to serve it: the
template engine, the static files and the page headers."""

from __future__ import annotations

from typing import Any

from litestar import Router
from litestar.static_files import create_static_files_router

from adapters.web.errors import PAGE_EXCEPTION_HANDLERS
from adapters.web.limits import enforce_page_limits
from adapters.web.pages import accounts, discovery, notifications, profiles, timeline, tweets
from adapters.web.rendering import STATIC, template_config
from adapters.web.security import add_page_headers
from adapters.web.session import require_csrf, resolve_session

__all__ = ["add_page_headers", "template_config", "web_route_handlers"]

PAGES = [
    accounts.signup_form,
    accounts.signup,
    accounts.login_form,
    accounts.login,
    accounts.logout,
    accounts.edit_profile_form,
    accounts.edit_profile,
    accounts.set_picture,
    timeline.home,
    timeline.compose,
    tweets.tweet_page,
    tweets.like,
    tweets.unlike,
    tweets.retweet,
    tweets.unretweet,
    tweets.delete,
    profiles.profile,
    profiles.profile_with_replies,
    profiles.profile_likes,
    profiles.followers,
    profiles.following,
    profiles.follow,
    profiles.unfollow,
    notifications.notifications,
    discovery.search,
    discovery.hashtag,
]


def web_route_handlers() -> list[Any]:
    pages = Router(
        path="/",
        route_handlers=PAGES,
        # Order matters: the session decides whose quota a request counts against.
        guards=[resolve_session, enforce_page_limits, require_csrf],
        exception_handlers=PAGE_EXCEPTION_HANDLERS,
        include_in_schema=False,
    )
    static = create_static_files_router(
        path="/static", directories=[STATIC], name="web_static", include_in_schema=False
    )
    return [pages, static]
