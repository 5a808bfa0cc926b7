"""Checking stored counts against the rows they count, across the whole database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class CountMismatch:
    """A stored count that differs from the number of rows it counts."""

    table: str
    row_id: str
    label: str
    count: str
    stored: int
    actual: int


class IntegrityChecker(Protocol):
    async def count_mismatches(self) -> list[CountMismatch]:
        """Every profile's followers/following/tweets count and every tweet's
        like/retweet/reply count that differs from its rows."""
        ...

    async def repair_counts(self) -> int:
        """Sets every such count to its number of rows, in one transaction; returns how
        many counts changed."""
        ...

    async def stale_follow_lists(self) -> list[str]:
        """The usernames whose stored list of followed profiles (the suggestions' copy)
        differs from their follow rows."""
        ...

    async def rebuild_follow_lists(self) -> None:
        """Builds every such list again from the follow rows, in one transaction."""
        ...

    async def media_created(self) -> dict[str, datetime]:
        """The storage key and creation time of every media record."""
        ...
