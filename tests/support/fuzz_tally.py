"""Counting the requests a fuzzing run made, by status, for the README's figures."""

from __future__ import annotations

from collections import Counter


class FuzzTally:
    def __init__(self) -> None:
        self.by_status: Counter[int] = Counter()

    def count(self, status: int) -> None:
        self.by_status[status] += 1

    @property
    def total(self) -> int:
        return sum(self.by_status.values())
