"""Abuse limits: how many requests a key (an address, a user) may make per window.

Counters live where every server process sees them (the database or Redis), so a limit
holds however many processes serve the API. A process may count in its own memory and
add its hits to the shared counters in batches (`SharedCounters.add`), so that not every
request writes to the shared store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol


@dataclass(frozen=True)
class Quota:
    limit: int
    window_seconds: int

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window_seconds < 1:
            raise ValueError("a quota needs a limit and a window of at least 1")

    @classmethod
    def parse(cls, text: str) -> Quota | None:
        """`"20/60"` is 20 requests per 60 seconds; `"off"` (or `"0"`) is no limit."""
        cleaned = text.strip().lower()
        if cleaned in {"off", "0", "none", ""}:
            return None
        count, separator, seconds = cleaned.partition("/")
        if not separator:
            raise ValueError(f"{text!r} is not 'N/SECONDS' or 'off'")
        try:
            return cls(int(count), int(seconds))
        except ValueError:
            raise ValueError(f"{text!r} is not 'N/SECONDS' or 'off'") from None


class Decision(NamedTuple):
    """The outcome of one hit. `reset_seconds` is how long until the window starts
    again; `retry_after_seconds` is 0 when allowed. A named tuple: one is made per
    request, and it is the cheapest immutable record to make."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int
    retry_after_seconds: int


def fixed_window(now: float, window_seconds: int) -> tuple[int, int]:
    """The window `now` (epoch seconds) falls in: its start, and whole seconds to its end
    (at least 1). Windows are aligned on the epoch so every process agrees on them."""
    # Integer arithmetic (this runs on every request): for now > 0, the ceiling of
    # `start + window - now` is `start + window - int(now)`.
    whole = int(now)
    start = whole - whole % window_seconds
    return start, start + window_seconds - whole


def decide(count: int, quota: Quota, reset_seconds: int) -> Decision:
    """`count` is the number of hits in the window, this one included."""
    if count <= quota.limit:
        return Decision(True, quota.limit, quota.limit - count, reset_seconds, 0)
    return Decision(False, quota.limit, 0, reset_seconds, reset_seconds)


class RateLimiter(Protocol):
    async def hit(self, key: str, quota: Quota) -> Decision:
        """Count one request against `key` in the current fixed window, atomically, and
        say whether it is within the quota. Denied requests count too."""
        ...


@dataclass(frozen=True)
class Counter:
    """One key's counter in one fixed window. The window length is part of its name, so
    two quotas on one key never mix."""

    key: str
    window_seconds: int
    window_start: int

    @property
    def ends_at(self) -> int:
        return self.window_start + self.window_seconds


class SharedCounters(Protocol):
    async def add(self, hits: Mapping[Counter, int]) -> dict[Counter, int]:
        """Add each number of hits to its counter, atomically per counter, and return
        every counter's total afterwards (the hits of every process included)."""
        ...
