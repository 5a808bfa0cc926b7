"""Mastodon's pages: `max_id` (older than), `since_id` (newer than, newest first) and
`min_id` (just newer than), answered with a `Link` header naming the next and previous
pages. Chirp's ids sort by time, so an id is a position in a newest-first list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from adapters.mastodon.errors import ApiError
from adapters.mastodon.requests import AnyRequest, Params
from application.pagination import Cursor, PageRequest

DEFAULT_LIMIT = 20
MAX_LIMIT = 40
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PAGING_PARAMS = {"max_id", "since_id", "min_id"}


@dataclass(frozen=True)
class Window:
    limit: int
    max_id: str | None
    since_id: str | None
    min_id: str | None

    @property
    def newer_than(self) -> str | None:
        return self.min_id or self.since_id


def window_of(params: Params, *, highest: int = MAX_LIMIT) -> Window:
    return Window(
        limit=params.integer("limit", DEFAULT_LIMIT, 1, highest),
        max_id=params.get("max_id") or None,
        since_id=params.get("since_id") or None,
        min_id=params.get("min_id") or None,
    )


def moment_of_id(value: str) -> datetime:
    """The millisecond a time-sorted (ULID) id was made in; 422 for anything else."""
    if len(value) != 26 or any(ch not in CROCKFORD for ch in value.upper()):
        raise ApiError(422, "Validation failed: the id is not one this server gave out")
    number = 0
    for ch in value.upper():
        number = number * 32 + CROCKFORD.index(ch)
    return EPOCH + timedelta(milliseconds=number >> 80)


Locate = Callable[[str], Awaitable[datetime | None]]


async def id_page(window: Window, locate: Locate | None = None) -> PageRequest:
    """The request for items older than `max_id`. `locate` finds the item's own moment
    when it can (exact); otherwise the id's millisecond stands for it."""
    if window.max_id is None:
        return PageRequest(limit=window.limit)
    moment = await locate(window.max_id) if locate else None
    if moment is None:
        moment = moment_of_id(window.max_id)
    return PageRequest(limit=window.limit, after=Cursor(moment, window.max_id))


def newer_only(items: Sequence[object], ids: Sequence[str], window: Window) -> list[object]:
    """Keep the items strictly newer than since_id/min_id (ids sort by time)."""
    bound = window.newer_than
    if bound is None:
        return list(items)
    return [item for item, item_id in zip(items, ids, strict=True) if item_id > bound]


def cursor_page(window: Window) -> PageRequest:
    """Lists whose positions are not ids (followers, favourites): `max_id` carries Chirp's
    own cursor, as Mastodon's do its internal ids."""
    return PageRequest.parse(window.limit, window.max_id)


def link_header(
    request: AnyRequest, next_max_id: str | None, prev_min_id: str | None
) -> dict[str, str]:
    kept = [
        (name, value)
        for name, value in request.query_params.multi_items()
        if name not in PAGING_PARAMS
    ]
    path = f"{str(request.base_url).rstrip('/')}{request.url.path}"
    links = []
    if next_max_id is not None:
        links.append(f'<{path}?{urlencode([*kept, ("max_id", next_max_id)])}>; rel="next"')
    if prev_min_id is not None:
        links.append(f'<{path}?{urlencode([*kept, ("min_id", prev_min_id)])}>; rel="prev"')
    return {"Link": ", ".join(links)} if links else {}
