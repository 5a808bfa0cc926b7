"""Keyset pages over plain lists, the way the SQL adapter pages its tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from application.pagination import PageRequest

T = TypeVar("T")


def newest_first(
    rows: Iterable[T], page: PageRequest, position: Callable[[T], tuple[datetime, str]]
) -> list[T]:
    """Up to `page.fetch` rows ordered by (at, key) descending, strictly after the cursor."""
    candidates = list(rows)
    if page.after is not None:
        boundary = (page.after.at, page.after.key)
        candidates = [row for row in candidates if position(row) < boundary]
    candidates.sort(key=position, reverse=True)
    return candidates[: page.fetch]


def oldest_first(
    rows: Iterable[T], page: PageRequest, position: Callable[[T], tuple[datetime, str]]
) -> list[T]:
    """Up to `page.fetch` rows ordered by (at, key) ascending, strictly after the cursor."""
    candidates = list(rows)
    if page.after is not None:
        boundary = (page.after.at, page.after.key)
        candidates = [row for row in candidates if position(row) > boundary]
    candidates.sort(key=position)
    return candidates[: page.fetch]
