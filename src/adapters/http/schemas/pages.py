"""The page envelope every list answers with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import msgspec

from application.pagination import Page

T = TypeVar("T")
S = TypeVar("S")


class PageOut(msgspec.Struct, Generic[T]):
    items: list[T]
    next_cursor: str | None


def page_out(page: Page[S], convert: Callable[[S], T]) -> PageOut[T]:
    return PageOut(items=[convert(item) for item in page.items], next_cursor=page.next_cursor)
