"""The browser session: a cookie holding a revocable access token from the log-in use
case, and a double-submit CSRF token every form carries back."""

from __future__ import annotations

import secrets
from typing import Any

from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from domain.errors import AuthenticationFailed

SESSION_COOKIE = "chirp_session"
CSRF_COOKIE = "chirp_csrf"
CSRF_FIELD = "csrf"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
AnyConnection = ASGIConnection[Any, Any, Any, Any]
AnyRequest = Request[Any, Any, Any]


def is_https(connection: AnyConnection) -> bool:
    return connection.url.scheme == "https"


def _cookie(connection: AnyConnection, key: str, value: str, **extra: Any) -> Cookie:
    return Cookie(
        key=key,
        value=value,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_https(connection),
        **extra,
    )


def session_cookie(connection: AnyConnection, secret: str, max_age: int) -> Cookie:
    return _cookie(connection, SESSION_COOKIE, secret, max_age=max_age)


def expired_session_cookie(connection: AnyConnection) -> Cookie:
    return _cookie(connection, SESSION_COOKIE, "", max_age=0, expires=0)


async def resolve_session(connection: AnyConnection, _: BaseRouteHandler) -> None:
    """A guard: the signed-in profile's id, or None. A stale cookie counts as none and is
    cleared on the way out."""
    connection.state.web_viewer_id = None
    connection.state.web_viewer = None
    connection.state.web_session = None
    secret = connection.cookies.get(SESSION_COOKIE)
    if not secret:
        return
    authenticate = connection.app.state.use_cases.authenticate()
    try:
        viewer_id = await authenticate(secret)
    except AuthenticationFailed:
        connection.state.web_stale_session = True
        return
    connection.state.web_viewer = await connection.app.state.use_cases.get_me()(viewer_id)
    connection.state.web_viewer_id = viewer_id
    connection.state.web_session = secret


class SignInRequired(Exception):
    """A page that needs a session was asked for without one: answered with a redirect
    to the log-in page."""


async def require_session(connection: AnyConnection, _: BaseRouteHandler) -> None:
    if connection.state.get("web_viewer_id") is None:
        raise SignInRequired()


def viewer_id_of(connection: AnyConnection) -> str | None:
    return connection.state.get("web_viewer_id")  # type: ignore[no-any-return]


def session_secret_of(connection: AnyConnection) -> str | None:
    return connection.state.get("web_session")  # type: ignore[no-any-return]


def csrf_token_of(connection: AnyConnection) -> str:
    """The token forms carry: the cookie's, or a fresh one the answer will set."""
    token = connection.cookies.get(CSRF_COOKIE) or connection.state.get("web_new_csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        connection.state.web_new_csrf = token
    return str(token)


def rotate_csrf(connection: AnyConnection) -> None:
    """A new token whenever the session changes hands, so one planted before log-in
    is worth nothing after it."""
    connection.state.web_new_csrf = secrets.token_urlsafe(32)


def finish_cookies(connection: AnyConnection, response: Response[Any]) -> Response[Any]:
    """Sets a CSRF cookie handed out while rendering, and clears a stale session."""
    new_csrf = connection.state.get("web_new_csrf")
    if new_csrf:
        response.set_cookie(_cookie(connection, CSRF_COOKIE, new_csrf))
    if connection.state.get("web_stale_session"):
        response.set_cookie(expired_session_cookie(connection))
    return response


async def require_csrf(connection: AnyConnection, _: BaseRouteHandler) -> None:
    """A guard on every unsafe request: the form's token must equal the cookie's, which a
    page on another site can neither read nor set."""
    if connection.scope.get("method") not in UNSAFE_METHODS:
        return
    expected = connection.cookies.get(CSRF_COOKIE, "")
    request = connection if isinstance(connection, Request) else Request(connection.scope)
    form = await request.form()
    sent = form.get(CSRF_FIELD, "")
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise PermissionDeniedException("the form is out of date: reload the page and retry")
