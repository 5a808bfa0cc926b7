"""Reading a request the way Mastodon does: parameters may come in the query string,
as a form (urlencoded or multipart) or as JSON, and lists as `name[]`."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import UploadFile

from adapters.mastodon.errors import ApiError

AnyRequest = Request[Any, Any, Any]


class Params:
    def __init__(self, values: dict[str, list[Any]]) -> None:
        self._values = values

    def get(self, name: str, default: str | None = None) -> str | None:
        found = self._values.get(name) or self._values.get(f"{name}[]")
        if not found:
            return default
        value = found[0]
        if isinstance(value, UploadFile):
            return default
        return value if isinstance(value, str) else _text(value)

    def many(self, name: str) -> list[str]:
        found = (self._values.get(f"{name}[]") or []) + (self._values.get(name) or [])
        return [v if isinstance(v, str) else _text(v) for v in found if v is not None]

    def file(self, name: str) -> UploadFile | None:
        for value in self._values.get(name) or []:
            if isinstance(value, UploadFile):
                return value
        return None

    def values(self, name: str) -> list[Any]:
        """Every value sent under `name`, as sent (a JSON body may nest objects)."""
        return list(self._values.get(name) or [])

    def flag(self, name: str) -> bool:
        return (self.get(name) or "").lower() in {"1", "true", "on", "yes"}

    def integer(self, name: str, default: int, lowest: int, highest: int) -> int:
        raw = self.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ApiError(422, f"Validation failed: {name} must be a whole number") from None
        return max(lowest, min(highest, value))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _add(values: dict[str, list[Any]], name: str, value: Any) -> None:
    if isinstance(value, list):
        values.setdefault(name, []).extend(value)
    else:
        values.setdefault(name, []).append(value)


async def params_of(request: AnyRequest, *, body: bool = True) -> Params:
    values: dict[str, list[Any]] = {}
    for name, value in request.query_params.multi_items():
        _add(values, name, value)
    if not body or request.method in {"GET", "HEAD"}:
        return Params(values)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            document = await request.json()
        except Exception:
            raise ApiError(400, "The request body is not valid JSON") from None
        if isinstance(document, dict):
            for name, value in document.items():
                _add(values, name, value)
    elif content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        for name, value in form.multi_items():
            _add(values, name, value)
    return Params(values)


def base_url(request: AnyRequest) -> str:
    """This server's origin as the client reached it, for absolute URLs in entities."""
    return str(request.base_url).rstrip("/")
