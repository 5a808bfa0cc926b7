"""Bearer tokens at the edge. Any token that is sent must be valid, on every endpoint,
so a client learns at once that it has to log in again."""

from __future__ import annotations

from typing import Any, TypeAlias

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from adapters.http.services import services_of

BEARER_SECURITY: list[dict[str, list[str]]] = [{"BearerToken": []}]
AnyRequest: TypeAlias = Request[Any, Any, Any]


async def resolve_viewer(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    connection.state.viewer_id = None
    connection.state.token = None
    header = connection.headers.get("authorization")
    if header is None:
        return
    scheme, _separator, secret = header.strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        raise NotAuthorizedException("the Authorization header must be 'Bearer <token>'")
    authenticate = services_of(connection).authenticate()
    connection.state.viewer_id = await authenticate(secret)
    connection.state.token = secret


async def requires_auth(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    # OPTIONS only lists the methods of a path: anyone may ask.
    if connection.scope.get("method") != "OPTIONS" and connection.state.get("viewer_id") is None:
        raise NotAuthorizedException("log in and send 'Authorization: Bearer <token>'")


def viewer_of(request: Request[Any, Any, Any]) -> str | None:
    """The signed-in profile's id, None for an anonymous request."""
    return request.state.get("viewer_id")  # type: ignore[no-any-return]


def user_of(request: Request[Any, Any, Any]) -> str:
    """The signed-in profile's id; 401 for an anonymous request."""
    viewer_id = request.state.get("viewer_id")
    if viewer_id is None:
        raise NotAuthorizedException("log in first")
    return viewer_id  # type: ignore[no-any-return]


provide_viewer_id = viewer_of
provide_user_id = user_of


def provide_token(request: Request[Any, Any, Any]) -> str:
    return request.state.get("token")  # type: ignore[no-any-return]
