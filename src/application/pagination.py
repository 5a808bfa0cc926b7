"""Keyset pages: a cursor names the last item seen by its (moment, key), so rows written
between two requests never make a later page skip or repeat an item."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

from domain.errors import InvalidInput

T = TypeVar("T")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _invalid_cursor() -> InvalidInput:
    return InvalidInput.of("cursor", "is not a cursor this server gave out")


@dataclass(frozen=True, order=True)
class Cursor:
    """A position in a list ordered newest first by (at, key): the last item seen."""

    at: datetime
    key: str

    def encode(self) -> str:
        micros = (self.at - EPOCH) // timedelta(microseconds=1)
        raw = f"{micros}|{self.key}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            padded = value + "=" * (-len(value) % 4)
            text = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
            micros, key = text.split("|", 1)
            at = EPOCH + timedelta(microseconds=int(micros))
        except (ValueError, binascii.Error, UnicodeError, OverflowError):
            raise _invalid_cursor() from None
        if not key or not key.isascii():
            raise _invalid_cursor()
        return cls(at=at, key=key)


@dataclass(frozen=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    after: Cursor | None = None

    @classmethod
    def parse(cls, limit: int | None, cursor: str | None) -> PageRequest:
        size = DEFAULT_LIMIT if limit is None else limit
        if not 1 <= size <= MAX_LIMIT:
            raise InvalidInput.of("limit", f"must be between 1 and {MAX_LIMIT}")
        return cls(limit=size, after=Cursor.decode(cursor) if cursor else None)

    @property
    def fetch(self) -> int:
        """Storage is asked for one row more than the page holds, to learn if more exist."""
        return self.limit + 1


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def page_of(rows: list[T], request: PageRequest, position: Callable[[T], Cursor]) -> Page[T]:
    """Cut the `request.fetch` rows storage returned (newest first) into a page."""
    items = rows[: request.limit]
    more = len(rows) > request.limit
    return Page(items=items, next_cursor=position(items[-1]).encode() if more else None)
