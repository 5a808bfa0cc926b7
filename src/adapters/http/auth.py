"""Bearer tokens at the edge. Any token that is sent must be valid, on every endpoint,
so a client learns at once that it has to log in again."""

from __future__ import annotations

from typing import Any, TypeAlias, cast

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from adapters.http.services import services_of

BEARER_SECURITY: list[dict[str, list[str]]] = [{"BearerToken": []}]
AnyRequest: TypeAlias = Request[Any, Any, Any]
# The route option of the endpoints that need a signed-in caller (401 otherwise), checked
# by the app's one guard (edge_checks.py): a route guard of its own would cost Litestar's
# copy of the route handler on every request.
SIGNED_IN = "signed_in"
SIGNED_IN_ONLY: dict[str, Any] = {SIGNED_IN: True}


def _state(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
    # The scope's own state dict: `connection.state` builds a new wrapper on each use.
    state: dict[str, Any] = connection.scope.setdefault("state", {})
    return state


async def resolve_viewer(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    state = _state(connection)
    state["viewer_id"] = None
    state["token"] = None
    header = connection.headers.get("authorization")
    if header is None:
        return
    scheme, _separator, secret = header.strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        raise NotAuthorizedException("the Authorization header must be 'Bearer <token>'")
    authenticate = services_of(connection).authenticate()
    state["viewer_id"] = await authenticate(secret)
    state["token"] = secret


def signed_in_only(handler: BaseRouteHandler) -> bool:
    return bool(handler.opt.get(SIGNED_IN))


async def requires_auth(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """401 for an anonymous call to a route marked SIGNED_IN_ONLY."""
    # OPTIONS only lists the methods of a path: anyone may ask.
    if (
        signed_in_only(handler)
        and connection.scope.get("method") != "OPTIONS"
        and _state(connection).get("viewer_id") is None
    ):
        raise NotAuthorizedException("log in and send 'Authorization: Bearer <token>'")


def viewer_of(request: Request[Any, Any, Any]) -> str | None:
    """The signed-in profile's id, None for an anonymous request."""
    return _state(request).get("viewer_id")


def user_of(request: Request[Any, Any, Any]) -> str:
    """The signed-in profile's id; 401 for an anonymous request."""
    viewer_id = _state(request).get("viewer_id")
    if viewer_id is None:
        raise NotAuthorizedException("log in first")
    return viewer_id  # type: ignore[no-any-return]


provide_viewer_id = viewer_of
provide_user_id = user_of


def provide_token(request: Request[Any, Any, Any]) -> str:
    return cast(str, _state(request).get("token"))
