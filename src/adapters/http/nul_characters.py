"""The NUL character is refused at the door.

No name, id or text of ours may hold U+0000, and PostgreSQL cannot even compare a
string that does (SQLite can), so one that reaches a query fails there. Refusing it here,
before any use case runs, gives one answer on every backend: 404 in a path (no such
resource can exist), 422 in the query or a JSON body, naming the field."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException, ValidationException
from litestar.handlers.base import BaseRouteHandler

from adapters.http.auth import signed_in_only

NUL = "\x00"
MESSAGE = "must not contain the NUL character"


async def refuse_nul_characters(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    if any(NUL in str(value) for value in connection.path_params.values()):
        raise NotFoundException("not found")
    for name, value in connection.query_params.multi_items():
        if NUL in name or NUL in value:
            raise _invalid(name)
    viewer_id = connection.scope.get("state", {}).get("viewer_id")
    if viewer_id is None and signed_in_only(handler):
        return  # the body of an anonymous call to a protected route is never read: 401 first
    if isinstance(connection, Request) and _is_json(connection.headers.get("content-type", "")):
        field = _field_holding_nul(await connection.body())
        if field is not None:
            raise _invalid(field)


def _is_json(content_type: str) -> bool:
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _field_holding_nul(body: bytes) -> str | None:
    if b"\\u0000" not in body:  # JSON can only carry NUL escaped; most bodies stop here
        return None
    try:
        document = msgspec.json.decode(body)
    except msgspec.DecodeError:
        return None  # malformed JSON: the handler answers 400 as usual
    return _find(document, "")


def _find(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        return (path or "body") if NUL in value else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _find(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


def _invalid(field: str) -> ValidationException:
    # Shaped like Litestar's own validation errors, so problems.py names the field.
    return ValidationException(extra=[{"key": field, "message": MESSAGE}])
